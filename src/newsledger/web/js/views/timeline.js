/* Events per day, week or month, stacked by type or quad class; a brush sets the period. */
import { $, SVGNS, clear, el, svg } from "../dom.js";
import { api } from "../api.js";
import { filterParams, isCurrent, state, update } from "../state.js";

var TYPE_COLORS = {
  AGREE: "#2e7d32", CONSULT: "#66bb6a", SUPPORT: "#9ccc65", CONCEDE: "#26a69a", COOPERATE: "#00838f",
  RETREAT: "#4fc3f7", AID: "#81d4fa", REQUEST: "#7e57c2", ACCUSE: "#ffb300", REJECT: "#ff8f00",
  THREATEN: "#f4511e", PROTEST: "#8d6e63", SANCTION: "#c62828", MOBILIZE: "#ad1457", COERCE: "#6a1b9a",
  ASSAULT: "#37474f"
};
var QUAD_COLORS = {
  verbal_cooperation: "#66bb6a", material_cooperation: "#2e7d32",
  verbal_conflict: "#ffa726", material_conflict: "#c62828"
};

// --- timeline --------------------------------------------------------------------

function parseDay(s) { var d = new Date(s + "T00:00:00Z"); return d.getTime(); }
function isoDay(ms) { return new Date(ms).toISOString().slice(0, 10); }
function periodEnd(start, interval) {
  var d = new Date(parseDay(start));
  if (interval === "day") return d.getTime() + 86400000 - 1;
  if (interval === "week") return d.getTime() + 7 * 86400000 - 1;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - 1;
}

export function showTimeline(seq) {
  var interval = state.interval || "week", by = state.by || "type";
  // the chart shows every date (since/until are drawn as the brush, not cut away)
  var p = filterParams({ interval: interval, by: by });
  p.delete("since"); p.delete("until");
  return api("/api/timeline", p).then(function (body) {
    if (!isCurrent(seq)) return;
    drawTimeline(body, interval, by);
  });
}

