"""Gold files: reading them, locating their spans, and the article splits they come with.

Two ways a gold line points into its article: by quoting it (`text`, the sample gold we
wrote ourselves and the PLOVER sentences) or by character offsets (`sentence_start`,
`sentence_end`: the real-news gold, which must not copy the articles' text). A gold file
may have a split file beside it (`NAME.split.json`: `{"corpus": ..., "dev": [doc_id...],
"test": [...]}`) that lists every annotated article, with or without events, and says
where the articles are: `"realnews"` (the shared real-news folder) or a path relative to
the split file. Gold of articles we may not copy names them by `doc_key(id)`, a digest of
their id (the readouts' ids are slugs of their titles, so the plain id would copy words).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

# Gold files use IGO for UN and EU bodies and some legacy codes; compare like with like.
CODE_ALIASES = {"UNO": "IGO", "EUR": "IGO", "JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
# Modalities a coder may leave out: "did not meet", "if they attack". Emitting them with the
# right modality is no error; emitting them as asserted is one.
OPTIONAL_MODALITIES = frozenset({"negated", "hypothetical"})
REALNEWS_ENV = "NEWSLEDGER_REALNEWS"
REALNEWS_DEFAULT = Path("..") / "shared" / "data" / "realnews"

Span = tuple[int, int]


class GoldError(ValueError):
    """The gold file or its corpus cannot be scored."""


@dataclass
class Gold:
    event_type: str
    actor: frozenset[str]
    recipient: frozenset[str]
    modality: str | None = None
    date: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY: as precise as the text allows

    @property
    def optional(self) -> bool:
        return self.modality in OPTIONAL_MODALITIES


def doc_key(doc_id: str) -> str:
    """The name under which gold of other people's articles refers to one: a digest of its
    id, which copies none of its words."""
    return "sha1:" + hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:16]


def codes(entities) -> frozenset[str]:
    """Country codes of gold entities (dicts with `code`) or of records' entities."""
    found = set()
    for entity in entities:
        code = entity.get("code") if isinstance(entity, dict) else entity.country
        if code:
            found.add(CODE_ALIASES.get(code, code))
    return frozenset(found)


def gold_event(row: dict) -> Gold:
    return Gold(row["event_type"], codes(row.get("actor") or ()), codes(row.get("recipient") or ()), row.get("modality"),
                row.get("date"))


def read_rows(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}:{number}: not JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise GoldError(f"{path}:{number}: not a JSON object")
        rows.append(row)
    return rows


_SPACE = re.compile(r"\s+")


def locate(article_text: str, quoted: str) -> Span | None:
    """Where a quoted sentence or phrase sits in the article, whitespace-insensitive."""
    start = article_text.find(quoted)
    if start >= 0:
        return start, start + len(quoted)
    pattern = r"\s+".join(re.escape(w) for w in _SPACE.split(quoted.strip()))
    found = re.search(pattern, article_text)
    return found.span() if found else None


def row_span(row: dict, text: str, field: str = "text") -> Span:
    """The span a document gold line refers to: its offsets, or where its quote is."""
    doc_id = row["doc_id"]
    if "sentence_start" in row and field == "text":
        start, end = int(row["sentence_start"]), int(row["sentence_end"])
        if not 0 <= start < end <= len(text):
            raise GoldError(f"gold offsets {start}-{end} outside {doc_id!r} ({len(text)} chars)")
        return start, end
    if field not in row:
        raise GoldError(f"gold line of {doc_id!r} has neither offsets nor `{field}`")
    span = locate(text, row[field])
    if span is None:
        raise GoldError(f"gold {field} not found in {doc_id!r}: {row[field][:60]!r}")
    return span


def split_file(gold: Path) -> Path:
    return gold.with_name(gold.stem + ".split.json")


def read_split(gold: Path, split: str | None) -> set[str] | None:
    """The annotated articles of `split` (dev, test or all), or None when the gold has no
    split file (then every article of the corpus is in scope)."""
    path = split_file(gold)
    if not path.exists():
        if split and split != "all":
            raise GoldError(f"{gold} has no split file ({path.name}): --split needs one")
        return None
    splits = {k: v for k, v in json.loads(path.read_text(encoding="utf-8")).items() if k != "corpus"}
    if split in (None, "all"):
        return {doc for docs in splits.values() for doc in docs}
    if split not in splits:
        raise GoldError(f"{path} has no split {split!r} (it has {', '.join(sorted(splits))})")
    return set(splits[split])


def split_corpus(gold: Path) -> list[Path]:
    """The articles a gold file's split file names (none without a split file)."""
    path = split_file(gold)
    if not path.exists():
        return []
    where = json.loads(path.read_text(encoding="utf-8")).get("corpus")
    if not where:
        return []
    if where == "realnews":
        return [realnews_dir()]
    return [(path.parent / where).resolve()]


def realnews_dir(given: str | None = None) -> Path:
    """The folder of real articles the offset gold refers to; a clear error when absent."""
    folder = Path(given or os.environ.get(REALNEWS_ENV) or REALNEWS_DEFAULT)
    if not folder.is_dir():
        raise GoldError(
            f"real-news articles not found at {folder}: this gold refers to them by id and offsets; "
            f"pass --corpus DIR or set {REALNEWS_ENV} (they live in shared/data/realnews beside the project)"
        )
    return folder
