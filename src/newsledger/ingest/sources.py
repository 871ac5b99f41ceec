"""Inputs -> ArticleInput / InputError: walks paths, reads bytes, picks the reader.

Why one place: every input, whatever its format, gets the same guards (size before
reading, empty, binary, permission) and the same rule that a bad input becomes an
InputError in the stream instead of an exception that ends the batch.
"""

from __future__ import annotations

import logging
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from newsledger.ingest.dates import check_iso_date
from newsledger.ingest.decode import DecodeError, decode, declared_charset, invalid_utf8
from newsledger.ingest.feeds import read_feed
from newsledger.ingest.html import read_html
from newsledger.ingest.jsonl import looks_like_jsonl, read_jsonl
from newsledger.records import ArticleInput, InputError

log = logging.getLogger(__name__)  # warnings reach stderr without any set-up (logging.lastResort)

Item = ArticleInput | InputError

FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
STDIN = "-"
_TITLE_MAX = 200
_SNIFF_CHARS = 65_536

_NAME = re.compile(r"[\w:.-]+")
_SPACE = re.compile(r"\s*")
_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf"})


def read_inputs(
    paths: Iterable[str],
    *,
    stdin: BinaryIO | None = None,
    published: str | None = None,
    max_bytes: int = 20_000_000,
) -> Iterator[Item]:
    """Read every path (file, directory, or "-" for stdin) and yield one ArticleInput per
    article and one InputError per input (or JSONL line, or feed entry) that failed.

    `published` (YYYY-MM-DD) is the date for inputs that state none; a malformed value
    raises ValueError here, as it is the caller's mistake, not an input's.
    """
    if published is not None:
        check_iso_date(published)
    return _read_all(paths, stdin, published, max_bytes)


def root_element(text: str) -> tuple[str, str] | None:
    """(DOCTYPE name, root tag), lower-cased, of the first element after the XML
    declaration, comments, processing instructions and a DOCTYPE (internal subset
    included); None when the text does not start like XML or HTML. A scan, not a regex:
    each step moves forward, so hostile prologs cost linear time."""
    doctype, at = "", _SPACE.match(text).end()
    while at < len(text) and text[at] == "<":
        if text.startswith("<?", at):
            end = text.find("?>", at + 2)
            at = end + 2 if end >= 0 else -1
        elif text.startswith("<!--", at):
            end = text.find("-->", at + 4)
            at = end + 3 if end >= 0 else -1
        elif text[at : at + 9].lower() == "<!doctype":
            name = _NAME.match(text, _SPACE.match(text, at + 9).end())
            doctype = name.group().lower() if name else ""
            subset, close = text.find("[", at), text.find(">", at)
            if 0 <= subset < close:
                end = text.find("]", subset)
                close = text.find(">", end) if end >= 0 else -1
            at = close + 1 if close >= 0 else -1
        else:
            name = _NAME.match(text, at + 1)
            return (doctype, name.group().lower()) if name else None
        if at < 0:
            return None
        at = _SPACE.match(text, at).end()
    return None


def detect_format(name: str | None, text: str) -> str:
    """"feed", "html", "jsonl" or "text": the content when it is clear, else the file
    extension; `name` None means stdin, where JSON Lines are recognised by content."""
    found = root_element(text[:_SNIFF_CHARS].lstrip("\ufeff"))
    if found:
        doctype, root = found
        if root in _FEED_ROOTS:
            return "feed"
        if root == "html" or doctype == "html":
            return "html"
    suffix = Path(name).suffix.lower() if name else ""
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES or (name is None and looks_like_jsonl(text)):
        return "jsonl"
    return "text"


def read_text(text: str, *, doc_id: str, source: str, published: str | None) -> Item:
    """Plain text is kept as is (offsets must match the file) except CRLF -> LF."""
    text = text.replace("\r\n", "\n")
    if not text.strip():
        return InputError(source, "no text")
    return ArticleInput(
        doc_id=doc_id, text=text, title=_title(text), published=published, source=source
    )


