/* The actor network (Cytoscape.js with the fcose force-directed layout, from npm at build
 * time): countries sized by their events, the busiest actor -> recipient edges (a slider
 * sets how many), an edge click lists its events, and GraphML / GEXF files for Gephi. */
import { $ } from "../dom.js";
import { api, status } from "../api.js";
import { filterParams, isCurrent, state, update } from "../state.js";

var cy = null;           // the Cytoscape instance
var DEFAULT_TOP = 60;    // edges drawn unless the slider says otherwise

function scoreColor(score) {
  // -10 (hostile, red) .. 0 (grey-yellow) .. +10 (cooperative, green)
  var t = Math.max(-1, Math.min(1, (score || 0) / 10));
  var red = [198, 40, 40], mid = [176, 160, 90], green = [46, 125, 50];
  var to = t < 0 ? red : green, f = Math.abs(t);
  var c = mid.map(function (v, i) { return Math.round(v + (to[i] - v) * f); });
  return "rgb(" + c.join(",") + ")";
}

function topEdges() {
  var n = parseInt(state.net_top, 10);
  return n >= 10 && n <= 300 ? n : DEFAULT_TOP;  // the slider's range
}

// The graph shows everyone (the chosen actor is highlighted), so the actor filter is left out.
function graphParams(extra) {
  var p = filterParams(extra);
  p.delete("actor");
  return p;
}

export function showNetwork(seq) {
  var top = topEdges();
  $("net-top").value = top;
  $("net-top-value").textContent = String(top);
  ["graphml", "gexf"].forEach(function (fmt) {
    $("net-" + fmt).setAttribute("href", "/api/network?" + graphParams({ limit: top, format: fmt }).toString());
  });
  return api("/api/network", graphParams({ limit: top })).then(function (body) {
    if (!isCurrent(seq)) return;
    drawNetwork(body);
  });
}

function nodeEvents(edges) {
  var n = {};
  edges.forEach(function (e) {
    n[e.source] = (n[e.source] || 0) + e.events;
    if (e.target !== e.source) n[e.target] = (n[e.target] || 0) + e.events;
  });
  return n;
}

// Force layouts still let a label touch its neighbour's; nudge such pairs apart until no
// two labels overlap (or a bounded number of passes).
function separateLabels(graph) {
  var nodes = graph.nodes().toArray();
  for (var pass = 0; pass < 200; pass++) {
    var moved = false;
    var boxes = nodes.map(function (n) { return n.boundingBox({ includeNodes: true, includeLabels: true }); });
    for (var i = 0; i < nodes.length; i++) {
      for (var j = i + 1; j < nodes.length; j++) {
        var p = boxes[i], q = boxes[j];
        if (!(p.x1 < q.x2 && q.x1 < p.x2 && p.y1 < q.y2 && q.y1 < p.y2)) continue;
        // both move apart along the shorter way out, half each
        var a = nodes[i].position(), b = nodes[j].position();
        var dx = Math.min(p.x2, q.x2) - Math.max(p.x1, q.x1) + 4, dy = Math.min(p.y2, q.y2) - Math.max(p.y1, q.y1) + 4;
        var sx = a.x < b.x || (a.x === b.x && i < j) ? -1 : 1, sy = a.y < b.y || (a.y === b.y && i < j) ? -1 : 1;
        if (dx < dy) {
          nodes[i].position({ x: a.x + sx * dx / 2, y: a.y });
          nodes[j].position({ x: b.x - sx * dx / 2, y: b.y });
        } else {
          nodes[i].position({ x: a.x, y: a.y + sy * dy / 2 });
          nodes[j].position({ x: b.x, y: b.y - sy * dy / 2 });
        }
        boxes[i] = nodes[i].boundingBox({ includeNodes: true, includeLabels: true });
        boxes[j] = nodes[j].boundingBox({ includeNodes: true, includeLabels: true });
        moved = true;
      }
    }
    if (!moved) break;
  }
}

// Labels keep a readable size on screen whatever the zoom the fit needs: the font is set
// in screen pixels (divided by the zoom), then overlapping labels are pushed apart, twice.
function readableLabels(graph) {
  for (var round = 0; round < 3; round++) {
    graph.fit(undefined, 30);
    var zoom = graph.zoom();
    graph.nodes().forEach(function (n) { n.style("font-size", n.data("font") / zoom); });
    separateLabels(graph);
  }
  graph.fit(undefined, 30);
}

