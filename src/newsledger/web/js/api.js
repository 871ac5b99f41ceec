/* The JSON API: one error shape ({"ok": false, "error": {...}}) becomes one thrown Error. */
import { $ } from "./dom.js";

// --- the API ---------------------------------------------------------------------

export function api(path, params) {
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
export function status(msg, isError) {
  var s = $("status");
  s.textContent = msg || "";
  s.className = isError ? "error" : "";
}
export function fail(err) { status(String(err && err.message ? err.message : err), true); }
