/* Where: Natural Earth country shapes (world-atlas, from npm at build time) drawn with
 * d3-geo and shaded by events; a dot per located city; a click lists a country's events. */
import { $, clear, svg } from "../dom.js";
import { api, status } from "../api.js";
import { filterParams, isCurrent, state, update } from "../state.js";

// --- map -------------------------------------------------------------------------

// Natural Earth country shapes (world-atlas, from npm at build time), drawn with d3-geo.
var worldShapes = null;
function loadWorld() {
  if (worldShapes) return Promise.resolve(worldShapes);
  return fetch("/static/vendor/countries-110m.json").then(function (r) {
    if (!r.ok) throw new Error("the world map is missing (run the web build)");
    return r.json();
  }).then(function (topo) {
    worldShapes = window.topojson.feature(topo, topo.objects.countries).features;
    return worldShapes;
  });
}
export function showMap(seq) {
  var role = state.map_role || "either";
  $("map-role").value = role;
  if (!window.d3 || !window.d3.geoPath || !window.topojson) { status("the map libraries are missing (run the web build)", true); return null; }
  return Promise.all([loadWorld(), api("/api/map", filterParams({ role: role }))]).then(function (got) {
    if (!isCurrent(seq)) return;
    drawMap(got[0], got[1], role);
  });
}
function mapShade(n, max) {
  if (!n) return "#eceff1";
  var f = Math.log(1 + n) / Math.log(1 + max);
  var from = [255, 224, 178], to = [183, 28, 28];
  return "rgb(" + from.map(function (v, i) { return Math.round(v + (to[i] - v) * f); }).join(",") + ")";
}
function drawMap(shapes, body, role) {
  var box = clear($("map-chart"));
  var W = Math.max(600, box.clientWidth || 960), H = Math.round(W * 0.5);
  var counts = {}, max = 0;
  body.countries.forEach(function (c) { counts[c.code] = c.events; max = Math.max(max, c.events); });
  var world = { type: "FeatureCollection", features: shapes };
  var projection = window.d3.geoEqualEarth().fitSize([W, H], world);
  var path = window.d3.geoPath(projection);
  var root = svg("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, role: "img", "aria-label": "Events by country",
                      "data-role": role });
  shapes.forEach(function (f) {
    var code = body.numeric[f.id] || null, n = code ? counts[code] || 0 : 0;
    var shape = svg("path", { d: path(f) || "", fill: mapShade(n, max), stroke: "#90a4ae", "stroke-width": 0.5,
                              class: "country" + (n ? " has-events" : ""), "data-code": code || "", "data-events": n });
    var title = svg("title");
    title.textContent = (f.properties && f.properties.name || code || "?") + (code ? " (" + code + ")" : "") + ": " + n + " events";
    shape.appendChild(title);
    if (code) shape.addEventListener("click", function () {
      var changes = { view: "events", event: "" };
      changes[role === "either" ? "involving" : role] = code;
      update(changes);
    });
    root.appendChild(shape);
  });
  var maxPoint = Math.max.apply(null, [1].concat(body.points.map(function (p) { return p.events; })));
  body.points.forEach(function (p) {
    var xy = projection([p.lon, p.lat]);
    if (!xy) return;
    var dot = svg("circle", { cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: (2.5 + 6 * Math.sqrt(p.events / maxPoint)).toFixed(1),
                              class: "place", fill: "#1565c0", "fill-opacity": 0.7, stroke: "#fff", "stroke-width": 0.8 });
    var title = svg("title");
    title.textContent = p.place + (p.country ? " (" + p.country + ")" : "") + ": " + p.events + " located events";
    dot.appendChild(title);
    root.appendChild(dot);
  });
  box.appendChild(root);
  var drawn = {};
  shapes.forEach(function (f) { if (body.numeric[f.id]) drawn[body.numeric[f.id]] = true; });
  var unmapped = body.countries.filter(function (c) { return !drawn[c.code]; });
  $("map-note").textContent = body.countries.length + " countries and bodies, " + body.points.length + " located places" +
    (unmapped.length ? "; not on the map (bodies, places too small for it): " + unmapped.slice(0, 8).map(function (c) { return c.code + " " + c.events; }).join(", ") : "") + ".";
}
