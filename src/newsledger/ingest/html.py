"""HTML pages -> one ArticleInput, via trafilatura.

Why trafilatura: it separates the article from navigation, cookie banners, share
buttons and donation boxes, and reads the page metadata (title, byline, date, site name,
canonical URL); hand-written heuristics would do all of that worse.
"""

from __future__ import annotations

import datetime as dt

import trafilatura

from newsledger.ingest.dates import stated_date
from newsledger.records import ArticleInput, InputError


def _date_params() -> dict[str, object]:
    # extensive_search=False: with it (trafilatura's default) htmldate falls back to any
    # date-like text on the page, e.g. "(c) 2024" in the footer became "2024-01-01".
    # Structured metadata, <time> elements and dates in the URL are still used.
    return {
        "original_date": True,
        "extensive_search": False,
        "max_date": dt.date.today().isoformat(),
    }


def read_html(text: str, *, doc_id: str, source: str, published: str | None) -> ArticleInput | InputError:
    """Extract the main text and metadata of one HTML page (or fragment)."""
    doc = trafilatura.bare_extraction(
        _as_document(text),
        include_comments=False,
        favor_precision=True,
        with_metadata=True,
        date_extraction_params=_date_params(),
    )
    body = _paragraphs(getattr(doc, "text", None) or "") if doc is not None else ""
    if not body:
        return InputError(source, "no article text found in HTML")
    return ArticleInput(
        doc_id=doc_id,
        text=body,
        title=_clean(doc.title),
        published=stated_date(doc.date) or published,
        url=_clean(doc.url),
        outlet=_clean(doc.sitename),
        author=_clean(doc.author),
        source=source,
    )


def _as_document(text: str) -> str:
    """trafilatura (load_html) rejects input without "html" in its first 50 characters
    whose tree has fewer than 2 children, i.e. a bare "<p>...</p>" or a page that opens
    with a long comment; an <html> wrapper (not a <div>, which has one child too) passes."""
    return text if "html" in text[:50].lower() else f"<html>{text}</html>"


def _paragraphs(text: str) -> str:
    """trafilatura puts one block (paragraph, heading, list item) per line; make every
    block a blank-line separated paragraph, which is what the sentence splitter expects."""
    blocks = (line.strip() for line in text.splitlines())
    return "\n\n".join(block for block in blocks if block)


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None
