/* How many, for the current filters: totals and top lists; each entry opens its events. */
import { $, clear, el, hashLink } from "../dom.js";
import { api } from "../api.js";
import { filterParams, filterParamsObj, isCurrent, state } from "../state.js";

// --- summary ---------------------------------------------------------------------

// How many, for the current filters; every number opens the events behind it.
export function showSummary(seq) {
  return api("/api/summary", filterParams()).then(function (body) {
    if (!isCurrent(seq)) return;
    var s = body.summary, t = s.totals;
    $("summary-totals").textContent = t.events + " events from " + t.reports + " reports in " + t.articles +
      " articles of " + t.outlets + " outlets" + (t.first_date ? ", dated " + t.first_date + " to " + t.last_date : "") + ".";
    var cols = clear($("summary-cols"));
    function column(title, rows, label, filter) {
      var ul = el("ul");
      rows.forEach(function (r) {
        var count = r.total !== undefined ? r.total + " (" + r.events + " events)" : r.events + " events";
        var target = filter(r);
        ul.appendChild(el("li", { "data-key": label(r) }, [
          target ? hashLink(Object.assign(filterParamsObj(), { view: "events" }, target), label(r)) : label(r),
          " \u00b7 " + count]));
      });
      cols.appendChild(el("div", { class: "col" }, [el("h3", { text: title }), ul]));
    }
    column("Counted", s.counted, function (r) { return r.kind || "(no word)"; }, function (r) {
      return r.kind ? { text: (state.text ? state.text + " " : "") + r.kind } : null;  // narrows any search
    });
    column("Actors", s.actors, function (r) { return r.country; }, function (r) { return { actor: r.country }; });
    column("Recipients", s.recipients, function (r) { return r.country; }, function (r) { return { recipient: r.country }; });
    column("Types", s.types, function (r) { return r.type; }, function (r) { return { type: r.type }; });
    column("Outlets", s.outlets, function (r) { return r.outlet; }, function () { return null; });
  });
}
