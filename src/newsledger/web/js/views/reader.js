/* An article with its events, entities, quotes and counts marked; hover shows the record. */
import { $, clear, el, externalLink, hashLink, highlighted } from "../dom.js";
import { api, fail } from "../api.js";
import { filterParamsObj, isCurrent, state } from "../state.js";

// --- article reader ---------------------------------------------------------------

// The filters of the page that the article list takes: the period and words as publication
// date and text, the event filters as "articles that report such an event".
var ARTICLE_KEYS = ["since", "until", "text", "type", "actor", "recipient", "involving", "context", "modality", "min_sources"];

function articleParams(after) {
  var p = new URLSearchParams({ limit: 50, sort: "-published" });
  ARTICLE_KEYS.forEach(function (k) { if (state[k]) p.set(k, state[k]); });
  if (after) p.set("after", after);
  return p;
}

function listArticles(seq, ul, more, after) {
  return api("/api/articles", articleParams(after)).then(function (body) {
    if (!isCurrent(seq)) return;
    (body.articles || []).forEach(function (a) {
      var li = el("li", { class: a.doc_id === state.doc ? "selected" : null, "data-doc": a.doc_id }, [
        hashLink(Object.assign(filterParamsObj(), { view: "reader", doc: a.doc_id }), a.title || a.doc_id),
        el("div", { class: "quote-meta", text: (a.outlet || "") + " \u00b7 " + (a.published || "undated") + " \u00b7 " +
          a.num_events + " ev, " + a.num_quotes + " q, " + a.num_counts + " n" })]);
      ul.appendChild(li);
    });
    more.hidden = !body.next;
    more.onclick = function () { more.hidden = true; listArticles(seq, ul, more, body.next).catch(fail); };
    $("reader-note").textContent = ul.children.length + (body.next ? "+" : "") + " articles, newest first" +
      (ARTICLE_KEYS.some(function (k) { return state[k]; }) ? ", with this page's filters" : "") + ".";
  });
}

export function showReader(seq) {
  var list = clear($("reader-list"));
  list.appendChild(el("h3", { text: "Articles" }));
  list.appendChild(el("p", { class: "note", id: "reader-note", text: "loading\u2026" }));
  var ul = el("ul");
  var more = el("button", { type: "button", id: "reader-more", text: "More articles", hidden: "hidden" });
  list.appendChild(ul);
  list.appendChild(more);
  var listed = listArticles(seq, ul, more, null);
  var art = clear($("reader-article"));
  if (!state.doc) {
    art.appendChild(el("p", { class: "note", text: "Pick an article on the left, or open one from an event's evidence." }));
    return listed;
  }
  return Promise.all([listed, api("/api/articles/" + encodeURIComponent(state.doc)).then(function (body) {
    if (!isCurrent(seq)) return;
    renderArticle(art, body);
  })]);
}

function renderArticle(box, body) {
  var a = body.article;
  box.appendChild(el("h2", { text: a.title || a.doc_id }));
  box.appendChild(el("p", { class: "quote-meta" }, [(a.outlet || "unknown outlet") + " \u00b7 " + (a.published || "undated") +
    (a.author ? " \u00b7 " + a.author : "") + " \u00b7 ", a.url ? externalLink(a.url, "original") : "no URL",
    " \u00b7 doc_id " + a.doc_id, a.duplicate_of ? " \u00b7 near-duplicate of " + a.duplicate_of : null]));
  box.appendChild(el("p", { class: "key" }, [
    el("span", { class: "seg s-event", text: "event sentence" }), el("span", { class: "seg s-trigger", text: "trigger" }),
    el("span", { class: "seg s-actor", text: "actor" }), el("span", { class: "seg s-recipient", text: "recipient" }),
    el("span", { class: "seg s-quote", text: "quote" }), el("span", { class: "seg s-count", text: "count" }),
    " (hover for the coded record)"]));
  var byEvent = {};
  (body.events || []).forEach(function (e) { byEvent[e.record_id] = e; });
  var spans = [];
  (body.events || []).forEach(function (e) {
    var focus = state.hl && (state.hl === e.event_id || state.hl === e.record_id);
    var desc = "EVENT " + e.event_type + " (" + e.modality + ", " + (e.date || "undated") + ")" +
      (e.context && e.context.length ? " context: " + e.context.join(", ") : "") + " \u00b7 " + e.num_sources + " source(s)";
    spans.push({ start: e.evidence_start, end: e.evidence_end, cls: ["seg", "s-event"].concat(focus ? ["s-focus"] : []), title: desc, role: "event" });
    if (e.trigger_start != null) spans.push({ start: e.trigger_start, end: e.trigger_end, cls: ["seg", "s-trigger"], title: "trigger \u201c" + e.trigger + "\u201d of " + e.event_type, role: "trigger" });
  });
  (body.entities || []).forEach(function (n) {
    if (n.start == null) return;
    var ev = byEvent[n.record_id];
    spans.push({ start: n.start, end: n.end, cls: ["seg", n.role === "recipient" ? "s-recipient" : "s-actor"], role: n.role,
      title: n.role + " of " + (ev ? ev.event_type : "an event") + ": " + (n.name || n.text) + (n.country ? " [" + n.country + "]" : "") + (n.sector ? " " + n.sector : "") });
  });
  (body.quotes || []).forEach(function (q) {
    spans.push({ start: q.start, end: q.end, cls: ["seg", "s-quote"], role: "quote",
      title: "QUOTE (" + (q.direct ? "direct" : "reported") + ", cue \u201c" + q.cue + "\u201d) by " + (q.speaker_name || "unknown") +
        (q.speaker_country ? " [" + q.speaker_country + "]" : "") + ", " + q.speaker_resolution });
  });
  (body.counts || []).forEach(function (c) {
    spans.push({ start: c.start, end: c.end, cls: ["seg", "s-count"], role: "count",
      title: "COUNT " + (c.qualifier ? c.qualifier + " " : "") + c.value + (c.unit ? " " + c.unit : "") });
  });
  var text = el("div", { class: "article-text", id: "article-text" });
  text.appendChild(highlighted(a.text || "", spans, "span"));
  box.appendChild(text);
  var evList = el("ul");
  (body.events || []).forEach(function (e) {
    evList.appendChild(el("li", null, [hashLink({ view: "events", event: e.event_id }, e.event_type), " " + (e.date || "") + ": " + e.evidence]));
  });
  box.appendChild(el("h3", { text: (body.events || []).length + " events, " + (body.quotes || []).length + " quotes, " + (body.counts || []).length + " counts" }));
  box.appendChild(evList);
}
