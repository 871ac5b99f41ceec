/* The event table (sorted and counted on the server) and the evidence of one event. */
import { $, clear, countries, el, externalLink, hashLink, highlighted, names } from "../dom.js";
import { api, status } from "../api.js";
import { FILTER_KEYS, filterParams, isCurrent, quiet, state } from "../state.js";
import { define } from "./codebook.js";

var eventRows = [];      // loaded event rows (all pages so far)
var eventNext = null;
var eventTotal = null;   // how many events the filters match (asked with the first page)

// --- events table + evidence -----------------------------------------------------

// The table's order: a column of the API's `sort` (a leading "-" for descending); newest first by default.
export function eventSort() { return state.sort || "-date"; }
export function markSortedColumn() {
  var sort = eventSort(), key = sort.replace(/^-/, "");
  Array.prototype.forEach.call(document.querySelectorAll("#events-table th"), function (th) {
    var k = th.getAttribute("data-sort");
    th.className = k === key ? (sort.charAt(0) === "-" ? "sorted-desc" : "sorted-asc") : "";
  });
}

export function showEvents(seq) {
  eventRows = []; eventNext = null; eventTotal = null;
  markSortedColumn();
  showExport();
  var out = loadEventPage(seq, null);
  if (state.event) showEvidence(state.event);
  else $("evidence").hidden = true;
  return out;
}

