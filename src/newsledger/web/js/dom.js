/* DOM helpers. Everything from the ledger is untrusted: nodes are built with
 * createElement/textContent only (no innerHTML), and external links only for http(s). */

// --- small DOM helpers (text only) -------------------------------------------------

export function el(tag, attrs, children) {
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
export function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
export function $(id) { return document.getElementById(id); }

// An internal link: a hash built from our own keys (values are encoded by URLSearchParams).
export function hashLink(params, label) {
  var a = el("a", { href: "#" + new URLSearchParams(params).toString(), text: label });
  return a;
}
// An external link only for http(s); anything else (javascript:, data:, ...) stays text.
export function safeUrl(url) {
  if (!url) return null;
  try {
    var u = new URL(String(url), window.location.href);
    return (u.protocol === "http:" || u.protocol === "https:") ? u.href : null;
  } catch (e) { return null; }
}
export function externalLink(url, label) {
  var href = safeUrl(url);
  if (!href) return el("span", { class: "bad-url", text: label || String(url || "") });
  return el("a", { href: href, rel: "noopener noreferrer nofollow", target: "_blank", text: label || href });
}

// --- text with highlighted spans (offsets are Python code-point offsets) ----------

// spans: [{start, end, cls:[...], title:[...]}] in code points of `text`; returns a
// fragment of text nodes and <span>/<mark> segments, each segment covered by the
// union of the spans over it (so overlaps and nesting need no tree).
export function highlighted(text, spans, tag) {
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

export function countries(list) {
  return (list || []).map(function (e) { return e.country || e.name || e.text || "?"; }).join(", ");
}
export function names(list) {
  return (list || []).map(function (e) {
    return (e.name || e.text || "?") + (e.country ? " (" + e.country + ")" : "");
  }).join("; ");
}

export var SVGNS = "http://www.w3.org/2000/svg";
export function svg(tag, attrs) {
  var n = document.createElementNS(SVGNS, tag);
  Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, String(attrs[k])); });
  return n;
}
