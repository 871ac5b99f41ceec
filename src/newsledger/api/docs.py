"""The /docs page: the endpoints of the OpenAPI schema as plain HTML.

Why not Swagger UI: FastAPI's default page loads its scripts and styles from a CDN, and
newsledger runs offline. This page has no script and no external resource at all; the
machine-readable description stays at /openapi.json.
"""

from __future__ import annotations

from html import escape
from typing import Any

_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
code, pre { font-family: ui-monospace, monospace; font-size: 90%; }
pre { background: #f4f4f4; padding: .6rem .8rem; overflow-x: auto; }
h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; }
.method { display: inline-block; min-width: 3.5rem; font-weight: bold; }
.get { color: #0b6e4f; } .post { color: #a0522d; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .25rem .5rem; border-bottom: 1px solid #eee; }
th { font-weight: 600; } .muted { color: #666; }
"""

_ERROR_SHAPE = '{"ok": false, "error": {"code": "not_found", "message": "no event \'abc\'"}}'


def _type(schema: dict[str, Any]) -> str:
    if not schema:
        return ""
    if "anyOf" in schema:
        return " | ".join(_type(s) for s in schema["anyOf"])
    kind = schema.get("type", "")
    if kind == "array":
        return f"{_type(schema.get('items', {}))}, repeatable"
    return str(kind or schema.get("$ref", "").rsplit("/", 1)[-1])


def _parameters(parameters: list[dict[str, Any]]) -> str:
    if not parameters:
        return ""
    rows = []
    for p in parameters:
        schema = p.get("schema", {})
        description = p.get("description") or schema.get("description") or ""
        rows.append(
            "<tr><td><code>{}</code>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>".format(
                escape(p["name"]),
                " <b>*</b>" if p.get("required") else "",
                escape(p.get("in", "")),
                escape(_type(schema)),
                escape(description),
            )
        )
    return (
        "<table><tr><th>parameter</th><th>in</th><th>type</th><th>meaning</th></tr>" + "".join(rows) + "</table>"
    )


def _responses(responses: dict[str, Any]) -> str:
    items = [
        f"<code>{escape(str(code))}</code> {escape(str(r.get('description', '')))}" for code, r in responses.items()
    ]
    return '<p class="muted">Responses: ' + "; ".join(items) + "</p>" if items else ""


def _body(operation: dict[str, Any]) -> str:
    body = operation.get("requestBody")
    if not body:
        return ""
    schema = body.get("content", {}).get("application/json", {}).get("schema", {})
    fields = []
    variants = schema.get("anyOf", [schema])
    properties = next((v.get("properties") for v in variants if v.get("properties")), {}) or {}
    required = next((v.get("required") for v in variants if v.get("properties")), []) or []
    for name, prop in properties.items():
        fields.append(
            "<tr><td><code>{}</code>{}</td><td>body</td><td>{}</td><td>{}</td></tr>".format(
                escape(name), " <b>*</b>" if name in required else "", escape(_type(prop)),
                escape(prop.get("description", "")),
            )
        )
    head = "<p>JSON body: one object or a list of them.</p>"
    if not fields:
        return head
    return head + "<table><tr><th>field</th><th>in</th><th>type</th><th>meaning</th></tr>" + "".join(fields) + "</table>"


def render(schema: dict[str, Any]) -> str:
    """HTML listing every operation of an OpenAPI schema, with no external resource."""
    info = schema.get("info", {})
    title = f"{info.get('title', 'API')} {info.get('version', '')}".strip()
    sections, index = [], []
    for path, operations in schema.get("paths", {}).items():
        for method, op in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            anchor = f"{method}-{path}".replace("/", "-").replace("{", "").replace("}", "").replace(":", "")
            label = f'<span class="method {method}">{method.upper()}</span> <code>{escape(path)}</code>'
            headline = (op.get("description") or op.get("summary") or "").strip().split("\n")[0]
            index.append(f'<li><a href="#{escape(anchor)}">{label}</a> {escape(headline)}</li>')
            description = op.get("description", "")
            security = (
                "<p><b>Needs</b> <code>Authorization: Bearer &lt;token&gt;</code> "
                "(server started with <code>--allow-ingest --token T</code>).</p>"
                if op.get("security")
                else ""
            )
            sections.append(
                f'<h2 id="{escape(anchor)}">{label}</h2>'
                "".join(f"<p>{escape(part.strip())}</p>" for part in (description or op.get("summary", "")).split("\n\n"))
                + security
                + _parameters(op.get("parameters", []))
                + _body(op)
                + _responses(op.get("responses", {}))
            )
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{escape(title)}</h1>"
        f"<p>{escape(info.get('summary') or info.get('description') or '')}</p>"
        "<p>Every response is JSON with <code>ok</code>. Lists come a page at a time: pass the "
        "<code>next</code> token of a page as <code>after</code> to get the next one (null on the last). "
        "Many-valued parameters can be repeated (<code>actor=CHN&amp;actor=RUS</code>) or separated by commas. "
        "Every error has one shape, with the HTTP status to match:</p>"
        f"<pre>{escape(_ERROR_SHAPE)}</pre>"
        '<p>Machine-readable description: <a href="/openapi.json">/openapi.json</a>.</p>'
        "<ul>" + "".join(index) + "</ul>" + "".join(sections) + "</body></html>\n"
    )
