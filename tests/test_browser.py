"""The web explorer in a real browser: Playwright for Python driving Debian's Chromium
(/usr/bin/chromium; `playwright install` is never run) against a real `newsledger serve`
over a ledger of the sample corpus plus the hostile fixtures (tests/fixtures/hostile).

Screenshots of every view go to $NEWSLEDGER_ARTIFACTS (default tests/artifacts/).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE, SAMPLE_ARTICLES, build_ledger

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)", allow_module_level=True)
try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    pytest.skip("playwright is not installed (pip install playwright; no `playwright install` needed)",
                allow_module_level=True)
if not (ROOT / "src" / "newsledger" / "web" / "vendor" / "cytoscape.min.js").is_file():
    pytest.skip("src/newsledger/web/vendor/cytoscape.min.js is missing: run `make web`", allow_module_level=True)

from test_api import Server  # noqa: E402  (the same `newsledger serve` subprocess as the API tests)

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
ARTIFACTS = Path(os.environ.get("NEWSLEDGER_ARTIFACTS") or ROOT / "tests" / "artifacts")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
SCRIPT_TEXT = "<script>window.__pwned=1</script>"
IMG_TEXT = '<img src=x onerror="window.__pwned=1">'
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def get(srv: Server, path: str, **params) -> dict:
    url = srv.base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    with _NO_PROXY.open(url, timeout=30) as response:
        body = json.loads(response.read().decode("utf-8"))
    assert body["ok"] is True, body
    return body


# --- fixtures -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def web_db(pipeline, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("web") / "web.duckdb"
    articles, total = build_ledger(pipeline, [SAMPLE, HOSTILE], db)
    assert total.articles == len(articles) == SAMPLE_ARTICLES + 2  # the sample and two hostile articles
    return db


def served(db: Path, logs: Path):
    """`newsledger serve` over `db` for a module; afterwards its log holds no traceback."""
    srv = Server(db, logs / "server.log")
    yield srv
    srv.stop()
    assert "Traceback" not in srv.output(), srv.output()


@pytest.fixture(scope="module")
def server(web_db, tmp_path_factory):
    yield from served(web_db, tmp_path_factory.mktemp("weblogs"))


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


class Watched:
    """A page with its errors, dialogs and requests recorded."""

    def __init__(self, browser, base: str) -> None:
        # bypass_csp: the page's own Content-Security-Policy would stop Playwright's
        # wait_for_function (it evaluates strings); it also means the hostile article is
        # shown inert by the page's DOM building alone, not by the policy.
        self.context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
        self.page = self.context.new_page()
        self.base = base
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        self.page.on("dialog", self._dialog)
        self.page.on("request", lambda r: self.requests.append(r.url))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def go(self, fragment: str) -> None:
        self.page.goto(f"{self.base}/#{fragment}")

    def hash(self) -> dict[str, str]:
        frag = urllib.parse.urlsplit(self.page.url).fragment
        return dict(urllib.parse.parse_qsl(frag))

    def close(self) -> None:
        self.context.close()


def watched(browser, server):
    """A page on `server`; after the test: no page errors, no dialogs, no request elsewhere."""
    w = Watched(browser, server.base)
    yield w
    w.close()
    assert not w.errors, w.errors
    assert not w.dialogs, w.dialogs
    outside = [u for u in w.requests if not (u.startswith(server.base + "/") or u.startswith("data:"))]
    assert not outside, outside  # offline: nothing but this server


@pytest.fixture
def web(browser, server):
    yield from watched(browser, server)


def click_busiest_country(web, found: dict) -> dict:
    """Click, on the map, the country with most events in `found` (GET /api/map) that has a
    shape; wait for the events view; the country's entry."""
    drawn = set(web.page.eval_on_selector_all("#map-chart path.country", "ps => ps.map(p => p.dataset.code)"))
    busiest = max((c for c in found["countries"] if c["code"] in drawn), key=lambda c: c["events"])
    click_country(web.page, busiest["code"])
    web.page.wait_for_function("location.hash.includes('view=events')")
    return busiest


