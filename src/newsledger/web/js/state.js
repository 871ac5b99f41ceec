/* The explorer's state lives in the URL hash (#view=events&type=SANCTION&...), so every
 * view can be bookmarked and the back button works. */

export var FILTER_KEYS = ["text", "type", "actor", "recipient", "involving", "since", "until", "modality", "context", "min_sources"];
export var state = {};   // the parsed hash (read it; only this module replaces it)
var loadSeq = 0;         // drops answers to superseded requests
var router = function () {};

// main.js hands its router here: a hash written for the same state still re-renders.
export function setRouter(fn) { router = fn; }
export function refreshState() { state = readHash(); return state; }
// Each render takes a number; an answer that arrives after a newer render began is dropped.
export function nextSeq() { return ++loadSeq; }
export function isCurrent(seq) { return seq === loadSeq; }
export function currentSeq() { return loadSeq; }

// --- URL state -------------------------------------------------------------------

export function readHash() {
  var p = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  var s = {};
  p.forEach(function (v, k) { if (v !== "") s[k] = v; });
  if (!s.view) s.view = "timeline";
  return s;
}
function writeHash(next, replace) {
  var p = new URLSearchParams();
  Object.keys(next).forEach(function (k) {
    if (next[k] !== undefined && next[k] !== null && next[k] !== "") p.set(k, next[k]);
  });
  var h = "#" + p.toString();
  if (h === window.location.hash) { router(); return; }
  if (replace) { history.replaceState(null, "", h); router(); }
  else window.location.hash = h;   // fires hashchange -> route()
}
export function update(changes, replace) {
  var next = Object.assign({}, state, changes);
  writeHash(next, replace);
}
// change the URL without reloading the view (sorting, opening evidence)
export function quiet(changes) {
  var next = Object.assign({}, state, changes), p = new URLSearchParams();
  Object.keys(next).forEach(function (k) { if (next[k] !== undefined && next[k] !== null && next[k] !== "") p.set(k, next[k]); });
  history.pushState(null, "", "#" + p.toString());
  state = readHash();
}
export function filterParams(extra) {
  var p = new URLSearchParams();
  FILTER_KEYS.forEach(function (k) { if (state[k]) p.set(k, state[k]); });
  Object.keys(extra || {}).forEach(function (k) { if (extra[k] !== undefined && extra[k] !== null && extra[k] !== "") p.set(k, extra[k]); });
  return p;
}

export function filterParamsObj() {
  var o = {};
  filterParams().forEach(function (v, k) { o[k] = v; });
  return o;
}
