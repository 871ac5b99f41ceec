"""Bytes -> str for every input format.

Why a module of its own: inputs come from scrapes, exports and legacy archives, and a wrong
guess here silently corrupts every name downstream ("ZÃ¼rich"). UTF-8 is tried first
because it is the common case and validates itself; only then is charset-normalizer asked.
Binary content is refused here so that no parser ever sees it.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

# Longest BOM first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0/C1 control characters other than the whitespace ones (\t \n \v \f \r).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.05
_DECLARED = re.compile(
    rb"""<\?xml[^>]*?\bencoding\s*=\s*["']([\w.:-]+)|<meta[^>]*?\bcharset\s*=\s*["']?([\w.:-]+)""",
    re.IGNORECASE,
)
# Tie-break for charset-normalizer: on short Western-European text its "best" guess is
# often an exotic code page (cp1006, shift_jis) that yields mojibake, while cp1252 (a
# superset of latin-1 for printable text) reads it cleanly. English news is the target.
_WESTERN = "cp1252"


class DecodeError(ValueError):
    """The bytes are not text; str(error) is the one-line reason."""


def invalid_utf8(data: bytes, text: str) -> tuple[int, int] | None:
    """(how many, offset of the first) invalid UTF-8 bytes replaced in `text`, when `text`
    is `data` read as UTF-8 with replacement characters; None otherwise."""
    if "\ufffd" not in text:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return text.count("\ufffd"), error.start
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML <meta> or the XML declaration names near the start, if any."""
    found = _DECLARED.search(data[:4096])
    if found is None:
        return None
    return (found.group(1) or found.group(2)).decode("ascii")


def decode(data: bytes, hint: str | None = None) -> str:
    """Decode input bytes to text.

    Order: BOM, strict UTF-8, UTF-8 with a few corrupt bytes, the declared charset
    `hint` (HTML meta / XML declaration), then charset-normalizer's best guess (cp1252 when
    it reads the bytes at least as cleanly). Raises DecodeError for binary content.
    """
    text = _decode(data, hint)
    if text and len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text):
        raise DecodeError("binary content, not text")
    return text


def _decode(data: bytes, hint: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data:
        raise DecodeError("binary content, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    good = len(lenient) - len(lenient.encode("ascii", "ignore")) - bad  # non-ASCII chars
    # Real UTF-8 with a few corrupt bytes stays UTF-8: its multi-byte characters outnumber
    # the bad bytes, or it has some and the bad bytes are rare ("Germany’s" plus two stray
    # bytes in a long text is UTF-8, not Mac Roman). A legacy file has no valid multi-byte
    # character at all.
    if good >= 3 * bad or (good and bad <= max(2, len(lenient) // 500)):
        return lenient
    declared = _usable_label(hint)
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise DecodeError("binary content, not text")
    western = charset_normalizer.from_bytes(data, cp_isolation=[_WESTERN]).best()
    if western is not None and western.chaos <= best.chaos:
        return str(western)
    return str(best)


def _usable_label(hint: str | None) -> str | None:
    """The codec a declared charset names, read as browsers do (WHATWG): latin-1/ASCII
    labels mean windows-1252, and a UTF-16/32 label without a BOM is ignored."""
    try:
        name = codecs.lookup(hint).name if hint else None
    except LookupError:
        return None
    if name in ("iso8859-1", "ascii"):
        return _WESTERN
    if name is None or name.startswith(("utf-16", "utf-32", "utf-8")):
        return None
    return name