def click_country(page, code: str) -> None:
    """A real mouse click on a point of the country's shape on the map not covered by a dot."""
    point = page.eval_on_selector(f"#map-chart path.country[data-code={code}]", """p => {
        const r = p.getBoundingClientRect();
        for (let fy = 0.1; fy < 1; fy += 0.05) for (let fx = 0.1; fx < 1; fx += 0.05) {
            const x = r.left + r.width * fx, y = r.top + r.height * fy;
            if (document.elementFromPoint(x, y) === p) return [x, y];
        }
        return null; }""")
    assert point is not None, code
    page.mouse.click(*point)


def table_rows(page) -> list[dict[str, str]]:
    rows = page.eval_on_selector_all(
        "#events-table tbody tr",
        "rows => rows.map(r => ({id: r.dataset.event, cells: Array.from(r.cells).map(c => c.textContent)}))",
    )
    keys = ["type", "mode", "modality", "date", "actor", "recipient", "sources", "outlet", "evidence"]
    return [{"id": r["id"], **dict(zip(keys, r["cells"]))} for r in rows]


def wait_rows(page) -> None:
    page.wait_for_selector("#events-table tbody tr")
    page.wait_for_function("document.getElementById('status').textContent === ''")


def mark_rows_stale(page) -> None:
    """Mark the rows on show, so that `wait_fresh_rows` can tell the table the next query gives
    from the one before it (the hash changes before the view starts loading)."""
    page.eval_on_selector_all("#events-table tbody tr", "rows => rows.forEach(r => { r.dataset.stale = '1'; })")


def wait_fresh_rows(page) -> None:
    """Rows of the query just made: none of the marked rows left, and loading done."""
    page.wait_for_function("!document.querySelector('#events-table tbody tr[data-stale]')")
    wait_rows(page)


def apply_filter(web, name: str, value: str) -> None:
    """Type a value into a filter field of the events view and wait for the table it gives."""
    web.go("view=events")
    wait_rows(web.page)
    mark_rows_stale(web.page)
    web.page.fill(f"#filters input[name={name}]", value)
    web.page.press(f"#filters input[name={name}]", "Enter")
    web.page.wait_for_function(f"location.hash.includes('{name}=')")
    wait_fresh_rows(web.page)


# --- tests ----------------------------------------------------------------------------


def test_every_view_loads(web, server, artifacts):
    page = web.page
    assert page.goto(server.base + "/").headers["content-security-policy"].startswith("default-src 'self'")
    checks = {
        "summary": "#summary-cols li",
        "timeline": "#timeline-chart svg rect[data-period]",
        "map": "#map-chart svg path.country.has-events",
        "network": "#network-graph canvas",
        "events": "#events-table tbody tr",
        "reader&doc=prisoner-swap-2024": "#article-text .seg",
        "quotes": "#quote-list li[data-quote]",
        "outlets&actor=CHN": "#outlets-cols .col",
        "codebook": "#codebook dl[data-section=types] dd",
    }
    for fragment, selector in checks.items():
        web.go(f"view={fragment}")
        page.wait_for_selector(selector)
        page.wait_for_timeout(150)
        name = fragment.split("&")[0]
        assert page.locator(f"#view-{name}").is_visible()
        page.screenshot(path=str(artifacts / f"view-{name}.png"), full_page=True)
    assert page.evaluate("() => Array.from(document.querySelectorAll('#tabs a.active')).map(a => a.dataset.view)") == ["codebook"]
    assert get(server, "/api")["docs"] == "/docs"  # the JSON root moved to /api