function drawNetwork(body) {
  var box = $("network-graph");
  var edges = body.edges || [];

  if (typeof window.cytoscape !== "function") { status("the graph library is missing (run the web build)", true); return; }
  var weight = nodeEvents(edges);
  var ids = Object.keys(weight).sort();
  var maxNode = Math.max.apply(null, [1].concat(ids.map(function (id) { return weight[id]; })));
  var maxEdge = Math.max.apply(null, [1].concat(edges.map(function (e) { return e.events; })));
  // deterministic start: nodes on a circle by id; fcose then refines it without randomness
  var radius = 60 + 12 * ids.length;
  var elements = ids.map(function (id, i) {
    var a = 2 * Math.PI * i / Math.max(1, ids.length), size = 18 + 42 * Math.sqrt(weight[id] / maxNode);
    return { data: { id: id, label: id, events: weight[id], size: size, font: Math.round(11 + 5 * Math.sqrt(weight[id] / maxNode)) },
             position: { x: radius * Math.cos(a), y: radius * Math.sin(a) } };
  });
  var loops = 0;
  edges.forEach(function (e, i) {
    if (e.source === e.target) { loops += 1; return; }  // domestic acts: in the node's size, not drawn as loops
    elements.push({ data: { id: "e" + i + ":" + e.source + ">" + e.target, source: e.source, target: e.target,
      events: e.events, score: e.mean_score, width: 1 + 9 * e.events / maxEdge, color: scoreColor(e.mean_score),
      label: e.events + " ev, mean " + e.mean_score } });
  });
  if (cy) { cy.destroy(); cy = null; }
  var fcose = typeof window.cytoscapeFcose === "function";
  cy = window.cytoscape({
    container: box,
    elements: elements,
    style: [
      { selector: "node", style: { label: "data(label)", "background-color": "#3a4860", color: "#1d2430",
        "font-size": "data(font)", "text-valign": "bottom", "text-halign": "center", "text-margin-y": 3,
        "text-outline-color": "#fff", "text-outline-width": 2, width: "data(size)", height: "data(size)" } },
      { selector: "node.chosen", style: { "background-color": "#1f56c4", "border-width": 4, "border-color": "#ffb300" } },
      { selector: "edge", style: { width: "data(width)", "line-color": "data(color)", "target-arrow-color": "data(color)",
        "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.8 } },
      { selector: "edge:selected, edge.hover", style: { opacity: 1, "underlay-color": "#ffb300", "underlay-padding": 3, "underlay-opacity": 0.5 } },
      { selector: "edge.faded", style: { opacity: 0.12 } }
    ],
    layout: fcose
      ? { name: "fcose", randomize: false, animate: false, quality: "proof", nodeDimensionsIncludeLabels: true,
          nodeRepulsion: function () { return 6000; }, idealEdgeLength: function () { return 70; },
          nodeSeparation: 60, padding: 30 }
      : { name: "preset", padding: 30 }
  });
  readableLabels(cy);
  window.__cy = cy;  // for tests and the console
  $("network-note").textContent = edges.length + " of " + body.edge_count + " actor \u2192 recipient edges" +
    (body.truncated ? " (the busiest)" : "") + (loops ? ", " + loops + " of them domestic (not drawn; in the node sizes)" : "") +
    (state.actor ? "; actor " + state.actor + " highlighted (click it again to clear)" : "") +
    ". Node size: events on these edges. Click an edge to list its events.";
  if (state.actor) {
    var chosen = state.actor.split(",");
    cy.nodes().forEach(function (n) { if (chosen.indexOf(n.id()) >= 0) n.addClass("chosen"); });
    cy.edges().forEach(function (e) { if (chosen.indexOf(e.source().id()) < 0) e.addClass("faded"); });
  }
  cy.on("tap", "node", function (evt) {
    var id = evt.target.id();
    update({ actor: state.actor === id ? "" : id });
  });
  cy.on("tap", "edge", function (evt) {
    update({ view: "events", actor: evt.target.source().id(), recipient: evt.target.target().id(), event: "" });
  });
  cy.on("mouseover", "edge", function (evt) {
    evt.target.addClass("hover");
    box.title = evt.target.source().id() + " \u2192 " + evt.target.target().id() + ": " + evt.target.data("label") + " (click: list them)";
  });
  cy.on("mouseout", "edge", function (evt) { evt.target.removeClass("hover"); });
  cy.on("mouseover", "node", function (evt) { box.title = evt.target.id() + ": " + evt.target.data("events") + " events (click: highlight)"; });
}