function shellWord(value) {
  return /^[A-Za-z0-9,._:-]+$/.test(value) ? value : "'" + value.replace(/'/g, "'\\''") + "'";
}
// The current filters as a download of the API and as the equivalent command.
function showExport() {
  ["csv", "parquet"].forEach(function (fmt) {
    $("export-" + fmt).setAttribute("href", "/api/events?" + filterParams({ format: fmt, limit: 10000, sort: eventSort() }).toString());
  });
  var words = ["newsledger", "events"];
  FILTER_KEYS.forEach(function (k) { if (state[k]) words.push("--" + k.replace(/_/g, "-"), shellWord(state[k])); });
  $("export-cli").textContent = words.concat(["--sort=" + shellWord(eventSort()), "--format", "csv", "--limit", "10000"]).join(" ");
}

function loadEventPage(seq, after) {
  var p = filterParams({ limit: 50, after: after, sort: eventSort(), count: after ? null : "true" });
  status("loading events…");
  return api("/api/events", p).then(function (body) {
    if (!isCurrent(seq)) return;
    eventRows = eventRows.concat(body.events || []);
    eventNext = body.next;
    if (body.total != null) eventTotal = body.total;
    renderEventRows();
    status("");
  });
}

function renderEventRows() {
  var tbody = clear(document.querySelector("#events-table tbody"));
  eventRows.forEach(function (row) {
    var tr = el("tr", { "data-event": row.event_id, class: row.event_id === state.event ? "selected" : null }, [
      el("td", { text: row.event_type, title: define("types", row.event_type) }),
      el("td", { text: (row.mode || []).join(", "), title: (row.mode || []).map(function (m) { return m + ": " + define("modes", m); }).join("\n") || null }),
      el("td", { text: row.modality, title: define("modalities", row.modality) }), el("td", { text: row.date || "" }),
      el("td", { text: countries(row.actor), title: names(row.actor) }),
      el("td", { text: countries(row.recipient), title: names(row.recipient) }),
      el("td", { text: row.num_sources }), el("td", { text: row.outlet || "" }),
      el("td", { class: "evidence-cell", text: row.evidence || "", title: row.evidence || "" })
    ]);
    tr.addEventListener("click", function () {
      quiet({ event: row.event_id });
      Array.prototype.forEach.call(tbody.children, function (r) { r.classList.toggle("selected", r === tr); });
      showEvidence(row.event_id);
    });
    tbody.appendChild(tr);
  });
  $("events-more").hidden = !eventNext;
  var sort = eventSort();
  $("events-note").textContent = eventRows.length + " of " + (eventTotal == null ? "?" : eventTotal) + " events, by " +
    sort.replace(/^-/, "") + (sort.charAt(0) === "-" ? " (descending" + (sort === "-date" ? ": newest first" : "") + ")" : "") + ".";
}

// An entity as the record resolved it: name, country, and how (lexicon, title, coreference...).
function who(a) {
  return (a.name || a.text) + (a.country ? " (" + a.country + ")" : "") + (a.resolution ? ", by " + a.resolution.replace(/_/g, " ") : "");
}
// How a report was coded: the rule, the scorer's confidence, the date and the words it came from.
function codingNote(rec) {
  var parts = ["coded by " + (rec.coder || "?")];
  if (rec.confidence != null) parts.push("confidence " + Number(rec.confidence).toFixed(2));
  parts.push("date " + (rec.date || "none") + (rec.date_text ? " from \u201c" + rec.date_text + "\u201d" : ""));
  if (rec.mode && rec.mode.length) parts.push("mode " + rec.mode.join(", "));
  if (rec.context && rec.context.length) parts.push("contexts " + rec.context.join(", "));
  var defined = (rec.mode || []).map(function (m) { return m + ": " + define("modes", m); })
    .concat((rec.context || []).map(function (c) { return c + ": " + define("contexts", c); }));
  return el("div", { class: "meta coding", text: parts.join(" \u00b7 "), title: defined.join("\n") || null });
}

export function evidenceSentence(m) {
  var rec = m.record || {};
  var base = m.evidence_start || 0;
  var spans = [];
  (rec.actor || []).forEach(function (a) {
    if (a.start == null) return;
    spans.push({ start: a.start - base, end: a.end - base, cls: ["hl-actor"], role: "actor",
                 title: "actor: " + who(a) });
  });
  (rec.recipient || []).forEach(function (a) {
    if (a.start == null) return;
    spans.push({ start: a.start - base, end: a.end - base, cls: ["hl-recipient"], role: "recipient",
                 title: "recipient: " + who(a) });
  });
  if (m.trigger_start != null) {
    spans.push({ start: m.trigger_start - base, end: m.trigger_end - base, cls: ["hl-trigger"], role: "trigger",
                 title: "trigger: " + (m.trigger || "") });
  }
  return el("p", { class: "sentence" }, [highlighted(m.evidence || "", spans, "mark")]);
}

function showEvidence(id) {
  var box = clear($("evidence"));
  box.hidden = false;
  box.appendChild(el("p", { class: "note", text: "loading evidence…" }));
  return api("/api/events/" + encodeURIComponent(id)).then(function (body) {
    var ev = body.event;
    clear(box);
    box.appendChild(el("h3", { text: ev.event_type + " \u2014 " + (ev.date || "undated") + " (" + ev.modality + ")" }));
    box.appendChild(el("p", { class: "meta" }, [
      "actor: " + (names(ev.actor) || "\u2014") + " \u2192 recipient: " + (names(ev.recipient) || "\u2014") +
      "; score " + ev.score + ", quad " + ev.quad_code + ", CAMEO " + ev.cameo + "; " + ev.num_mentions + " mention(s), " +
      ev.num_sources + " source(s)"]));
    box.appendChild(el("p", null, [hashLink({ view: "outlets", o_event: ev.event_id }, "Compare outlets for this event"),
      " \u00b7 ", el("button", { type: "button", text: "close", onclick: function () { quiet({ event: "" }); box.hidden = true; } })]));
    box.appendChild(el("p", { class: "key" }, [el("span", null, [el("mark", { class: "hl-actor", text: "actor" })]),
      el("span", null, [el("mark", { class: "hl-trigger", text: "trigger" })]),
      el("span", null, [el("mark", { class: "hl-recipient", text: "recipient" })])]));
    (ev.mentions || []).forEach(function (m) {
      box.appendChild(el("div", { class: "mention", "data-doc": m.doc_id }, [
        el("div", { class: "meta" }, [(m.outlet || "unknown outlet") + " \u00b7 " + (m.published || "") + " \u00b7 ",
          hashLink({ view: "reader", doc: m.doc_id, hl: ev.event_id }, m.title || m.doc_id),
          m.url ? " \u00b7 " : null, m.url ? externalLink(m.url, "original") : null,
          m.merge_rule ? " \u00b7 merged: " + m.merge_rule : null]),
        evidenceSentence(m),
        codingNote(m.record || {})
      ]));
    });
  }).catch(function (e) { clear(box); box.appendChild(el("p", { class: "note", text: String(e.message) })); });
}

// "Load more": the next page of the same sort and filters.
export function moreEvents(seq) {
  if (!eventNext) return Promise.resolve();
  var next = eventNext;
  eventNext = null;  // a second click before the page arrives asks nothing twice
  $("events-more").disabled = true;
  return loadEventPage(seq, next).finally(function () { $("events-more").disabled = false; });
}
