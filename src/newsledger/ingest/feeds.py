"""RSS / Atom / RDF feeds -> one ArticleInput per entry, via feedparser.

Why the defusedxml pass first: feedparser hands the bytes to expat, which expands
internal entities, so a "billion laughs" feed would eat memory before feedparser
returned. defusedxml refuses entity declarations outright.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import defusedxml.ElementTree as DefusedET
import feedparser
from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

from newsledger.ingest.dates import stated_date, struct_date
from newsledger.records import ArticleInput, InputError

_HTML_TYPES = ("text/html", "application/xhtml+xml")

# Teaser suffixes digest feeds append to summaries. "Read more"-style phrases count only
# when they start a sentence (after . ! ? etc. or a line break) and run to the end without
# another sentence, so "... wants to read more" survives; "[...]" / "[…]" is unambiguous.
_TEASER = re.compile(
    r"""(?:
        \s*\[\s*(?:…|\.{3})\s*\]
      | (?:^|(?<=[.!?…"”’)\]\n]))\s*
        (?:continue\s+reading|read\s+more|keep\s+reading|read\s+the\s+(?:full|rest\s+of\s+the)\s+(?:story|article))
        [^\n.!?…]{0,80}?(?:\s*(?:…|\.+|!|»|›|→|>>))*     # WordPress: "Continue reading <title> →"
      | (?:^|(?<=\n))\s*the\s+post\s+[^\n]{1,300}?\s+appeared\s+first\s+on\s+[^\n]{1,200}?
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


def check_xml(data: bytes) -> str | None:
    """None when `data` is well-formed XML without entity declarations, else why not."""
    try:
        DefusedET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except (EntitiesForbidden, DTDForbidden, ExternalReferenceForbidden):
        return "refusing XML entity declarations (possible entity bomb)"
    except DefusedET.ParseError as error:
        if str(error).startswith("undefined entity"):
            return None  # "&nbsp;" in a sloppy feed: no declaration, so no bomb; feedparser copes
        return "malformed XML: " + " ".join(str(error).split())
    return None


def read_feed(
    data: bytes, *, stem: str, source: str, published: str | None
) -> Iterator[ArticleInput | InputError]:
    """Yield one article (or error) per feed entry; the raw bytes keep the XML encoding."""
    problem = check_xml(data)
    if problem:
        yield InputError(source, problem)
        return
    # A stream, not bytes/str: feedparser treats a string as a URL or a file name to open.
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        yield InputError(source, "feed has no entries")
        return
    outlet = _detail_text(parsed.feed.get("title_detail")) or None
    for number, entry in enumerate(parsed.entries, start=1):
        yield _article(entry, number, stem=stem, source=source, outlet=outlet, published=published)


def _article(
    entry: Any, number: int, *, stem: str, source: str, outlet: str | None, published: str | None
) -> ArticleInput | InputError:
    where = f"{source}#{number}"
    title = _detail_text(entry.get("title_detail"))
    bodies = [_detail_text(detail) for detail in entry.get("content", [])]
    bodies.append(_detail_text(entry.get("summary_detail")))
    body = strip_teaser(max(bodies, key=len))
    text = "\n\n".join(part for part in (title, body) if part)
    if not text.strip():
        return InputError(where, "no text")
    guid = (entry.get("id") or "").strip()
    link = (entry.get("link") or "").strip()
    return ArticleInput(
        doc_id=f"{stem}:{guid or number}",
        text=text,
        title=title or None,
        published=_entry_date(entry) or published,
        url=link if link.startswith(("http://", "https://")) else None,
        outlet=outlet,
        author=(entry.get("author") or "").strip() or None,
        source=where,
    )


def _entry_date(entry: Any) -> str | None:
    """Date as the feed states it; feedparser's *_parsed are converted to UTC, which moves
    a late-evening US timestamp to the next day, so they are only the fallback."""
    for key in ("published", "updated"):
        date = stated_date(entry.get(key)) or struct_date(entry.get(f"{key}_parsed"))
        if date:
            return date
    return None


def _detail_text(detail: Any) -> str:
    """Plain text of a feedparser text construct (its `type` says whether it is HTML)."""
    if not detail or not detail.get("value"):
        return ""
    if detail.get("type") in _HTML_TYPES:
        return html_to_text(detail["value"])
    return "\n\n".join(_paragraph_lines(p) for p in re.split(r"\n\s*\n", detail["value"]) if p.strip())


_TEASER_TAIL = 1_000  # longer than any teaser the pattern can match


def strip_teaser(text: str) -> str:
    """Remove trailing "Continue reading...", "Read more", "[…]" and similar suffixes.
    Only the tail is searched (the pattern is anchored at the end), so a long entry
    costs no more than a short one."""
    text = text.rstrip()
    while True:
        cut = max(0, len(text) - _TEASER_TAIL)
        head, tail = text[:cut], text[cut:]
        shorter = (head + _TEASER.sub("", tail, count=1)).rstrip()
        if shorter == text:
            return text
        text = shorter


def html_to_text(markup: str) -> str:
    """Text of an HTML fragment: blocks become blank-line separated paragraphs,
    <br> a line break, entities unescaped, script/style dropped."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    paragraphs = (_paragraph_lines(p) for p in "".join(parser.parts).split(_PARA))
    return "\n\n".join(p for p in paragraphs if p)


_PARA = "\x00P\x00"  # markers cannot collide with text: decoded input never holds NUL
_LINE = "\x00L\x00"
_BLOCKS = {
    "p", "div", "section", "article", "header", "footer", "aside", "blockquote", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "figure", "figcaption", "hr",
}
_LINES = {"br", "li", "tr", "dt", "dd"}
_SKIP = {"script", "style", "template", "noscript"}


def _paragraph_lines(paragraph: str) -> str:
    lines = (" ".join(line.split()) for line in paragraph.replace(_LINE, "\n").split("\n"))
    return "\n".join(line for line in lines if line)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skipping += 1
        self._mark(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._mark(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skipping = max(0, self._skipping - 1)
        self._mark(tag)

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            # Newlines in HTML source are spaces; real breaks come from the markers.
            self.parts.append(re.sub(r"\s", " ", data))

    def _mark(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append(_PARA)
        elif tag in _LINES:
            self.parts.append(_LINE)
