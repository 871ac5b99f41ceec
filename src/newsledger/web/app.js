/* newsledger explorer: plain JS over the JSON API.
 *
 * Safety: everything that comes from the ledger (article text, titles, quotes, names,
 * URLs) is untrusted. The DOM is built with createElement/textContent only (no
 * innerHTML, no insertAdjacentHTML, no document.write); external links are made only
 * for http(s) URLs. State lives in the URL hash (#view=events&type=SANCTION&...), so
 * every view can be bookmarked and the back button works.
 */
(function () {
  "use strict";

  var FILTER_KEYS = ["text", "type", "actor", "recipient", "involving", "since", "until", "modality", "context", "min_sources"];
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
  var state = {};          // the parsed hash
  var cy = null;           // the Cytoscape instance
  var eventRows = [];      // loaded event rows (all pages so far)
  var eventNext = null;
  var eventTotal = null;   // how many events the filters match (asked with the first page)
  var quoteNext = null;
  var loadSeq = 0;         // drops answers to superseded requests

  // --- small DOM helpers (text only) -------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "text") node.textContent = String(v);
        else if (k === "class") node.className = v;
        else if (k === "onclick") node.addEventListener("click", v);
        else node.setAttribute(k, String(v));
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function $(id) { return document.getElementById(id); }

  // An internal link: a hash built from our own keys (values are encoded by URLSearchParams).
  function hashLink(params, label) {
    var a = el("a", { href: "#" + new URLSearchParams(params).toString(), text: label });
    return a;
  }
  // An external link only for http(s); anything else (javascript:, data:, ...) stays text.
  function safeUrl(url) {
    if (!url) return null;
    try {
      var u = new URL(String(url), window.location.href);
      return (u.protocol === "http:" || u.protocol === "https:") ? u.href : null;
    } catch (e) { return null; }
  }
  function externalLink(url, label) {
    var href = safeUrl(url);
    if (!href) return el("span", { class: "bad-url", text: label || String(url || "") });
    return el("a", { href: href, rel: "noopener noreferrer nofollow", target: "_blank", text: label || href });
  }

  // --- URL state -------------------------------------------------------------------

  function readHash() {
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
    if (h === window.location.hash) { route(); return; }
    if (replace) { history.replaceState(null, "", h); route(); }
    else window.location.hash = h;   // fires hashchange -> route()
  }
  function update(changes, replace) {
    var next = Object.assign({}, state, changes);
    writeHash(next, replace);
  }
  // change the URL without reloading the view (sorting, opening evidence)
  function quiet(changes) {
    var next = Object.assign({}, state, changes), p = new URLSearchParams();
    Object.keys(next).forEach(function (k) { if (next[k] !== undefined && next[k] !== null && next[k] !== "") p.set(k, next[k]); });
    history.pushState(null, "", "#" + p.toString());
    state = readHash();
  }
  function filterParams(extra) {
    var p = new URLSearchParams();
    FILTER_KEYS.forEach(function (k) { if (state[k]) p.set(k, state[k]); });
    Object.keys(extra || {}).forEach(function (k) { if (extra[k] !== undefined && extra[k] !== null && extra[k] !== "") p.set(k, extra[k]); });
    return p;
  }

  // --- the API ---------------------------------------------------------------------

  function api(path, params) {
    var url = path + (params && params.toString() ? "?" + params.toString() : "");
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      return r.json().catch(function () { return { ok: false, error: { message: "HTTP " + r.status } }; });
    }).then(function (body) {
      if (!body || body.ok !== true) {
        var msg = body && body.error ? (body.error.code ? body.error.code + ": " : "") + body.error.message : "request failed";
        throw new Error(msg);
      }
      return body;
    });
  }
  function status(msg, isError) {
    var s = $("status");
    s.textContent = msg || "";
    s.className = isError ? "error" : "";
  }
  function fail(err) { status(String(err && err.message ? err.message : err), true); }

  // --- text with highlighted spans (offsets are Python code-point offsets) ----------

  // spans: [{start, end, cls:[...], title:[...]}] in code points of `text`; returns a
  // fragment of text nodes and <span>/<mark> segments, each segment covered by the
  // union of the spans over it (so overlaps and nesting need no tree).
  function highlighted(text, spans, tag) {
    var cps = Array.from(text || "");
    var n = cps.length;
    var cuts = [0, n];
    spans.forEach(function (s) {
      s.start = Math.max(0, Math.min(n, s.start | 0));
      s.end = Math.max(s.start, Math.min(n, s.end | 0));
      cuts.push(s.start, s.end);
    });
    cuts = Array.from(new Set(cuts)).sort(function (a, b) { return a - b; });
    var frag = document.createDocumentFragment();
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      if (b <= a) continue;
      var piece = cps.slice(a, b).join("");
      var cover = spans.filter(function (s) { return s.start <= a && s.end >= b && s.end > s.start; });
      if (!cover.length) { frag.appendChild(document.createTextNode(piece)); continue; }
      var classes = [], titles = [], roles = [];
      cover.forEach(function (s) {
        s.cls.forEach(function (c) { if (classes.indexOf(c) < 0) classes.push(c); });
        if (s.title && titles.indexOf(s.title) < 0) titles.push(s.title);
        if (s.role && roles.indexOf(s.role) < 0) roles.push(s.role);
      });
      var node = el(tag || "span", { class: classes.join(" "), title: titles.join("\n") || null, "data-role": roles.join(" ") || null });
      node.textContent = piece;
      frag.appendChild(node);
    }
    return frag;
  }

  function countries(list) {
    return (list || []).map(function (e) { return e.country || e.name || e.text || "?"; }).join(", ");
  }
  function names(list) {
    return (list || []).map(function (e) {
      return (e.name || e.text || "?") + (e.country ? " (" + e.country + ")" : "");
    }).join("; ");
  }

  // --- routing ---------------------------------------------------------------------

  var VIEWS = ["summary", "timeline", "map", "network", "events", "reader", "quotes", "outlets"];

  function syncFilterForm() {
    var form = $("filters");
    FILTER_KEYS.forEach(function (k) { if (form.elements[k]) form.elements[k].value = state[k] || ""; });
    var q = $("quote-form");
    ["q_speaker", "q_country", "q_outlet"].forEach(function (k) { q.elements[k].value = state[k] || ""; });
    $("tl-interval").value = state.interval || "week";
    $("tl-by").value = state.by || "type";
  }

  function route() {
    state = readHash();
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
    var seq = ++loadSeq;
    var views = { summary: showSummary, timeline: showTimeline, map: showMap, network: showNetwork, events: showEvents,
                  reader: showReader, quotes: showQuotes, outlets: showOutlets };
    try {
      var done = views[state.view](seq);
      if (done && done.catch) done.catch(fail);
    } catch (e) { fail(e); }
  }

  // --- summary ---------------------------------------------------------------------

  // How many, for the current filters; every number opens the events behind it.
  function showSummary(seq) {
    return api("/api/summary", filterParams()).then(function (body) {
      if (seq !== loadSeq) return;
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

  // --- timeline --------------------------------------------------------------------

  var SVGNS = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    var n = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, String(attrs[k])); });
    return n;
  }
  function parseDay(s) { var d = new Date(s + "T00:00:00Z"); return d.getTime(); }
  function isoDay(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function periodEnd(start, interval) {
    var d = new Date(parseDay(start));
    if (interval === "day") return d.getTime() + 86400000 - 1;
    if (interval === "week") return d.getTime() + 7 * 86400000 - 1;
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - 1;
  }

  function showTimeline(seq) {
    var interval = state.interval || "week", by = state.by || "type";
    // the chart shows every date (since/until are drawn as the brush, not cut away)
    var p = filterParams({ interval: interval, by: by });
    p.delete("since"); p.delete("until");
    return api("/api/timeline", p).then(function (body) {
      if (seq !== loadSeq) return;
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

  // --- network ---------------------------------------------------------------------

  function scoreColor(score) {
    // -10 (hostile, red) .. 0 (grey-yellow) .. +10 (cooperative, green)
    var t = Math.max(-1, Math.min(1, (score || 0) / 10));
    var red = [198, 40, 40], mid = [176, 160, 90], green = [46, 125, 50];
    var from = t < 0 ? mid : mid, to = t < 0 ? red : green, f = Math.abs(t);
    var c = from.map(function (v, i) { return Math.round(v + (to[i] - v) * f); });
    return "rgb(" + c.join(",") + ")";
  }

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
  function showMap(seq) {
    var role = state.map_role || "either";
    $("map-role").value = role;
    if (!window.d3 || !window.d3.geoPath || !window.topojson) { status("the map libraries are missing (run the web build)", true); return null; }
    return Promise.all([loadWorld(), api("/api/map", filterParams({ role: role }))]).then(function (got) {
      if (seq !== loadSeq) return;
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
    var root = svg("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, role: "img", "aria-label": "Events by country" });
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

  function showNetwork(seq) {
    var p = filterParams({ limit: 300 });
    p.delete("actor");  // the graph shows everyone; the chosen actor is highlighted
    return api("/api/network", p).then(function (body) {
      if (seq !== loadSeq) return;
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

  // --- events table + evidence -----------------------------------------------------

  // The table's order: a column of the API's `sort` (a leading "-" for descending); newest first by default.
  function eventSort() { return state.sort || "-date"; }
  function markSortedColumn() {
    var sort = eventSort(), key = sort.replace(/^-/, "");
    Array.prototype.forEach.call(document.querySelectorAll("#events-table th"), function (th) {
      var k = th.getAttribute("data-sort");
      th.className = k === key ? (sort.charAt(0) === "-" ? "sorted-desc" : "sorted-asc") : "";
    });
  }

  function showEvents(seq) {
    eventRows = []; eventNext = null; eventTotal = null;
    markSortedColumn();
    showExport();
    var out = loadEventPage(seq, null);
    if (state.event) showEvidence(state.event);
    else $("evidence").hidden = true;
    return out;
  }

  function shellWord(value) {
    return /^[A-Za-z0-9,._:-]+$/.test(value) ? value : "'" + value.replace(/'/g, "'\\''") + "'";
  }
  // The current filters as a download of the API and as the equivalent command.
  function showExport() {
    ["csv", "parquet"].forEach(function (fmt) {
      $("export-" + fmt).setAttribute("href", "/api/events?" + filterParams({ format: fmt, limit: 10000, sort: eventSort() }).toString());
    });
    var words = ["newsledger", "events"];
    FILTER_KEYS.forEach(function (k) { if (state[k]) words.push("--" + k.replace(/_/g, "-"), shellWord(state[k])); });
    $("export-cli").textContent = words.concat(["--sort=" + shellWord(eventSort()), "--format", "csv", "--limit", "10000"]).join(" ");
  }

  function loadEventPage(seq, after) {
    var p = filterParams({ limit: 50, after: after, sort: eventSort(), count: after ? null : "true" });
    status("loading events…");
    return api("/api/events", p).then(function (body) {
      if (seq !== loadSeq) return;
      eventRows = eventRows.concat(body.events || []);
      eventNext = body.next;
      if (body.total != null) eventTotal = body.total;
      renderEventRows();
      status("");
    });
  }

  function renderEventRows() {
    var tbody = clear(document.querySelector("#events-table tbody"));
    eventRows.forEach(function (row) {
      var tr = el("tr", { "data-event": row.event_id, class: row.event_id === state.event ? "selected" : null }, [
        el("td", { text: row.event_type }), el("td", { text: (row.mode || []).join(", ") }),
        el("td", { text: row.modality }), el("td", { text: row.date || "" }),
        el("td", { text: countries(row.actor), title: names(row.actor) }),
        el("td", { text: countries(row.recipient), title: names(row.recipient) }),
        el("td", { text: row.num_sources }), el("td", { text: row.outlet || "" }),
        el("td", { class: "evidence-cell", text: row.evidence || "", title: row.evidence || "" })
      ]);
      tr.addEventListener("click", function () {
        quiet({ event: row.event_id });
        Array.prototype.forEach.call(tbody.children, function (r) { r.classList.toggle("selected", r === tr); });
        showEvidence(row.event_id);
      });
      tbody.appendChild(tr);
    });
    $("events-more").hidden = !eventNext;
    var sort = eventSort();
    $("events-note").textContent = eventRows.length + " of " + (eventTotal == null ? "?" : eventTotal) + " events, by " +
      sort.replace(/^-/, "") + (sort.charAt(0) === "-" ? " (descending" + (sort === "-date" ? ": newest first" : "") + ")" : "") + ".";
  }

  // An entity as the record resolved it: name, country, and how (lexicon, title, coreference...).
  function who(a) {
    return (a.name || a.text) + (a.country ? " (" + a.country + ")" : "") + (a.resolution ? ", by " + a.resolution.replace(/_/g, " ") : "");
  }
  // How a report was coded: the rule, the scorer's confidence, the date and the words it came from.
  function codingNote(rec) {
    var parts = ["coded by " + (rec.coder || "?")];
    if (rec.confidence != null) parts.push("confidence " + Number(rec.confidence).toFixed(2));
    parts.push("date " + (rec.date || "none") + (rec.date_text ? " from \u201c" + rec.date_text + "\u201d" : ""));
    if (rec.mode && rec.mode.length) parts.push("mode " + rec.mode.join(", "));
    if (rec.context && rec.context.length) parts.push("contexts " + rec.context.join(", "));
    return el("div", { class: "meta coding", text: parts.join(" \u00b7 ") });
  }

  function evidenceSentence(m) {
    var rec = m.record || {};
    var base = m.evidence_start || 0;
    var spans = [];
    (rec.actor || []).forEach(function (a) {
      if (a.start == null) return;
      spans.push({ start: a.start - base, end: a.end - base, cls: ["hl-actor"], role: "actor",
                   title: "actor: " + who(a) });
    });
    (rec.recipient || []).forEach(function (a) {
      if (a.start == null) return;
      spans.push({ start: a.start - base, end: a.end - base, cls: ["hl-recipient"], role: "recipient",
                   title: "recipient: " + who(a) });
    });
    if (m.trigger_start != null) {
      spans.push({ start: m.trigger_start - base, end: m.trigger_end - base, cls: ["hl-trigger"], role: "trigger",
                   title: "trigger: " + (m.trigger || "") });
    }
    return el("p", { class: "sentence" }, [highlighted(m.evidence || "", spans, "mark")]);
  }

  function showEvidence(id) {
    var box = clear($("evidence"));
    box.hidden = false;
    box.appendChild(el("p", { class: "note", text: "loading evidence…" }));
    return api("/api/events/" + encodeURIComponent(id)).then(function (body) {
      var ev = body.event;
      clear(box);
      box.appendChild(el("h3", { text: ev.event_type + " \u2014 " + (ev.date || "undated") + " (" + ev.modality + ")" }));
      box.appendChild(el("p", { class: "meta" }, [
        "actor: " + (names(ev.actor) || "\u2014") + " \u2192 recipient: " + (names(ev.recipient) || "\u2014") +
        "; score " + ev.score + ", quad " + ev.quad_code + ", CAMEO " + ev.cameo + "; " + ev.num_mentions + " mention(s), " +
        ev.num_sources + " source(s)"]));
      box.appendChild(el("p", null, [hashLink({ view: "outlets", o_event: ev.event_id }, "Compare outlets for this event"),
        " \u00b7 ", el("button", { type: "button", text: "close", onclick: function () { quiet({ event: "" }); box.hidden = true; } })]));
      box.appendChild(el("p", { class: "key" }, [el("span", null, [el("mark", { class: "hl-actor", text: "actor" })]),
        el("span", null, [el("mark", { class: "hl-trigger", text: "trigger" })]),
        el("span", null, [el("mark", { class: "hl-recipient", text: "recipient" })])]));
      (ev.mentions || []).forEach(function (m) {
        box.appendChild(el("div", { class: "mention", "data-doc": m.doc_id }, [
          el("div", { class: "meta" }, [(m.outlet || "unknown outlet") + " \u00b7 " + (m.published || "") + " \u00b7 ",
            hashLink({ view: "reader", doc: m.doc_id, hl: ev.event_id }, m.title || m.doc_id),
            m.url ? " \u00b7 " : null, m.url ? externalLink(m.url, "original") : null,
            m.merge_rule ? " \u00b7 merged: " + m.merge_rule : null]),
          evidenceSentence(m),
          codingNote(m.record || {})
        ]));
      });
    }).catch(function (e) { clear(box); box.appendChild(el("p", { class: "note", text: String(e.message) })); });
  }

  // --- article reader ---------------------------------------------------------------

  function showReader(seq) {
    var list = clear($("reader-list"));
    list.appendChild(el("h3", { text: "Articles" }));
    var ul = el("ul");
    list.appendChild(ul);
    var p = new URLSearchParams({ limit: 200 });
    if (state.since) p.set("since", state.since);
    if (state.until) p.set("until", state.until);
    if (state.text) p.set("text", state.text);
    var listed = api("/api/articles", p).then(function (body) {
      if (seq !== loadSeq) return;
      (body.articles || []).forEach(function (a) {
        var li = el("li", { class: a.doc_id === state.doc ? "selected" : null }, [
          hashLink(Object.assign(filterParamsObj(), { view: "reader", doc: a.doc_id }), a.title || a.doc_id),
          el("div", { class: "quote-meta", text: (a.outlet || "") + " \u00b7 " + (a.published || "") + " \u00b7 " +
            a.num_events + " ev, " + a.num_quotes + " q, " + a.num_counts + " n" })]);
        ul.appendChild(li);
      });
    });
    var art = clear($("reader-article"));
    if (!state.doc) {
      art.appendChild(el("p", { class: "note", text: "Pick an article on the left, or open one from an event's evidence." }));
      return listed;
    }
    return Promise.all([listed, api("/api/articles/" + encodeURIComponent(state.doc)).then(function (body) {
      if (seq !== loadSeq) return;
      renderArticle(art, body);
    })]);
  }
  function filterParamsObj() {
    var o = {};
    filterParams().forEach(function (v, k) { o[k] = v; });
    return o;
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
  function showQuotes(seq, after) {
    var list = $("quote-list");
    if (!after) clear(list);
    return api("/api/quotes", quoteParams(after)).then(function (body) {
      if (seq !== loadSeq) return;
      (body.quotes || []).forEach(function (q) { list.appendChild(quoteItem(q)); });
      quoteNext = body.next;
      $("quotes-more").hidden = !quoteNext;
      if (!list.children.length) list.appendChild(el("li", { class: "note", text: "no quotes match" }));
    });
  }

  // --- outlets side by side ----------------------------------------------------------

  function showOutlets(seq) {
    var head = $("outlets-head"), cols = clear($("outlets-cols"));
    if (state.o_event) {
      head.textContent = "loading…";
      return api("/api/events/" + encodeURIComponent(state.o_event)).then(function (body) {
        if (seq !== loadSeq) return;
        var ev = body.event;
        head.textContent = "How each outlet reported " + ev.event_type + " " + countries(ev.actor) + " \u2192 " +
          countries(ev.recipient) + " (" + (ev.date || "undated") + "): " + ev.num_sources + " outlet(s), " + ev.num_mentions + " report(s).";
        return outletColumns(seq, cols, ev.mentions.map(function (m) { return { m: m, ev: ev }; }), null);
      });
    }
    if (state.actor) {
      head.textContent = "loading…";
      return api("/api/events", filterParams({ limit: 40 })).then(function (body) {
        if (seq !== loadSeq) return;
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
      if (seq !== loadSeq) return;
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
    Array.prototype.forEach.call(document.querySelectorAll("#events-table th"), function (th) {
      th.addEventListener("click", function () {
        var k = th.getAttribute("data-sort"), now = eventSort();
        // a new column starts ascending (dates: newest first); the same column reverses
        var next = now.replace(/^-/, "") === k ? (now.charAt(0) === "-" ? k : "-" + k) : (k === "date" ? "-date" : k);
        update({ sort: next === "-date" ? "" : next, event: "" });
      });
    });
    $("events-more").addEventListener("click", function () {
      if (eventNext) loadEventPage(loadSeq, eventNext).catch(fail);
    });
    $("quote-form").addEventListener("submit", function (evt) {
      evt.preventDefault();
      var f = evt.target;
      update({ q_speaker: f.elements.q_speaker.value.trim(), q_country: f.elements.q_country.value.trim(),
               q_outlet: f.elements.q_outlet.value.trim() });
    });
    $("quotes-more").addEventListener("click", function () {
      if (quoteNext) showQuotes(loadSeq, quoteNext).catch(fail);
    });
    window.addEventListener("hashchange", route);
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

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
