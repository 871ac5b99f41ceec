"""Score the coder against hand-coded gold events.

Two gold shapes, both in the plover_gsr.jsonl format (one event a line: `text`,
`event_type`, `actor`/`recipient` lists with `code`):
- sentence gold: each distinct `text` is coded on its own;
- document gold: lines also carry `doc_id`; the articles come from `--corpus`, and a
  predicted event belongs to the gold sentence its evidence overlaps.

Within each sentence, predicted and gold events are paired one-to-one, greedily, at
three levels: same type; same type and a shared actor country; that and a shared
recipient country (or both recipients empty).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from newsledger.ingest import read_inputs
from newsledger.nlp.ontology import EVENT_TYPES
from newsledger.records import ArticleInput, EventRecord, InputError

# Gold files use IGO for UN and EU bodies and some legacy codes; compare like with like.
CODE_ALIASES = {"UNO": "IGO", "EUR": "IGO", "JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
LEVELS = ("type", "type+actor", "type+actor+recipient")


class GoldError(ValueError):
    """The gold file or its corpus cannot be scored."""


@dataclass
class Gold:
    event_type: str
    actor: frozenset[str]
    recipient: frozenset[str]
    modality: str | None = None


@dataclass
class Sentence:
    gold: list[Gold] = field(default_factory=list)
    predicted: list[EventRecord] = field(default_factory=list)


def _codes(entities) -> frozenset[str]:
    codes = set()
    for entity in entities:
        code = entity.get("code") if isinstance(entity, dict) else entity.country
        if code:
            codes.add(CODE_ALIASES.get(code, code))
    return frozenset(codes)


def _same(gold: frozenset[str], predicted: frozenset[str]) -> bool:
    return bool(gold & predicted) if gold else not predicted


MATCHERS: dict[str, Callable[[Gold, EventRecord], bool]] = {
    "type": lambda g, p: g.event_type == p.event_type,
    "type+actor": lambda g, p: g.event_type == p.event_type and _same(g.actor, _codes(p.actor)),
    "type+actor+recipient": lambda g, p: g.event_type == p.event_type
    and _same(g.actor, _codes(p.actor))
    and _same(g.recipient, _codes(p.recipient)),
}


def _pairs(sentence: Sentence, match: Callable[[Gold, EventRecord], bool]) -> list[tuple[Gold, EventRecord]]:
    pairs, used = [], set()
    for gold in sentence.gold:
        for k, predicted in enumerate(sentence.predicted):
            if k not in used and match(gold, predicted):
                used.add(k)
                pairs.append((gold, predicted))
                break
    return pairs


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "tp": tp, "predicted": n_pred, "gold": n_gold}


def score(sentences: list[Sentence]) -> dict:
    n_gold = sum(len(s.gold) for s in sentences)
    n_pred = sum(len(s.predicted) for s in sentences)
    report: dict = {"sentences": len(sentences), "levels": {}, "per_type": {}}
    for level, match in MATCHERS.items():
        tp = sum(len(_pairs(s, match)) for s in sentences)
        report["levels"][level] = _prf(tp, n_pred, n_gold)
    for event_type in EVENT_TYPES:
        typed = [
            Sentence([g for g in s.gold if g.event_type == event_type], [p for p in s.predicted if p.event_type == event_type])
            for s in sentences
        ]
        gold_n = sum(len(s.gold) for s in typed)
        pred_n = sum(len(s.predicted) for s in typed)
        if gold_n or pred_n:
            tp = sum(len(_pairs(s, MATCHERS["type"])) for s in typed)
            report["per_type"][event_type] = _prf(tp, pred_n, gold_n)
    pairs = [pair for s in sentences for pair in _pairs(s, MATCHERS["type"]) if pair[0].modality]
    if pairs:
        right = sum(g.modality == p.modality for g, p in pairs)
        report["modality_accuracy"] = {"accuracy": round(right / len(pairs), 4), "matched": len(pairs)}
    return report


def _read_rows(path: Path) -> list[dict]:
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


def _check_events(path: Path, rows: list[dict]) -> None:
    for number, row in enumerate(rows, 1):
        if "text" not in row or row.get("event_type") not in EVENT_TYPES:
            raise GoldError(f"{path}: record {number} needs `text` and a PLOVER `event_type`")


def _gold(row: dict) -> Gold:
    return Gold(row["event_type"], _codes(row.get("actor") or ()), _codes(row.get("recipient") or ()), row.get("modality"))


def evaluate_sentences(pipeline, rows: list[dict]) -> list[Sentence]:
    by_text: dict[str, Sentence] = defaultdict(Sentence)
    for row in rows:
        by_text[row["text"]].gold.append(_gold(row))
    texts = list(by_text)
    articles = (ArticleInput(doc_id=f"s{k}", text=text, published=None) for k, text in enumerate(texts))
    for text, result in zip(texts, pipeline.process_batch(articles)):
        if not isinstance(result, InputError):
            by_text[text].predicted = result.events
    return list(by_text.values())


_SPACE = re.compile(r"\s+")


def _locate(article_text: str, sentence: str) -> tuple[int, int] | None:
    start = article_text.find(sentence)
    if start >= 0:
        return start, start + len(sentence)
    pattern = r"\s+".join(re.escape(w) for w in _SPACE.split(sentence.strip()))
    found = re.search(pattern, article_text)
    return found.span() if found else None


def evaluate_documents(pipeline, rows: list[dict], corpus: list[Path]) -> list[Sentence]:
    texts, results = _corpus(pipeline, corpus)
    groups: dict[str, list[tuple[tuple[int, int], Sentence]]] = defaultdict(list)
    for row in rows:
        doc_id = row["doc_id"]
        if doc_id not in texts:
            raise GoldError(f"gold names doc_id {doc_id!r}, which the corpus does not hold")
        span = _locate(texts[doc_id], row["text"])
        if span is None:
            raise GoldError(f"gold sentence not found in {doc_id!r}: {row['text'][:60]!r}")
        for existing_span, sentence in groups[doc_id]:
            if existing_span == span:
                sentence.gold.append(_gold(row))
                break
        else:
            groups[doc_id].append((span, Sentence([_gold(row)])))
    sentences = [s for spans in groups.values() for _, s in spans]
    for result in results.values():
        doc_groups = groups[result.article.doc_id]
        for event in result.events:
            ev = event.evidence
            home = next((s for (a, b), s in doc_groups if a < ev.end and ev.start < b), None)
            if home is None:
                home = Sentence()
                doc_groups.append(((ev.start, ev.end), home))
                sentences.append(home)
            home.predicted.append(event)
    return sentences


def _corpus(pipeline, corpus: list[Path]) -> tuple[dict[str, str], dict]:
    articles = {a.doc_id: a for a in read_inputs([str(p) for p in corpus]) if isinstance(a, ArticleInput)}
    results = {r.article.doc_id: r for r in pipeline.process_batch(articles.values()) if not isinstance(r, InputError)}
    return {doc_id: a.text for doc_id, a in articles.items()}, results


def evaluate_file(pipeline, gold: Path, corpus: list[Path]) -> dict:
    """Events, quotes or counts, by what the gold lines hold (`event_type`, `content`, `value`)."""
    from newsledger.evaluation.spans import score_counts, score_quotes

    rows = _read_rows(gold)
    if not rows:
        raise GoldError(f"{gold}: no gold records")
    if "content" in rows[0] or "value" in rows[0]:
        if not corpus:
            raise GoldError(f"{gold} is document gold: pass the articles with --corpus")
        texts, results = _corpus(pipeline, corpus)
        report = (score_quotes if "content" in rows[0] else score_counts)(rows, texts, results)
        report["gold_file"] = str(gold)
        return report
    _check_events(gold, rows)
    documents = any("doc_id" in row for row in rows)
    if documents and not corpus:
        raise GoldError(f"{gold} holds document gold (doc_id): pass the articles with --corpus")
    sentences = evaluate_documents(pipeline, rows, corpus) if documents else evaluate_sentences(pipeline, rows)
    report = score(sentences)
    report["gold_file"] = str(gold)
    return report


def format_table(report: dict) -> str:
    lines = [f"{'level':<24}{'precision':>10}{'recall':>8}{'f1':>8}{'tp':>6}{'pred':>6}{'gold':>6}"]
    rows = [(name, m) for name, m in report["levels"].items()] + [
        (f"  {name}", m) for name, m in sorted(report["per_type"].items())
    ]
    for name, m in rows:
        lines.append(f"{name:<24}{m['precision']:>10.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}{m['tp']:>6}{m['predicted']:>6}{m['gold']:>6}")
    if "modality_accuracy" in report:
        m = report["modality_accuracy"]
        lines.append(f"modality accuracy on {m['matched']} matched events: {m['accuracy']:.3f}")
    for key in ("speaker_accuracy", "speaker_country_accuracy", "direct_accuracy", "qualifier_accuracy"):
        if key in report:
            lines.append(f"{key.replace('_', ' ')} on matched records: {report[key]:.3f}")
    return "\n".join(lines)
