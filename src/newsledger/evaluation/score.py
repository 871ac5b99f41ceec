"""`newsledger eval`: score a gold file of events, quotes or counts, by what its lines hold.

The evaluation is layered one way: `gold` (reading, spans, splits) <- `matching` (pairs,
precision/recall) <- `events` and `spans` (scoring) <- this module (which gold, which
corpus, which articles) <- the CLI, the gate and the scorer's training.
"""

from __future__ import annotations

from pathlib import Path

from newsledger.evaluation.events import (
    FULL,
    Sentence,
    calibration,
    check_rows,
    curve,
    document_gold,
    errors,
    score,
    sentence_gold,
)
from newsledger.evaluation.gold import GoldError, doc_key, read_rows, read_split, split_corpus
from newsledger.evaluation.matching import MATCHERS, pair, prf
from newsledger.evaluation.spans import score_counts, score_quotes
from newsledger.ingest import read_inputs
from newsledger.records import ArticleInput, InputError

# Arrests, killings and other uses of force: the acts police and conflict reporting is about.
FORCE_TYPES = frozenset({"COERCE", "ASSAULT"})


def corpus_texts(pipeline, corpus: list[Path], scope: set[str] | None = None) -> tuple[dict[str, str], dict, dict[str, str]]:
    """Texts and coded results of the corpus articles in scope (all when scope is None),
    by article id; and the ids of the articles the scope names by `doc_key`."""
    articles, ids = {}, {}
    for a in read_inputs([str(p) for p in corpus]):
        if not isinstance(a, ArticleInput):
            continue
        key = doc_key(a.doc_id)
        if scope is None or a.doc_id in scope or key in scope:
            articles[a.doc_id] = a
            if scope is not None and key in scope:
                ids[key] = a.doc_id
    if scope is not None and (missing := sorted(scope - set(articles) - set(ids))):
        raise GoldError(f"the corpus lacks {len(missing)} annotated article(s), e.g. {missing[0]!r}")
    results = {r.article.doc_id: r for r in pipeline.process_batch(articles.values()) if not isinstance(r, InputError)}
    return {doc_id: a.text for doc_id, a in articles.items()}, results, ids


def event_sentences(pipeline, gold: Path, corpus: list[Path], split: str | None = None) -> list[Sentence]:
    """Gold and coded events, sentence by sentence, for the articles of `split`."""
    rows = read_rows(gold)
    if not rows:
        raise GoldError(f"{gold}: no gold records")
    events = check_rows(gold, rows)
    if not any("doc_id" in row for row in rows):
        if split:
            raise GoldError(f"{gold} is sentence gold: it has no splits")
        return sentence_gold(pipeline, events)
    corpus = corpus or split_corpus(gold)
    if not corpus:
        raise GoldError(f"{gold} holds document gold (doc_id): pass the articles with --corpus")
    scope = read_split(gold, split)
    if scope is None:  # no split file: the articles the gold names
        scope = {row["doc_id"] for row in rows}
    texts, results, ids = corpus_texts(pipeline, corpus, scope)
    events = [{**row, "doc_id": ids.get(row["doc_id"], row["doc_id"])} for row in events]
    return document_gold(events, texts, results)


def force_group(sentences: list[Sentence], threshold: float) -> dict:
    """Precision and recall of arrests, killings and uses of force alone."""
    typed = [
        Sentence([g for g in s.gold if g.event_type in FORCE_TYPES], [p for p in s.predicted if p.event_type in FORCE_TYPES])
        for s in sentences
    ]
    scored = [s.above(threshold) for s in typed]
    n_gold = sum(len(s.gold) for s in scored)
    n_pred = sum(len(s.predicted) for s in scored)
    return {
        level: prf(sum(len(pair(s.gold, s.predicted, MATCHERS[level])) for s in scored), n_pred, n_gold)
        for level in ("type", FULL)
    }


def evaluate_file(pipeline, gold: Path, corpus: list[Path], *, split: str | None = None, threshold: float = 0.0,
                  with_errors: bool = False) -> dict:
    """Events, quotes or counts, by what the gold lines hold (`event_type`, `content`, `value`).
    The pipeline should keep every candidate (min_confidence 0): `threshold` is applied here."""
    rows = read_rows(gold)
    if not rows:
        raise GoldError(f"{gold}: no gold records")
    if "content" in rows[0] or "value" in rows[0]:
        if not corpus:
            raise GoldError(f"{gold} is document gold: pass the articles with --corpus")
        texts, results, ids = corpus_texts(pipeline, corpus, {row["doc_id"] for row in rows})
        rows = [{**row, "doc_id": ids.get(row["doc_id"], row["doc_id"])} for row in rows]
        report = (score_quotes if "content" in rows[0] else score_counts)(rows, texts, results)
    else:
        sentences = event_sentences(pipeline, gold, corpus, split)
        report = score(sentences, threshold)
        report["curve"] = curve(sentences)
        report["calibration"] = calibration(sentences)
        if any(g.event_type in FORCE_TYPES for s in sentences for g in s.gold):
            report["force"] = force_group(sentences, threshold)
        if with_errors:
            report["errors"] = errors(sentences, threshold)
    report["gold_file"] = str(gold)
    if split:
        report["split"] = split
    return report