function drawTimeline(body, interval, by) {
  var box = clear($("timeline-chart"));
  var legend = clear($("timeline-legend"));
  var periods = body.periods || [];
  $("timeline-note").textContent = body.total + " events match; " + body.undated + " undated and " +
    body.imprecise + " dated less precisely than a " + interval + " are not drawn." +
    (state.since || state.until ? " Selected: " + (state.since || "…") + " to " + (state.until || "…") + "." : "");
  var W = Math.max(600, box.clientWidth || 900), H = 300, L = 40, R = 10, T = 10, B = 30;
  var root = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "events per " + interval });
  box.appendChild(root);
  if (!periods.length) {
    var t = svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle" });
    t.textContent = "no dated events";
    root.appendChild(t);
    return;
  }
  var t0 = parseDay(periods[0].period), t1 = periodEnd(periods[periods.length - 1].period, interval);
  var pad = (t1 - t0) * 0.01 + 86400000;
  t0 -= pad; t1 += pad;
  var maxTotal = Math.max.apply(null, periods.map(function (q) { return q.total; }));
  var x = function (ms) { return L + (ms - t0) / (t1 - t0) * (W - L - R); };
  var xInv = function (px) { return t0 + (px - L) / (W - L - R) * (t1 - t0); };
  var y = function (v) { return H - B - v / maxTotal * (H - T - B); };
  var colors = by === "quad" ? QUAD_COLORS : TYPE_COLORS;
  var keys = body.keys || [];
  // axes
  var axis = svg("g", { class: "axis" });
  axis.appendChild(svg("line", { x1: L, y1: H - B, x2: W - R, y2: H - B }));
  axis.appendChild(svg("line", { x1: L, y1: T, x2: L, y2: H - B }));
  [0, Math.ceil(maxTotal / 2), maxTotal].forEach(function (v) {
    var ty = svg("text", { x: L - 5, y: y(v) + 3, "text-anchor": "end" }); ty.textContent = String(v); axis.appendChild(ty);
  });
  var y0 = new Date(t0).getUTCFullYear(), y1 = new Date(t1).getUTCFullYear();
  var span = t1 - t0, monthly = span < 400 * 86400000;
  for (var yr = y0; yr <= y1; yr++) {
    for (var m = 0; m < 12; m += monthly ? 1 : 12) {
      var ms = Date.UTC(yr, m, 1);
      if (ms < t0 || ms > t1) continue;
      var tx = svg("text", { x: x(ms), y: H - B + 14, "text-anchor": "middle" });
      tx.textContent = monthly ? isoDay(ms).slice(0, 7) : String(yr);
      axis.appendChild(tx);
      axis.appendChild(svg("line", { x1: x(ms), y1: H - B, x2: x(ms), y2: H - B + 4 }));
    }
  }
  root.appendChild(axis);
  // stacked bars
  var bars = svg("g", { class: "bars" });
  periods.forEach(function (q) {
    var a = parseDay(q.period), b = periodEnd(q.period, interval);
    var bx = x(a), bw = Math.max(2, x(b) - x(a) - 1);
    var acc = 0;
    var counts = q.counts || { total: q.total };
    keys.concat(keys.length ? [] : ["total"]).forEach(function (k) {
      var v = counts[k]; if (!v) return;
      var r = svg("rect", { x: bx, y: y(acc + v), width: bw, height: Math.max(0.5, y(acc) - y(acc + v)),
                            fill: colors[k] || "#78909c", "data-period": q.period, "data-key": k });
      var tt = document.createElementNS(SVGNS, "title");
      tt.textContent = q.period + " " + k + ": " + v + " (period total " + q.total + ")";
      r.appendChild(tt);
      bars.appendChild(r);
      acc += v;
    });
  });
  root.appendChild(bars);
  keys.forEach(function (k) {
    if (!periods.some(function (q) { return q.counts && q.counts[k]; })) return;
    legend.appendChild(el("span", null, [el("span", { class: "sw", style: null }), k]));
    legend.lastChild.firstChild.style.background = colors[k] || "#78909c";
  });
  // current selection
  var brush = svg("rect", { class: "brush", x: 0, y: T, width: 0, height: H - T - B, visibility: "hidden" });
  if (state.since || state.until) {
    var sa = state.since ? x(parseDay(state.since)) : L, sb = state.until ? x(parseDay(state.until) + 86400000) : W - R;
    sa = Math.max(L, Math.min(W - R, sa)); sb = Math.max(L, Math.min(W - R, sb));
    if (sb > sa) { brush.setAttribute("x", sa); brush.setAttribute("width", sb - sa); brush.setAttribute("visibility", "visible"); }
  }
  root.appendChild(brush);
  // the brush: drag to select a period, a plain click clears it
  var startX = null;
  function toSvgX(evt) {
    var rect = root.getBoundingClientRect();
    return (evt.clientX - rect.left) / rect.width * W;
  }
  root.addEventListener("mousedown", function (evt) {
    evt.preventDefault();
    startX = Math.max(L, Math.min(W - R, toSvgX(evt)));
    brush.setAttribute("x", startX); brush.setAttribute("width", 0); brush.setAttribute("visibility", "visible");
  });
  root.addEventListener("mousemove", function (evt) {
    if (startX === null) return;
    var cur = Math.max(L, Math.min(W - R, toSvgX(evt)));
    brush.setAttribute("x", Math.min(startX, cur)); brush.setAttribute("width", Math.abs(cur - startX));
  });
  function finish(evt) {
    if (startX === null) return;
    var cur = Math.max(L, Math.min(W - R, toSvgX(evt)));
    var a = Math.min(startX, cur), b = Math.max(startX, cur);
    startX = null;
    if (b - a < 3) { update({ since: "", until: "" }); return; }
    update({ since: isoDay(xInv(a)), until: isoDay(xInv(b)) });
  }
  root.addEventListener("mouseup", finish);
  root.addEventListener("mouseleave", function (evt) { if (startX !== null) finish(evt); });
}