def test_timeline_brush_filters_every_view(web, server, artifacts):
    page = web.page
    web.go("view=events")
    wait_rows(page)
    unfiltered = get(server, "/api/events", limit="1000")["events"]
    web.go("view=timeline")
    page.wait_for_selector("#timeline-chart svg rect[data-period]")
    box = page.locator("#timeline-chart svg").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.35, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, y, steps=5)
    page.mouse.move(box["x"] + box["width"] * 0.65, y, steps=5)
    page.mouse.up()
    page.wait_for_function("location.hash.includes('since=') && location.hash.includes('until=')")
    state = web.hash()
    since, until = state["since"], state["until"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", since) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", until) and since < until
    expect(page.locator("#filters input[name=since]")).to_have_value(since)
    page.wait_for_selector("#timeline-chart .brush[visibility=visible]")
    page.screenshot(path=str(artifacts / "timeline-brushed.png"))
    # the tab keeps the period; the table shows what the API gives for it
    page.click("#tabs a[data-view=events]")
    page.wait_for_function("location.hash.includes('view=events')")
    assert web.hash()["since"] == since and web.hash()["until"] == until
    wait_rows(page)
    rows = table_rows(page)
    expected = get(server, "/api/events", since=since, until=until, limit="50", sort="-date")["events"]
    assert [r["id"] for r in rows] == [e["event_id"] for e in expected]
    assert 0 < len(rows) < len(unfiltered)
    for r in rows:
        if len(r["date"]) == 10:
            assert since <= r["date"] <= until, r


def test_involving_field_filters_to_a_country_pair(web, server, artifacts):
    page = web.page
    web.go("view=events")
    page.wait_for_function("document.querySelectorAll('#country-codes option').length > 100")
    assert page.get_attribute("#country-codes option[value=CHN]", "label").startswith("China")
    apply_filter(web, "involving", "CHN,GBR")
    rows = table_rows(page)
    expected = get(server, "/api/events", involving="CHN,GBR", limit="50", sort="-date")["events"]
    assert rows and [r["id"] for r in rows] == [e["event_id"] for e in expected]
    assert all({"CHN", "GBR"} <= set(r["actor"].split(", ")) | set(r["recipient"].split(", ")) for r in rows)
    page.screenshot(path=str(artifacts / "events-involving.png"))


def test_search_field_finds_the_events_articles_and_quotes_holding_the_words(web, server, artifacts):
    page = web.page
    apply_filter(web, "text", "sanctions")
    expected = get(server, "/api/events", text="sanctions", limit="50", sort="-date")["events"]
    assert expected and [r["id"] for r in table_rows(page)] == [e["event_id"] for e in expected]
    page.click("#tabs a[data-view=reader]")
    page.wait_for_function("location.hash.includes('view=reader')")
    page.wait_for_selector("#reader-list li")
    titles = page.eval_on_selector_all("#reader-list li a", "links => links.map(a => a.textContent)")
    articles = get(server, "/api/articles", text="sanctions", limit="50", sort="-published")["articles"]
    assert titles == [a["title"] or a["doc_id"] for a in articles]
    page.screenshot(path=str(artifacts / "search-sanctions.png"))


def test_the_codebook_defines_types_modes_and_contexts_and_explains_the_table(web, server, artifacts):
    page = web.page
    book = get(server, "/api/codebook")["codebook"]
    web.go("view=codebook")
    page.wait_for_selector("#codebook dl[data-section=contexts] dd")
    for section in ("types", "modes", "contexts", "modalities", "quad_classes", "sectors", "resolutions"):
        assert page.locator(f"#codebook dl[data-section={section}] dt").count() == len(book[section]), section
    assert book["types"]["ASSAULT"]["definition"] in page.text_content("#codebook dl[data-section=types]")
    page.screenshot(path=str(artifacts / "view-codebook.png"))
    page.click("#cb-types-SANCTION a")
    page.wait_for_function("location.hash.includes('type=SANCTION') && location.hash.includes('view=events')")
    wait_rows(page)
    assert page.get_attribute("#events-table tbody tr td:first-child", "title") == book["types"]["SANCTION"]["definition"]
    assert "a comma means" in page.text_content("#filters .rule")


