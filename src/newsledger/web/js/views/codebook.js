/* The codebook: what every type, mode, context, modality, quad class, sector and actor
 * resolution means, in plain words (GET /api/codebook); other views use it for tooltips. */
import { $, clear, el, hashLink } from "../dom.js";
import { api } from "../api.js";
import { isCurrent } from "../state.js";

var book = null;
var loading = null;

export function loadCodebook() {
  if (book) return Promise.resolve(book);
  if (!loading) {
    loading = api("/api/codebook").then(function (body) { book = body.codebook; return book; },
      function (err) { loading = null; throw err; });  // a failed answer is asked again next time
  }
  return loading;
}

// The definition of `key` in `section` ("types", "modes", ...), or "" before the codebook arrives.
export function define(section, key) {
  if (!book || !book[section] || key == null) return "";
  var entry = book[section][key];
  return entry == null ? "" : typeof entry === "string" ? entry : entry.definition || "";
}

var SECTIONS = [
  ["types", "Event types (PLOVER)", function (k) { return { type: k }; }],
  ["quad_classes", "Quad classes", null],
  ["modes", "Modes: how an act was done", null],
  ["contexts", "Contexts: what an event is about", function (k) { return { context: k }; }],
  ["modalities", "Modalities", function (k) { return { modality: k }; }],
  ["sectors", "Sectors of actors", null],
  ["resolutions", "How an actor was resolved", null]
];

export function showCodebook(seq) {
  return loadCodebook().then(function (data) {
    if (!isCurrent(seq)) return;
    var box = clear($("codebook"));
    SECTIONS.forEach(function (section) {
      var name = section[0], entries = data[name] || {};
      var dl = el("dl", { "data-section": name });
      Object.keys(entries).forEach(function (key) {
        var entry = entries[key], term = typeof entry === "object" && entry.name ? key + " \u00b7 " + entry.name : key;
        var extra = name === "types" ? " Quad class " + entry.quad + ", score " + entry.score + ", CAMEO " + entry.cameo + "." : "";
        dl.appendChild(el("dt", { id: "cb-" + name + "-" + key }, [section[2] ? hashLink(Object.assign({ view: "events" }, section[2](key)), term) : term]));
        dl.appendChild(el("dd", { text: define(name, key) + extra }));
      });
      box.appendChild(el("section", { class: "codebook-section" }, [el("h3", { text: section[1] }), dl]));
    });
  });
}
