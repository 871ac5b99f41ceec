/* newsledger explorer: plain ES modules over the JSON API, one per view, no framework.
 * The router reads the URL hash and renders the chosen view; the wiring connects the forms. */
import { $, el } from "./dom.js";
import { api, fail, status } from "./api.js";
import { FILTER_KEYS, currentSeq, filterParams, nextSeq, refreshState, setRouter, state, update } from "./state.js";
import { showSummary } from "./views/summary.js";
import { showTimeline } from "./views/timeline.js";
import { showMap } from "./views/map.js";
import { showNetwork } from "./views/network.js";
import { eventSort, moreEvents, showEvents } from "./views/events.js";
import { showReader } from "./views/reader.js";
import { moreQuotes, showQuotes } from "./views/quotes.js";
import { showOutlets } from "./views/outlets.js";
import { loadCodebook, showCodebook } from "./views/codebook.js";

// --- routing ---------------------------------------------------------------------

var VIEWS = ["summary", "timeline", "map", "network", "events", "reader", "quotes", "outlets", "codebook"];

function syncFilterForm() {
  var form = $("filters");
  FILTER_KEYS.forEach(function (k) { if (form.elements[k]) form.elements[k].value = state[k] || ""; });
  var q = $("quote-form");
  ["q_speaker", "q_country", "q_outlet"].forEach(function (k) { q.elements[k].value = state[k] || ""; });
  $("tl-interval").value = state.interval || "week";
  $("tl-by").value = state.by || "type";
}

function route() {
  refreshState();
  if (VIEWS.indexOf(state.view) < 0) state.view = "timeline";
  syncFilterForm();
  VIEWS.forEach(function (v) { $("view-" + v).hidden = v !== state.view; });
  Array.prototype.forEach.call(document.querySelectorAll("#tabs a"), function (a) {
    var v = a.getAttribute("data-view");
    a.classList.toggle("active", v === state.view);
    // tabs keep the filters
    var p = filterParams({ view: v });
    a.setAttribute("href", "#" + p.toString());
  });
  status("");
  var seq = nextSeq();
  var views = { summary: showSummary, timeline: showTimeline, map: showMap, network: showNetwork, events: showEvents,
                reader: showReader, quotes: showQuotes, outlets: showOutlets, codebook: showCodebook };
  try {
    var done = views[state.view](seq);
    if (done && done.catch) done.catch(fail);
  } catch (e) { fail(e); }
}

// --- wiring ----------------------------------------------------------------------

function init() {
  $("filters").addEventListener("submit", function (evt) {
    evt.preventDefault();
    var form = evt.target, changes = {};
    FILTER_KEYS.forEach(function (k) { changes[k] = (form.elements[k].value || "").trim(); });
    changes.event = "";
    update(changes);
  });
  $("clear-filters").addEventListener("click", function () {
    var changes = { event: "", o_event: "" };
    FILTER_KEYS.forEach(function (k) { changes[k] = ""; });
    update(changes);
  });
  $("tl-interval").addEventListener("change", function (evt) { update({ interval: evt.target.value }); });
  $("tl-by").addEventListener("change", function (evt) { update({ by: evt.target.value }); });
  $("map-role").addEventListener("change", function (evt) { update({ map_role: evt.target.value }); });
  $("net-top").addEventListener("input", function (evt) { $("net-top-value").textContent = evt.target.value; });
  $("net-top").addEventListener("change", function (evt) { update({ net_top: evt.target.value }); });
  Array.prototype.forEach.call(document.querySelectorAll("#events-table th"), function (th) {
    th.addEventListener("click", function () {
      var k = th.getAttribute("data-sort"), now = eventSort();
      // a new column starts ascending (dates: newest first); the same column reverses
      var next = now.replace(/^-/, "") === k ? (now.charAt(0) === "-" ? k : "-" + k) : (k === "date" ? "-date" : k);
      update({ sort: next === "-date" ? "" : next, event: "" });
    });
  });
  $("events-more").addEventListener("click", function () {
    moreEvents(currentSeq()).catch(fail);
  });
  $("quote-form").addEventListener("submit", function (evt) {
    evt.preventDefault();
    var f = evt.target;
    update({ q_speaker: f.elements.q_speaker.value.trim(), q_country: f.elements.q_country.value.trim(),
             q_outlet: f.elements.q_outlet.value.trim() });
  });
  $("quotes-more").addEventListener("click", function () {
    moreQuotes(currentSeq()).catch(fail);
  });
  window.addEventListener("hashchange", route);
  loadCodebook().catch(function () {});  // tooltips of types, modes and contexts
  api("/api/countries").then(function (b) {  // the codes and names the country fields take
    var list = $("country-codes");
    (b.countries || []).forEach(function (c) {
      list.appendChild(el("option", { value: c.code, label: c.name + (c.also.length ? " (" + c.also.slice(0, 3).join(", ") + ")" : "") }));
    });
  }).catch(function () {});
  api("/api/stats").then(function (b) {
    var s = b.stats;
    $("stats").textContent = s.articles + " articles \u00b7 " + s.events + " events \u00b7 " + s.quotes + " quotes \u00b7 " +
      (s.first_date || "?") + " \u2026 " + (s.last_date || "?");
  }).catch(function () {});
  route();
}

setRouter(route);
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
