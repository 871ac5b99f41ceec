"""JSON Lines -> one ArticleInput per line.

Why line by line: one broken line in a large export must cost one article, not the file,
and its error must say which line ("path:LINE") so it can be fixed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from newsledger.ingest.dates import parse_date
from newsledger.records import ArticleInput, InputError

_OPTIONAL = ("title", "url", "outlet", "author")


class _LineError(ValueError):
    """One line is unusable; str(error) is the reason."""


def looks_like_jsonl(text: str) -> bool:
    """True when the first non-blank line is a JSON object (used for stdin)."""
    for line in text.split("\n"):
        if line.strip():
            try:
                return isinstance(json.loads(line), dict)
            except ValueError:
                return False
    return False


def read_jsonl(text: str, *, source: str, published: str | None) -> Iterator[ArticleInput | InputError]:
    """Yield an article or an error for every non-blank line of `text`."""
    # split("\n"), not splitlines(): U+2028 etc. are legal unescaped inside JSON strings.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            yield _article(line, where, published)
        except _LineError as error:
            yield InputError(where, str(error))


def _article(line: str, where: str, published: str | None) -> ArticleInput:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as error:
        raise _LineError(f"invalid JSON: {error.msg} at column {error.colno}") from None
    except RecursionError:
        raise _LineError("JSON nested too deeply") from None
    if not isinstance(obj, dict):
        raise _LineError(f"expected a JSON object, got {type(obj).__name__}")
    doc_id = obj.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise _LineError("missing or empty 'id' (a string)")
    text = obj.get("text")
    if not isinstance(text, str):
        raise _LineError("missing 'text' (a string)")
    if not text.strip():
        raise _LineError("no text")
    fields = {key: _optional_str(obj, key) for key in _OPTIONAL}
    return ArticleInput(
        doc_id=doc_id,
        text=text,
        published=_published(obj, published),
        source=where,
        **fields,
    )


def _optional_str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _LineError(f"'{key}' must be a string")
    return value.strip() or None


def _published(obj: dict[str, Any], fallback: str | None) -> str | None:
    raw = _optional_str(obj, "published")
    if raw is None:
        return fallback
    date = parse_date(raw)
    if date is None:
        raise _LineError(f"'published' is not a date: {raw[:40]!r}")
    return date
