"""The words text search indexes and asks for: lowercase runs of letters and digits.

Why one function for both sides: a word is found only when the query is cut as the text
was. The coder lists the word keys of an article and of its records where it parses it
(in the worker or the Ray actor), as it takes its near-duplicate bands, so the store that
keeps up with a cluster only inserts them (cutting and de-duplicating the words of a
thousand articles took a fifth of a batch's time in SQL); the store cuts what arrives
without them, and `newsledger.store.filters` a query, with the same functions.

The index holds a word's key, not the word: the first 8 bytes of its UTF-8 MD5 digest,
read little-endian, which DuckDB's `md5_number_upper` gives as well (for migrations and
Parquet views). Scanning 64-bit integers is ten times faster than comparing strings, and
two words sharing a key among a few million distinct words has a chance near 1e-7.
"""

from __future__ import annotations

import hashlib
import re

import numpy

_WORD = re.compile(r"[^\W_]+")  # letters and digits: Unicode \w without the underscore

KEY_SQL = "md5_number_upper"  # the same key in DuckDB


def words_of(*texts: str | None) -> list[str]:
    """The distinct lowercase words of the texts, in order of first appearance."""
    return list(dict.fromkeys(_WORD.findall(" ".join(t for t in texts if t).lower())))


def word_key(word: str) -> int:
    """The index key of one word (already cut and lowercased by words_of)."""
    return int.from_bytes(hashlib.md5(word.encode("utf-8")).digest()[:8], "little")


def word_keys(*texts: str | None) -> numpy.ndarray:
    """The keys of words_of(texts), as unsigned 64-bit integers."""
    words = words_of(*texts)
    return numpy.fromiter((word_key(w) for w in words), dtype=numpy.uint64, count=len(words))


JoinedKeys = tuple[numpy.ndarray, list[int]]  # the keys of several texts in one array, and each text's count


def joined(keys: list[numpy.ndarray]) -> JoinedKeys:
    """Several texts' keys as one array: ten times faster to pickle to the store than an
    array a text."""
    return numpy.concatenate(keys) if keys else numpy.empty(0, dtype=numpy.uint64), [len(k) for k in keys]


def split(keys: JoinedKeys) -> list[numpy.ndarray]:
    """The texts' keys back from joined()."""
    flat, counts = keys
    return numpy.split(flat, numpy.cumsum(counts)[:-1]) if counts else []
