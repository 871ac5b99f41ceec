"""Finding the quotation marks: scanned character by character, paragraph by paragraph
(see the package notes), not from the tokens."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Callable

DOUBLE_OPEN, DOUBLE_CLOSE, DOUBLE_STRAIGHT = "“„«", "”»", '"'
SINGLE_OPEN, SINGLE_CLOSE, SINGLE_STRAIGHT = "‘", "’", "'"
OPENER_BEFORE = "([{—–-/"
CLOSER_AFTER = ".,;:!?)]}—–-'’"


@dataclass(slots=True)
class QuoteSpan:
    """One quotation: where its marks are and where its content is, in characters."""

    open: int  # index of the opening mark
    close: int  # index just after the closing mark (the content end when unclosed)
    start: int  # content offsets, stripped
    end: int


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of the non-empty lines: a line break ends a paragraph."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def _positions(text: str, chars: str, start: int, end: int) -> list[int]:
    return [m.start() for m in re.finditer(f"[{re.escape(chars)}]", text[start:end])] if start < end else []


def _side(text: str, i: int) -> str:
    """'open', 'close' or 'either' for the straight or curly mark at `i`."""
    ch = text[i]
    if ch in DOUBLE_OPEN or ch in SINGLE_OPEN:
        return "open"
    if ch in DOUBLE_CLOSE:
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    opens = (before.isspace() or before in OPENER_BEFORE) and not after.isspace()
    closes = not before.isspace() and (after.isspace() or after in CLOSER_AFTER)
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _content(text: str, open_at: int, close_at: int) -> tuple[int, int]:
    start, end = open_at + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _first_char(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def double_quote_spans(text: str) -> list[QuoteSpan]:
    """Double-quoted spans, with the multi-paragraph and unclosed-quote conventions."""
    marks = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_STRAIGHT
    paragraphs = _paragraphs(text)
    found: list[QuoteSpan] = []
    open_at: int | None = None

    def emit(close_at: int, after: int) -> None:
        start, end = _content(text, open_at, close_at)
        if end > start:
            found.append(QuoteSpan(open_at, after, start, end))

    for n, (p_start, p_end) in enumerate(paragraphs):
        continuing = open_at is not None
        for offset in _positions(text, marks, p_start, p_end):
            i = p_start + offset
            side = _side(text, i)
            if continuing and i == _first_char(text, p_start, p_end) and side != "close":
                continue  # the mark that reopens a quote running on from the last paragraph
            if open_at is None:
                if side != "close":
                    open_at = i
            elif side == "open" and not continuing and text[i] not in DOUBLE_STRAIGHT and text[open_at] != "„":
                emit(i, i)  # a new opening mark while open: the last quote was never closed
                open_at = i
            else:
                emit(i, i + 1)
                open_at = None
            continuing = False
        if open_at is not None:
            nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
            first = _first_char(text, *nxt) if nxt else None
            if not (nxt and first < nxt[1] and text[first] in marks and _side(text, first) != "close"):
                emit(p_end, p_end)  # unclosed: the quote ends with its paragraph
                open_at = None
    if open_at is not None:
        emit(len(text), len(text))
    return found


def _single_closer(text: str, i: int) -> int:
    """0: not a closer; 2: a sure closer (punctuation inside or after it); 1: maybe."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or (before.isalnum() and after.isalnum()):
        return 0  # an apostrophe (Russia's, don't) or an opener
    if before in ".,!?;:" or after in ".,;:!?)" or after == "\n" or i + 1 == len(text):
        return 2
    if after.isspace():
        return 0 if before.lower() == "s" else 1  # "the protesters' demands" stays an apostrophe
    return 0


def _single_opener(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–") and after.isalpha()


class Marks:
    """Is a character inside a quotation? Spans are sorted and do not overlap."""

    def __init__(self, spans: list[QuoteSpan]) -> None:
        self.opens = [q.open for q in spans]
        self.closes = [q.close for q in spans]

    def inside(self, char: int) -> bool:
        n = bisect.bisect_right(self.opens, char) - 1
        return n >= 0 and char < self.closes[n]


def single_quote_spans(text: str, taken: list[QuoteSpan]) -> list[QuoteSpan]:
    """Single-quoted spans outside double quotes, only where a pair is unambiguous."""
    marks = Marks(taken)

    def free(i: int) -> bool:
        return not marks.inside(i)

    found: list[QuoteSpan] = []
    for p_start, p_end in _paragraphs(text):
        resume = p_start
        for offset in _positions(text, SINGLE_OPEN + SINGLE_STRAIGHT, p_start, p_end):
            i = p_start + offset
            if i < resume or not free(i) or not _single_opener(text, i):
                continue
            close = _pair_single(text, i, p_end, free)
            if close is not None:
                start, end = _content(text, i, close)
                if end > start:
                    found.append(QuoteSpan(i, close + 1, start, end))
                resume = close + 1
    return found


def _pair_single(text: str, open_at: int, p_end: int, free: Callable[[int], bool]) -> int | None:
    maybe = None
    for offset in _positions(text, SINGLE_CLOSE + SINGLE_STRAIGHT, open_at + 2, p_end):
        j = open_at + 2 + offset
        if not free(j):
            continue
        if text[j] == SINGLE_STRAIGHT and text[open_at] == SINGLE_OPEN:
            continue
        if _single_opener(text, j) and text[j] == SINGLE_STRAIGHT:
            return None  # another opener first: not an unambiguous pair
        strength = _single_closer(text, j)
        if strength == 2:
            return j
        if strength == 1 and maybe is None:
            maybe = j
    return maybe


def quote_spans(text: str) -> list[QuoteSpan]:
    doubles = double_quote_spans(text)
    return sorted(doubles + single_quote_spans(text, doubles), key=lambda q: q.open)
