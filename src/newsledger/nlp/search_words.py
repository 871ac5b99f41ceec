"""The words text search indexes and asks for: lowercase runs of letters and digits.

Why one function for both sides: a word is found only when the query is cut as the text
was. The coder lists an article's words where it parses it (in the worker or the Ray
actor), as it takes its near-duplicate bands, so the store that keeps up with a cluster
only inserts them (cutting and de-duplicating the words of a thousand articles took a
fifth of a batch's time in SQL); the store cuts evidence sentences and quotes, and
`newsledger.store.filters` a query, with the same function.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+")  # letters and digits: Unicode \w without the underscore


def words_of(*texts: str | None) -> list[str]:
    """The distinct lowercase words of the texts, in order of first appearance."""
    return list(dict.fromkeys(_WORD.findall(" ".join(t for t in texts if t).lower())))