def test_the_reader_lists_newest_first_pages_and_takes_the_pages_filters(web, server, artifacts):
    page = web.page
    web.go("view=reader")
    page.wait_for_selector("#reader-list li[data-doc]")
    everything = []
    after = None
    while True:
        body = get(server, "/api/articles", limit="50", sort="-published", **({"after": after} if after else {}))
        everything += [a["doc_id"] for a in body["articles"]]
        after = body["next"]
        if not after:
            break
    assert len(everything) > 50
    shown = lambda: page.eval_on_selector_all("#reader-list li[data-doc]", "ls => ls.map(l => l.dataset.doc)")
    assert shown() == everything[:50]
    for pages in range(2, len(everything) // 50 + 2):  # each "more" adds the next page
        page.click("#reader-more")
        page.wait_for_function(f"document.querySelectorAll('#reader-list li[data-doc]').length === {min(50 * pages, len(everything))}")
    assert shown() == everything and page.locator("#reader-more").is_hidden()
    dates = [a["published"] for a in get(server, "/api/articles", limit="500", sort="-published")["articles"] if a["published"]]
    assert dates == sorted(dates, reverse=True)
    # the page's event filters: articles that report a matching event
    web.go("view=reader&actor=CHN&type=SANCTION")
    page.wait_for_function("document.getElementById('reader-note').textContent.includes('with this page')")
    expected = get(server, "/api/articles", actor="CHN", type="SANCTION", limit="50", sort="-published")["articles"]
    reporting = {e["doc_id"] for e in get(server, "/api/events", actor="CHN", type="SANCTION", limit="500")["events"]}
    assert expected and shown() == [a["doc_id"] for a in expected]
    assert len(expected) < 50 and reporting <= set(shown())  # every article an event was first reported in
    page.screenshot(path=str(artifacts / "view-reader-filtered.png"))


def test_the_view_exports_as_csv_and_parquet_and_as_the_equivalent_command(web, server, web_db, run_cli, artifacts):
    import csv
    import io
    import shlex

    page = web.page
    apply_filter(web, "text", "sanctions")
    href = page.get_attribute("#export-csv", "href")
    assert href.startswith("/api/events?") and "format=csv" in href and "text=sanctions" in href
    assert "format=parquet" in page.get_attribute("#export-parquet", "href")
    with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(server.base + href, timeout=60) as response:
        exported = [r["event_id"] for r in csv.DictReader(io.StringIO(response.read().decode("utf-8")))]
    shown = [r["id"] for r in table_rows(page)]
    assert exported[: len(shown)] == shown and exported
    command = shlex.split(page.text_content("#export-cli"))
    assert command[:2] == ["newsledger", "events"] and "--text" in command
    done = run_cli(*command[1:], "--db", str(web_db))
    assert done.returncode == 0, done.stderr
    assert [r["event_id"] for r in csv.DictReader(io.StringIO(done.stdout.decode("utf-8")))] == exported
    page.screenshot(path=str(artifacts / "events-export.png"))


def test_summary_shows_how_many_and_opens_the_rows_behind_a_number(web, server, artifacts):
    page = web.page
    web.go("view=summary&type=ASSAULT")
    page.wait_for_selector("#summary-cols li")
    summary = get(server, "/api/summary", type="ASSAULT")["summary"]
    assert page.text_content("#summary-totals").startswith(f"{summary['totals']['events']} events")
    keys = page.eval_on_selector_all("#summary-cols .col:nth-child(2) li", "items => items.map(i => i.dataset.key)")
    assert keys == [r["country"] for r in summary["actors"]]
    page.screenshot(path=str(artifacts / "summary-assault.png"), full_page=True)
    first = summary["actors"][0]
    page.click(f"#summary-cols .col:nth-child(2) li[data-key={first['country']}] a")
    page.wait_for_function("location.hash.includes('view=events')")
    wait_rows(page)
    assert web.hash()["type"] == "ASSAULT" and web.hash()["actor"] == first["country"]
    expected = get(server, "/api/events", type="ASSAULT", actor=first["country"], limit="50", sort="-date")["events"]
    assert [r["id"] for r in table_rows(page)] == [e["event_id"] for e in expected]
    assert len(expected) == min(50, first["events"])


def test_map_shades_countries_by_events_and_a_click_lists_a_countrys_events(web, server, artifacts):
    page = web.page
    web.go("view=map&map_role=actor")
    page.wait_for_selector("#map-chart svg path.country.has-events")
    found = get(server, "/api/map", role="actor")
    shaded = page.eval_on_selector_all(
        "#map-chart path.country.has-events", "ps => Object.fromEntries(ps.map(p => [p.dataset.code, +p.dataset.events]))")
    on_map = set(page.eval_on_selector_all("#map-chart path.country", "ps => ps.map(p => p.dataset.code).filter(c => c)"))
    assert shaded == {c["code"]: c["events"] for c in found["countries"] if c["code"] in on_map}
    assert page.locator("#map-chart circle.place").count() == len(found["points"]) > 0
    off_map = [c["code"] for c in found["countries"] if c["code"] not in on_map]
    assert all(code in page.text_content("#map-note") for code in off_map[:8])  # bodies (EUR, UNO), Hong Kong
    page.screenshot(path=str(artifacts / "view-map-actor.png"))
    busiest = click_busiest_country(web, found)
    assert web.hash()["actor"] == busiest["code"]
    wait_rows(page)
    rows = table_rows(page)
    assert rows and all(busiest["code"] in r["actor"].split(", ") for r in rows)


def label_overlaps(page) -> list[tuple[str, str]]:
    """Pairs of node labels whose drawn boxes overlap (Cytoscape's own label bounds)."""
    return page.evaluate("""() => {
        const boxes = window.__cy.nodes().map(n => [n.id(), n.boundingBox({includeNodes: false, includeLabels: true})]);
        const out = [];
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
            const [a, p] = boxes[i], [b, q] = boxes[j];
            if (p.x1 < q.x2 && q.x1 < p.x2 && p.y1 < q.y2 && q.y1 < p.y2) out.push([a, b]);
        }
        return out; }""")


def smallest_label_px(page) -> float:
    """The smallest node label as drawn on screen, in CSS pixels."""
    return page.evaluate("Math.min(...window.__cy.nodes().map(n => parseFloat(n.style('font-size')) * window.__cy.zoom()))")


# The edge and the point on it (edges are quadratic beziers through their rendered midpoint)
# farthest from every node and every other edge, so a click there reaches that edge whatever
# the layout: {source, target, x, y, clearance}.
CLEAREST_EDGE_POINT = """(() => {
    const curve = e => {
        const p0 = e.renderedSourceEndpoint(), p2 = e.renderedTargetEndpoint(), m = e.renderedMidpoint();
        const c = {x: 2 * m.x - (p0.x + p2.x) / 2, y: 2 * m.y - (p0.y + p2.y) / 2};
        return t => ({x: (1 - t) ** 2 * p0.x + 2 * t * (1 - t) * c.x + t ** 2 * p2.x,
                      y: (1 - t) ** 2 * p0.y + 2 * t * (1 - t) * c.y + t ** 2 * p2.y});
    };
    const edges = window.__cy.edges().toArray();
    const samples = edges.map(e => { const at = curve(e); return Array.from({length: 41}, (_, k) => at(k / 40)); });
    const boxes = window.__cy.nodes().map(n => n.renderedBoundingBox({includeLabels: false}));
    let best = null;
    edges.forEach((e, i) => {
        const at = curve(e);
        for (const t of [0.3, 0.4, 0.5, 0.6, 0.7]) {
            const p = at(t);
            let clearance = Math.min(...boxes.map(b => Math.max(b.x1 - p.x, p.x - b.x2, b.y1 - p.y, p.y - b.y2)));
            samples.forEach((points, j) => { if (j !== i) for (const q of points)
                clearance = Math.min(clearance, Math.hypot(q.x - p.x, q.y - p.y)); });
            if (!best || clearance > best.clearance)
                best = {source: e.source().id(), target: e.target().id(), x: p.x, y: p.y, clearance};
        }
    });
    return best; })()"""


def test_network_force_layout_slider_edge_click_and_gephi_files(web, server, artifacts):
    page = web.page
    web.go("view=network&net_top=20")
    page.wait_for_function("window.__cy && window.__cy.edges().length > 0")
    assert page.evaluate("typeof window.cytoscapeFcose") == "function"
    found = get(server, "/api/network", limit="20")
    drawn = [e for e in found["edges"] if e["source"] != e["target"]]  # domestic pairs size the node instead
    assert page.evaluate("window.__cy.edges().length") == len(drawn) and len(found["edges"]) <= 20
    sizes = page.evaluate("Object.fromEntries(window.__cy.nodes().map(n => [n.id(), n.data('events')]))")
    busiest = max(sizes, key=sizes.get)
    assert page.evaluate(f"window.__cy.getElementById('{busiest}').width()") == max(
        page.evaluate("window.__cy.nodes().map(n => n.width())"))  # node size follows events
    assert label_overlaps(page) == [] and smallest_label_px(page) >= 10
    # the slider asks for more edges
    page.locator("#net-top").fill("100")
    page.locator("#net-top").dispatch_event("change")
    page.wait_for_function("location.hash.includes('net_top=100')")
    wider = [e for e in get(server, "/api/network", limit="100")["edges"] if e["source"] != e["target"]]
    page.wait_for_function(f"window.__cy && window.__cy.edges().length === {len(wider)}")
    assert label_overlaps(page) == [] and smallest_label_px(page) >= 10
    assert "net_top=100" in page.get_attribute("#net-graphml", "href") or "limit=100" in page.get_attribute("#net-graphml", "href")
    assert "format=gexf" in page.get_attribute("#net-gexf", "href")
    page.screenshot(path=str(artifacts / "view-network-100.png"))
    # a click on an edge lists its events
    spot = page.evaluate(CLEAREST_EDGE_POINT)
    assert spot["clearance"] >= 4, "no edge has a point clear of the nodes and the other edges"
    edge = next(e for e in wider if (e["source"], e["target"]) == (spot["source"], spot["target"]))
    box = page.locator("#network-graph").bounding_box()
    page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
    page.wait_for_function("location.hash.includes('view=events')")
    assert web.hash()["actor"] == edge["source"] and web.hash()["recipient"] == edge["target"]
    wait_rows(page)
    assert len(table_rows(page)) == min(50, edge["events"])


def test_network_node_click_filters_to_actor(web, server, artifacts):
    page = web.page
    web.go("view=network")
    page.wait_for_function("window.__cy && window.__cy.nodes().length > 0")
    ids = page.evaluate("window.__cy.nodes().map(n => n.id())")
    assert ids == sorted(ids) and "CHN" in ids
    assert label_overlaps(page) == []
    first = page.evaluate("window.__cy.getElementById('CHN').renderedPosition()")
    page.reload()  # deterministic layout: the same place after a reload
    page.wait_for_function("window.__cy && window.__cy.nodes().length > 0")
    pos = page.evaluate("window.__cy.getElementById('CHN').renderedPosition()")
    assert pos == first
    box = page.locator("#network-graph").bounding_box()
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    page.wait_for_function("location.hash.includes('actor=CHN')")
    page.wait_for_function("window.__cy && window.__cy.getElementById('CHN').hasClass('chosen')")
    page.screenshot(path=str(artifacts / "network-actor.png"))
    page.click("#tabs a[data-view=events]")
    page.wait_for_function("location.hash.includes('view=events')")
    wait_rows(page)
    rows = table_rows(page)
    assert rows and all("CHN" in r["actor"].split(", ") for r in rows)
    expected = get(server, "/api/events", actor="CHN", limit="50", sort="-date")["events"]
    assert [r["id"] for r in rows] == [e["event_id"] for e in expected]
    total = len(get(server, "/api/events", actor="CHN", limit="1000")["events"])
    assert page.text_content("#events-note").startswith(f"{len(rows)} of {total} events, by date (descending: newest first)")
    # every column sorts on the server (state in the URL), and pages follow the API's token
    for sort in ("type", "-type", "outlet"):
        page.click(f"#events-table th[data-sort={sort.lstrip('-')}]")
        page.wait_for_function(f"new URLSearchParams(location.hash.slice(1)).get('sort') === '{sort}'")
        wait_rows(page)
        expected = get(server, "/api/events", actor="CHN", limit="50", sort=sort)["events"]
        assert [r["id"] for r in table_rows(page)] == [e["event_id"] for e in expected]
        assert page.get_attribute(f"#events-table th[data-sort={sort.lstrip('-')}]", "class") == (
            "sorted-desc" if sort.startswith("-") else "sorted-asc")
    assert [r["outlet"] for r in table_rows(page)] == [e["outlet"] or "" for e in expected]


def test_event_evidence_highlights_actor_trigger_recipient(web, server, artifacts):
    page = web.page
    hostile = get(server, "/api/articles/hostile")
    sanction = next(e for e in hostile["events"] if e["event_type"] == "SANCTION")
    event = get(server, f"/api/events/{sanction['event_id']}")["event"]
    web.go("view=events&type=SANCTION&actor=RUS&since=2024-03-01&until=2024-03-31")
    wait_rows(page)
    page.click(f"#events-table tbody tr[data-event='{event['event_id']}']")
    page.wait_for_selector("#evidence .mention mark")
    assert web.hash()["event"] == event["event_id"]
    mention = event["mentions"][0]
    record = mention["record"]
    marks = page.eval_on_selector_all(
        "#evidence .mention .sentence mark", "ms => ms.map(m => [m.dataset.role, m.textContent])"
    )
    assert marks == [["actor", record["actor"][0]["text"]], ["trigger", mention["trigger"]],
                     ["recipient", record["recipient"][0]["text"]]]
    assert [m[1] for m in marks] == ["Russia", "sanctioned", "British officials"]
    assert SCRIPT_TEXT in page.locator("#evidence .sentence").first.text_content()
    coding = page.text_content("#evidence .mention .coding")  # the rule, the confidence and the date phrase
    assert record["coder"] in coding and f"confidence {record['confidence']:.2f}" in coding
    assert f"date {record['date']}" in coding and (record["date_text"] is None or record["date_text"] in coding)
    actor_title = page.get_attribute("#evidence .mention .sentence mark[data-role=actor]", "title")
    assert actor_title.endswith("by " + record["actor"][0]["resolution"].replace("_", " "))
    links = page.eval_on_selector_all("#evidence .mention a", "as => as.map(a => a.getAttribute('href'))")
    assert any("doc=hostile" in h and "view=reader" in h for h in links)
    page.screenshot(path=str(artifacts / "events-evidence.png"))
    # a sample event: every actor / recipient / trigger of every mention is highlighted
    web.go("view=events&type=SANCTION&actor=CHN")
    wait_rows(page)
    row = table_rows(page)[0]
    page.click(f"#events-table tbody tr[data-event='{row['id']}']")
    page.wait_for_selector("#evidence .mention mark")
    full = get(server, f"/api/events/{row['id']}")["event"]
    got = page.eval_on_selector_all(
        "#evidence .mention .sentence",
        """ss => ss.map(s => {
             const by = {};
             s.querySelectorAll('mark').forEach(m => m.dataset.role.split(' ').forEach(r => { by[r] = (by[r] || '') + m.textContent; }));
             return by; })""",
    )
    assert len(got) == len(full["mentions"])
    for by_role, m in zip(got, full["mentions"]):
        assert m["trigger"] in by_role["trigger"]
        for a in m["record"]["actor"]:
            assert a["text"] in by_role["actor"]
        for a in m["record"]["recipient"]:
            assert a["text"] in by_role["recipient"]
    # the evidence links to the outlets view of the event
    page.click("#evidence a[href*='o_event=']")
    page.wait_for_selector("#outlets-cols .col")
    outlets = {m["outlet"] or "unknown outlet" for m in full["mentions"]}
    assert set(page.eval_on_selector_all("#outlets-cols .col", "cs => cs.map(c => c.dataset.outlet)")) == outlets


def test_hostile_article_renders_inert(web, server, artifacts):
    page = web.page
    docs = [a["doc_id"] for a in get(server, "/api/articles", limit="200")["articles"] if a["doc_id"].startswith("hostile")]
    assert len(docs) == 2
    for doc in docs:
        web.go("view=reader&doc=" + urllib.parse.quote(doc))
        page.wait_for_selector("#article-text .seg")
        text = page.locator("#article-text").text_content()
        assert SCRIPT_TEXT in text and IMG_TEXT in text and "javascript:window.__pwned=1" in text
        assert page.locator("#reader-article script, #reader-article img, #reader-article iframe").count() == 0
        assert page.evaluate("Array.from(document.querySelectorAll('a')).filter(a => /^\\s*javascript:/i.test(a.getAttribute('href') || '')).length") == 0
        assert page.evaluate("Array.from(document.querySelectorAll('#reader-article *')).filter(e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).length") == 0
        # hover shows the coded record
        titles = page.eval_on_selector_all("#article-text .seg[title]", "ss => ss.map(s => s.title)")
        lines = [line for t in titles for line in t.split("\n")]
        assert any(line.startswith("EVENT ") for line in lines) and any(line.startswith("QUOTE ") for line in lines)
        page.screenshot(path=str(artifacts / f"reader-{doc.replace('~', '-')}.png"), full_page=True)
    # the same text through the other views
    web.go("view=quotes&q_outlet=Hostile%20Gazette")
    page.wait_for_selector("#quote-list li[data-quote]")
    assert SCRIPT_TEXT in page.locator("#quote-list").text_content()
    web.go("view=events&since=2024-03-01&until=2024-03-31")
    wait_rows(page)
    page.click("#events-table tbody tr >> nth=0")
    page.wait_for_selector("#evidence .mention")
    web.go("view=outlets&actor=RUS&since=2024-03-01&until=2024-03-31")
    page.wait_for_selector("#outlets-cols .col")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert not any(u.rstrip("/").endswith("/x") for u in web.requests)  # no <img src=x> was ever made


def test_quote_search_by_country_and_speaker(web, server, artifacts):
    page = web.page
    web.go("view=quotes")
    page.wait_for_selector("#quote-list li[data-quote]")
    page.fill("#quote-form input[name=q_country]", "USA")
    page.click("#quote-form button[type=submit]")
    page.wait_for_function("location.hash.includes('q_country=USA')")
    page.wait_for_function(
        "(() => { const s = Array.from(document.querySelectorAll('#quote-list li[data-quote] strong'));"
        " return s.length > 0 && s.every(x => x.textContent.includes('(USA)')); })()"
    )
    expected = get(server, "/api/quotes", country="USA", limit="50")["quotes"]
    got = page.eval_on_selector_all("#quote-list li[data-quote]", "ls => ls.map(l => l.dataset.quote)")
    assert got == [q["quote_id"] for q in expected] and got
    links = page.eval_on_selector_all("#quote-list li a", "as => as.map(a => a.getAttribute('href'))")
    assert all(h.startswith("#view=reader&doc=") for h in links)
    page.screenshot(path=str(artifacts / "quotes-usa.png"), full_page=True)


@pytest.fixture(scope="module", autouse=True)
def _cleanup_empty_artifacts():
    yield
    if ARTIFACTS.is_dir() and not any(ARTIFACTS.iterdir()):
        shutil.rmtree(ARTIFACTS, ignore_errors=True)