def _title(text: str) -> str | None:
    """The first line, when it is short and a blank line follows it."""
    first, _, rest = text.partition("\n")
    second, newline, _ = rest.partition("\n")
    title = re.sub(r"^#{1,6}\s+", "", first.strip())  # a Markdown heading
    if title and len(title) < _TITLE_MAX and newline and not second.strip():
        return title
    return None


def _read_all(
    paths: Iterable[str], stdin: BinaryIO | None, published: str | None, max_bytes: int
) -> Iterator[Item]:
    for raw_path in paths:
        path = os.fspath(raw_path)
        if path == STDIN:
            stream = stdin if stdin is not None else (sys.stdin.buffer if sys.stdin is not None else None)
            if stream is None:  # started with fd 0 closed: the other inputs still count
                yield InputError(STDIN, "standard input is closed")
                continue
            yield from _guarded(STDIN, _read_stream(stream, published, max_bytes))
        elif os.path.isdir(path):
            yield from _walk(path, published, max_bytes)
        else:
            yield from _guarded(path, _read_file(path, published, max_bytes))


def _walk(directory: str, published: str | None, max_bytes: int) -> Iterator[Item]:
    """Regular files under `directory`, by name, depth first; hidden entries and
    symlinked directories (loops) are skipped."""
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield InputError(directory, _os_message(error))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_file = entry.is_file()
        except OSError:
            continue
        if is_dir:
            yield from _walk(entry.path, published, max_bytes)
        elif is_file:  # not FIFOs, sockets or dangling links: reading those can hang or fail
            yield from _guarded(entry.path, _read_file(entry.path, published, max_bytes))


def _read_file(path: str, published: str | None, max_bytes: int) -> Iterator[Item]:
    try:
        info = os.stat(path)
        if stat.S_ISREG(info.st_mode):  # size from stat: never read a huge file to refuse it
            if info.st_size == 0:
                yield InputError(path, "empty input")
                return
            if info.st_size > max_bytes:
                yield InputError(path, f"too large: {info.st_size} bytes > {max_bytes} byte limit")
                return
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)  # + 1: a growing file or a pipe still stops
    except OSError as error:
        yield InputError(path, _os_message(error))
        return
    yield from _read_bytes(
        data, name=path, doc_id=Path(path).stem, source=path, published=published, max_bytes=max_bytes
    )


def _read_stream(stream: BinaryIO, published: str | None, max_bytes: int) -> Iterator[Item]:
    try:
        data = stream.read(max_bytes + 1)
    except OSError as error:
        yield InputError(STDIN, _os_message(error))
        return
    yield from _read_bytes(
        data, name=None, doc_id="stdin", source=STDIN, published=published, max_bytes=max_bytes
    )


def _read_bytes(
    data: bytes, *, name: str | None, doc_id: str, source: str, published: str | None, max_bytes: int
) -> Iterator[Item]:
    if not data:
        yield InputError(source, "empty input")
        return
    if len(data) > max_bytes:
        yield InputError(source, f"too large: more than {max_bytes} bytes > {max_bytes} byte limit")
        return
    try:
        text = decode(data, hint=declared_charset(data))
    except DecodeError as error:
        yield InputError(source, str(error))
        return
    replaced = invalid_utf8(data, text)
    if replaced:
        log.warning("warning: %s: %d invalid UTF-8 byte(s) replaced, the first at byte %d", source, *replaced)
    kind = detect_format(name, text)
    if kind == "feed":  # from the bytes: the XML declaration names their encoding
        yield from read_feed(data, stem=doc_id, source=source, published=published)
    elif kind == "html":
        yield read_html(text, doc_id=doc_id, source=source, published=published)
    elif kind == "jsonl":
        yield from read_jsonl(text, source=source, published=published)
    else:
        yield read_text(text, doc_id=doc_id, source=source, published=published)


def _guarded(source: str, items: Iterator[Item]) -> Iterator[Item]:
    """A parser failing on hostile input costs that input, not the batch."""
    try:
        yield from items
    except Exception as error:  # noqa: BLE001 - third-party parsers raise anything
        detail = " ".join(str(error).split())[:200]
        kind = type(error).__name__
        yield InputError(source, f"unreadable ({kind}: {detail})" if detail else f"unreadable ({kind})")


def _os_message(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    return f"cannot read: {error.strerror or error}"
