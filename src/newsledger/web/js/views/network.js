/* The actor network (Cytoscape.js, from npm at build time): countries, actor -> recipient edges. */
import { $ } from "../dom.js";
import { api, status } from "../api.js";
import { filterParams, isCurrent, state, update } from "../state.js";

var cy = null;           // the Cytoscape instance

// --- network ---------------------------------------------------------------------

function scoreColor(score) {
  // -10 (hostile, red) .. 0 (grey-yellow) .. +10 (cooperative, green)
  var t = Math.max(-1, Math.min(1, (score || 0) / 10));
  var red = [198, 40, 40], mid = [176, 160, 90], green = [46, 125, 50];
  var from = t < 0 ? mid : mid, to = t < 0 ? red : green, f = Math.abs(t);
  var c = from.map(function (v, i) { return Math.round(v + (to[i] - v) * f); });
  return "rgb(" + c.join(",") + ")";
}

export function showNetwork(seq) {
  var p = filterParams({ limit: 300 });
  p.delete("actor");  // the graph shows everyone; the chosen actor is highlighted
  return api("/api/network", p).then(function (body) {
    if (!isCurrent(seq)) return;
    drawNetwork(body);
  });
}

function drawNetwork(body) {
  var box = $("network-graph");
  var edges = body.edges || [];
  $("network-note").textContent = edges.length + " of " + body.edge_count + " actor \u2192 recipient edges" +
    (body.truncated ? " (busiest only)" : "") + (state.actor ? "; filtered to actor " + state.actor + " (click it again to clear)" : "") + ".";
  if (typeof window.cytoscape !== "function") { status("the graph library is missing (run the web build)", true); return; }
  var ids = {};
  edges.forEach(function (e) { ids[e.source] = true; ids[e.target] = true; });
  var maxEvents = Math.max.apply(null, [1].concat(edges.map(function (e) { return e.events; })));
  var elements = Object.keys(ids).sort().map(function (id) { return { data: { id: id, label: id } }; });
  edges.forEach(function (e, i) {
    elements.push({ data: { id: "e" + i + ":" + e.source + ">" + e.target, source: e.source, target: e.target,
      events: e.events, score: e.mean_score, width: 1 + 9 * e.events / maxEvents, color: scoreColor(e.mean_score),
      label: e.events + " ev, mean " + e.mean_score } });
  });
  if (cy) { cy.destroy(); cy = null; }
  cy = window.cytoscape({
    container: box,
    elements: elements,
    style: [
      { selector: "node", style: { label: "data(label)", "background-color": "#3a4860", color: "#1d2430",
        "font-size": 11, "text-valign": "center", "text-halign": "center", "text-outline-color": "#fff",
        "text-outline-width": 2, width: 26, height: 26 } },
      { selector: "node.chosen", style: { "background-color": "#1f56c4", "border-width": 4, "border-color": "#ffb300" } },
      { selector: "edge", style: { width: "data(width)", "line-color": "data(color)", "target-arrow-color": "data(color)",
        "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.85 } },
      { selector: "edge.faded", style: { opacity: 0.12 } }
    ],
    // deterministic: nodes sorted by id on a circle
    layout: { name: "circle", sort: function (a, b) { return a.id() < b.id() ? -1 : a.id() > b.id() ? 1 : 0; },
              animate: false, padding: 30 }
  });
  window.__cy = cy;  // for tests and the console
  if (state.actor) {
    var chosen = state.actor.split(",");
    cy.nodes().forEach(function (n) { if (chosen.indexOf(n.id()) >= 0) n.addClass("chosen"); });
    cy.edges().forEach(function (e) { if (chosen.indexOf(e.source().id()) < 0) e.addClass("faded"); });
  }
  cy.on("tap", "node", function (evt) {
    var id = evt.target.id();
    update({ actor: state.actor === id ? "" : id });
  });
  cy.on("mouseover", "edge", function (evt) { box.title = evt.target.source().id() + " \u2192 " + evt.target.target().id() + ": " + evt.target.data("label"); });
  cy.on("mouseover", "node", function (evt) { box.title = evt.target.id() + " (click: filter to this actor)"; });
}
