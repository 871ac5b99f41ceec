"""Near-duplicate articles: word shingles, exact Jaccard, MinHash bands to find candidates.

Why: a wire story reprinted with a new headline or a few words changed must not count as
a second report of its events. The decision is the exact Jaccard similarity of the two
texts' 5-word shingle sets (>= 0.8). MinHash with locality-sensitive bands only picks
which stored articles to compare against, so a large ledger is not scanned for every new
article; 32 bands of 4 rows make a pair at Jaccard 0.8 a candidate with probability
1 - (1 - 0.8**4)**32 > 0.9999999 (0.7: > 0.9998), and the exact check removes the
false candidates.

The band keys are computed where the article is coded (the `newsledger_coder` component,
in the worker or Ray actor), so the process that stores only looks them up.

All hashes are blake2b (not Python's salted `hash`), so band keys written by one process
are found by the next.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

SHINGLE_WORDS = 5
THRESHOLD = 0.8
BANDS = 32
ROWS = 4
PERMUTATIONS = BANDS * ROWS
_PRIME = np.uint64(4_294_967_291)  # largest prime below 2**32: (a*x + b) stays below 2**64
_WORD = re.compile(r"\w+")


def _seeded(label: str, count: int) -> np.ndarray:
    """Fixed pseudo-random coefficients in [1, 2**32 - 6], the same in every version."""
    values = [
        int.from_bytes(hashlib.blake2b(f"{label}{i}".encode(), digest_size=4).digest(), "big")
        % (int(_PRIME) - 1) + 1
        for i in range(count)
    ]
    return np.array(values, dtype=np.uint64)


_A = _seeded("newsledger-minhash-a", PERMUTATIONS)
_B = _seeded("newsledger-minhash-b", PERMUTATIONS)


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[int]:
    """32-bit hashes of the text's lower-cased k-word windows (the whole text if shorter)."""
    words = _WORD.findall(text.lower())
    if not words:
        return set()
    windows = [words] if len(words) < k else [words[i : i + k] for i in range(len(words) - k + 1)]
    return {
        int.from_bytes(hashlib.blake2b(" ".join(w).encode(), digest_size=4).digest(), "big")
        for w in windows
    }


def jaccard(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def minhash(shingle_set: set[int]) -> np.ndarray:
    """PERMUTATIONS minimum hash values; equal positions estimate the Jaccard similarity."""
    if not shingle_set:
        return np.zeros(PERMUTATIONS, dtype=np.uint64)
    values = np.fromiter(shingle_set, dtype=np.uint64, count=len(shingle_set))
    return ((_A[:, None] * values[None, :] + _B[:, None]) % _PRIME).min(axis=1)


def band_keys(signature: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (band number included, so bands never collide)."""
    keys = []
    for band in range(BANDS):
        rows = signature[band * ROWS : (band + 1) * ROWS].astype("<u8").tobytes()
        digest = hashlib.blake2b(band.to_bytes(2, "big") + rows, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def signature_bands(text: str) -> list[int]:
    """The text's band keys: what the ledger indexes to find its near-duplicates."""
    return band_keys(minhash(shingles(text)))
