"""Score quotations and counts against document gold.

A predicted quote matches a gold quote of the same article when their content spans
overlap by at least half of the longer one. On matched quotes the speaker is right when
its canonical name equals the gold speaker (case and diacritics aside), or when neither names anyone; the speaker's
country is scored on its own. A predicted count
matches when its span overlaps the gold phrase and the value is the same.
"""

from __future__ import annotations

from collections import defaultdict

from newsledger.evaluation.gold import GoldError, row_span
from newsledger.evaluation.matching import pair, prf
from newsledger.nlp.lexicon import folded

Span = tuple[int, int]


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _spans(rows: list[dict], texts: dict[str, str], field: str) -> dict[str, list[tuple[Span, dict]]]:
    by_doc: dict[str, list[tuple[Span, dict]]] = defaultdict(list)
    for row in rows:
        doc_id = row["doc_id"]
        if doc_id not in texts:
            raise GoldError(f"gold names doc_id {doc_id!r}, which the corpus does not hold")
        by_doc[doc_id].append((row_span(row, texts[doc_id], field), row))
    return by_doc


def _same_speaker(gold: str | None, quote) -> bool:
    """Both name no one (an unnamed source: "a teacher", "analysts"), or the canonical names
    agree (in any case, with or without diacritics); a surname agrees with the full name
    ("Duncan Smith", "Iain Duncan Smith")."""
    if not gold:
        return quote.speaker is None or quote.speaker_resolution == "role"
    if quote.speaker is None:
        return False
    name, wanted = folded(quote.speaker.name), folded(gold)
    return name == wanted or (len(name.split()) > 0 and wanted.endswith(" " + name) and quote.speaker_resolution != "role")


def _same_country(gold: str | None, quote) -> bool:
    predicted = quote.speaker.country if quote.speaker else None
    return (gold or None) == predicted


def score_quotes(rows: list[dict], texts: dict[str, str], results: dict) -> dict:
    gold = _spans(rows, texts, "content")
    tp = n_pred = n_gold = speaker_right = country_right = direct_right = 0
    for doc_id in texts:
        predicted = results[doc_id].quotes if doc_id in results else []
        wanted = gold.get(doc_id, [])
        pairs = pair(
            wanted,
            predicted,
            lambda g, p: _overlap(g[0], (p.start, p.end)) * 2 >= max(g[0][1] - g[0][0], p.end - p.start),
        )
        tp, n_pred, n_gold = tp + len(pairs), n_pred + len(predicted), n_gold + len(wanted)
        speaker_right += sum(_same_speaker(g[1].get("speaker"), p) for g, p in pairs)
        country_right += sum(_same_country(g[1].get("speaker_country"), p) for g, p in pairs)
        direct_right += sum(bool(g[1].get("direct", True)) == p.direct for g, p in pairs)
    return {
        "kind": "quotes",
        "levels": {"content": prf(tp, n_pred, n_gold)},
        "speaker_accuracy": round(speaker_right / tp, 4) if tp else 0.0,
        "speaker_country_accuracy": round(country_right / tp, 4) if tp else 0.0,
        "direct_accuracy": round(direct_right / tp, 4) if tp else 0.0,
        "per_type": {},
    }


def score_counts(rows: list[dict], texts: dict[str, str], results: dict) -> dict:
    gold = _spans(rows, texts, "text")
    tp = n_pred = n_gold = qualifier_right = 0
    for doc_id in texts:
        predicted = results[doc_id].counts if doc_id in results else []
        wanted = gold.get(doc_id, [])
        pairs = pair(
            wanted, predicted, lambda g, p: _overlap(g[0], (p.start, p.end)) > 0 and int(g[1]["value"]) == p.value
        )
        tp, n_pred, n_gold = tp + len(pairs), n_pred + len(predicted), n_gold + len(wanted)
        qualifier_right += sum((g[1].get("qualifier") or None) == p.qualifier for g, p in pairs)
    return {
        "kind": "counts",
        "levels": {"count": prf(tp, n_pred, n_gold)},
        "qualifier_accuracy": round(qualifier_right / tp, 4) if tp else 0.0,
        "per_type": {},
    }
