/* Quote search by speaker, speaker country and outlet. */
import { $, clear, el, hashLink } from "../dom.js";
import { api } from "../api.js";
import { isCurrent, state } from "../state.js";

var quoteNext = null;

// --- quotes ----------------------------------------------------------------------

function quoteParams(after) {
  var p = new URLSearchParams({ limit: 50 });
  if (state.q_speaker) p.set("speaker", state.q_speaker);
  if (state.q_country) p.set("country", state.q_country);
  if (state.q_outlet) p.set("outlet", state.q_outlet);
  if (state.since) p.set("since", state.since);
  if (state.until) p.set("until", state.until);
  if (state.text) p.set("text", state.text);
  if (after) p.set("after", after);
  return p;
}
function quoteItem(q) {
  return el("li", { "data-quote": q.quote_id }, [
    el("div", { class: "quote-content", text: (q.direct ? "\u201c" + q.content + "\u201d" : q.content) }),
    el("div", { class: "quote-meta" }, [
      el("strong", { text: (q.speaker_name || q.speaker_text || "unknown") + (q.speaker_country ? " (" + q.speaker_country + ")" : "") }),
      " ", el("span", { class: "cue", text: q.cue || "" }), " \u00b7 " + (q.direct ? "direct" : "reported") + " \u00b7 " +
      (q.outlet || "unknown outlet") + " \u00b7 " + (q.published || "") + " \u00b7 ",
      hashLink({ view: "reader", doc: q.doc_id }, q.title || q.doc_id)])]);
}
export function showQuotes(seq, after) {
  var list = $("quote-list");
  if (!after) clear(list);
  return api("/api/quotes", quoteParams(after)).then(function (body) {
    if (!isCurrent(seq)) return;
    (body.quotes || []).forEach(function (q) { list.appendChild(quoteItem(q)); });
    quoteNext = body.next;
    $("quotes-more").hidden = !quoteNext;
    if (!list.children.length) list.appendChild(el("li", { class: "note", text: "no quotes match" }));
  });
}

export function moreQuotes(seq) {
  return quoteNext ? showQuotes(seq, quoteNext) : Promise.resolve();
}
