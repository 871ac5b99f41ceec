/* How each outlet reported one event, or the events of an actor, side by side. */
import { $, clear, countries, el, hashLink } from "../dom.js";
import { api } from "../api.js";
import { filterParams, isCurrent, state } from "../state.js";
import { evidenceSentence } from "./events.js";

// --- outlets side by side ----------------------------------------------------------

export function showOutlets(seq) {
  var head = $("outlets-head"), cols = clear($("outlets-cols"));
  if (state.o_event) {
    head.textContent = "loading…";
    return api("/api/events/" + encodeURIComponent(state.o_event)).then(function (body) {
      if (!isCurrent(seq)) return;
      var ev = body.event;
      head.textContent = "How each outlet reported " + ev.event_type + " " + countries(ev.actor) + " \u2192 " +
        countries(ev.recipient) + " (" + (ev.date || "undated") + "): " + ev.num_sources + " outlet(s), " + ev.num_mentions + " report(s).";
      return outletColumns(seq, cols, ev.mentions.map(function (m) { return { m: m, ev: ev }; }), null);
    });
  }
  if (state.actor) {
    head.textContent = "loading…";
    return api("/api/events", filterParams({ limit: 40 })).then(function (body) {
      if (!isCurrent(seq)) return;
      var evs = body.events || [];
      head.textContent = "How each outlet reported the " + evs.length + (body.next ? "+" : "") + " events with actor " +
        state.actor + " (quotes by speakers of " + state.actor + " in bold).";
      return Promise.all(evs.map(function (e) { return api("/api/events/" + encodeURIComponent(e.event_id)); })).then(function (full) {
        var items = [];
        full.forEach(function (b) { (b.event.mentions || []).forEach(function (m) { items.push({ m: m, ev: b.event }); }); });
        return outletColumns(seq, cols, items, state.actor.split(","));
      });
    });
  }
  head.textContent = "Pick an event (its evidence has \u201cCompare outlets\u201d) or set an Actor filter (or click a country in the network).";
  return null;
}

function outletColumns(seq, cols, items, speakerCountries) {
  var byOutlet = {}, order = [];
  items.forEach(function (it) {
    var o = it.m.outlet || "unknown outlet";
    if (!byOutlet[o]) { byOutlet[o] = { docs: {}, docOrder: [] }; order.push(o); }
    var g = byOutlet[o];
    if (!g.docs[it.m.doc_id]) { g.docs[it.m.doc_id] = { m: it.m, reports: [] }; g.docOrder.push(it.m.doc_id); }
    g.docs[it.m.doc_id].reports.push(it);
  });
  order.sort();
  var docIds = [];
  order.forEach(function (o) { docIds = docIds.concat(byOutlet[o].docOrder); });
  return Promise.all(docIds.map(function (d) {
    return api("/api/quotes", new URLSearchParams({ doc_id: d, limit: 100 })).then(function (b) { return [d, b.quotes || []]; });
  })).then(function (pairs) {
    if (!isCurrent(seq)) return;
    var quotes = {};
    pairs.forEach(function (p) { quotes[p[0]] = p[1]; });
    order.forEach(function (o) {
      var g = byOutlet[o];
      var col = el("div", { class: "col", "data-outlet": o }, [el("h3", { text: o })]);
      g.docOrder.forEach(function (d) {
        var doc = g.docs[d];
        col.appendChild(el("h4", null, [(doc.m.published || "undated") + " \u00b7 ", hashLink({ view: "reader", doc: d }, doc.m.title || d)]));
        doc.reports.forEach(function (it) {
          col.appendChild(el("div", { class: "mention" }, [el("span", { class: "chip", text: it.ev.event_type }),
            el("span", { class: "chip", text: it.m.date || "undated" }), evidenceSentence(it.m)]));
        });
        var qs = quotes[d] || [];
        if (qs.length) {
          var ul = el("ul", { class: "quotes" });
          qs.forEach(function (q) {
            var own = speakerCountries && speakerCountries.indexOf(q.speaker_country) >= 0;
            var who = el(own ? "strong" : "span", { text: (q.speaker_name || "unknown") + (q.speaker_country ? " (" + q.speaker_country + ")" : "") + " " + (q.cue || "") + ": " });
            ul.appendChild(el("li", null, [who, el("span", { class: "quote-content", text: q.content })]));
          });
          col.appendChild(ul);
        }
      });
      cols.appendChild(col);
    });
  });
}
