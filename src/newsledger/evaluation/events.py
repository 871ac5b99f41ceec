"""Score coded events against gold events, sentence by sentence.

Two gold shapes, both in the plover_gsr.jsonl format (one event a line, `event_type`,
`actor`/`recipient` lists with `code`):
- sentence gold: each distinct `text` is coded on its own;
- document gold: lines carry `doc_id` and the sentence (quoted or by offsets); a predicted
  event belongs to the gold sentence its evidence overlaps.

Every candidate keeps its confidence, so one coding pass gives the figures at any
threshold, the precision/recall curve and the calibration table.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from newsledger.evaluation.gold import Gold, GoldError, gold_event, row_span
from newsledger.evaluation.matching import LEVELS, MATCHERS, pair, prf
from newsledger.nlp.ontology import EVENT_TYPES
from newsledger.records import ArticleInput, EventRecord, InputError

FULL = LEVELS[-1]
CURVE_THRESHOLDS = tuple(round(k * 0.05, 2) for k in range(20))
CALIBRATION_BINS = 5


@dataclass
class Sentence:
    gold: list[Gold] = field(default_factory=list)
    predicted: list[EventRecord] = field(default_factory=list)
    where: tuple[str, str] | None = None  # doc_id and text of a document gold sentence, for error listings

    def above(self, threshold: float) -> "Sentence":
        """The sentence as scored at a threshold: predictions below it dropped, and those
        that code an optional gold act with its own modality set aside."""
        kept = [p for p in self.predicted if p.confidence >= threshold]
        optional = [g for g in self.gold if g.optional]
        if optional:
            excused = {id(p) for _, p in pair(optional, kept, lambda g, p: g.event_type == p.event_type and g.modality == p.modality)}
            kept = [p for p in kept if id(p) not in excused]
        return Sentence([g for g in self.gold if not g.optional], kept, self.where)


def check_rows(path, rows: list[dict]) -> list[dict]:
    """The event lines of a gold file (article markers without events are skipped)."""
    events = [row for row in rows if not row.get("no_events")]
    for number, row in enumerate(events, 1):
        if ("text" not in row and "sentence_start" not in row) or row.get("event_type") not in EVENT_TYPES:
            raise GoldError(f"{path}: record {number} needs `text` or offsets and a PLOVER `event_type`")
    return events


def sentence_gold(pipeline, rows: list[dict]) -> list[Sentence]:
    by_text: dict[str, Sentence] = {}
    for row in rows:
        by_text.setdefault(row["text"], Sentence(where=("sentence", row["text"]))).gold.append(gold_event(row))
    texts = list(by_text)
    articles = (ArticleInput(doc_id=f"s{k}", text=text, published=None) for k, text in enumerate(texts))
    for text, result in zip(texts, pipeline.process_batch(articles)):
        if not isinstance(result, InputError):
            by_text[text].predicted = result.events
    return list(by_text.values())


def document_gold(rows: list[dict], texts: dict[str, str], results: dict) -> list[Sentence]:
    """Gold sentences of every article in `texts`, with the coded events of `results`."""
    groups: dict[str, list[tuple[tuple[int, int], Sentence]]] = defaultdict(list)
    for row in rows:
        doc_id = row["doc_id"]
        if doc_id not in texts:
            continue
        span = row_span(row, texts[doc_id])
        for existing, sentence in groups[doc_id]:
            if existing == span:
                sentence.gold.append(gold_event(row))
                break
        else:
            where = (doc_id, texts[doc_id][span[0] : span[1]])
            groups[doc_id].append((span, Sentence([gold_event(row)], where=where)))
    sentences = [s for spans in groups.values() for _, s in spans]
    for doc_id, result in results.items():
        doc_groups = groups[doc_id]
        for event in result.events:
            ev = event.evidence
            home = next((s for (a, b), s in doc_groups if a < ev.end and ev.start < b), None)
            if home is None:
                home = Sentence()
                doc_groups.append(((ev.start, ev.end), home))
                sentences.append(home)
            home.predicted.append(event)
    return sentences


def errors(sentences: list[Sentence], threshold: float) -> list[dict]:
    """Sentences with a missed gold event or a wrong record, at the finest level: for
    reading development errors (never the test split's, which would tune on it)."""
    out = []
    for sentence in sentences:
        scored = sentence.above(threshold)
        pairs = pair(scored.gold, scored.predicted, MATCHERS[FULL])
        missed = [g for g in scored.gold if all(g is not m for m, _ in pairs)]
        wrong = [p for p in scored.predicted if all(p is not q for _, q in pairs)]
        if not missed and not wrong:
            continue
        doc_id, text = sentence.where or (wrong[0].doc_id, wrong[0].evidence.text if wrong[0].evidence else "")
        out.append({
            "doc_id": doc_id,
            "sentence": text,
            "missed": [_describe(g.event_type, sorted(g.actor), sorted(g.recipient), g.modality) for g in missed],
            "wrong": [
                _describe(p.event_type, sorted({e.country or "-" for e in p.actor}), sorted({e.country or "-" for e in p.recipient}),
                          p.modality) + f" [{p.evidence.trigger if p.evidence else ''}] {p.confidence:.2f} {p.coder}"
                for p in wrong
            ],
        })
    return out


def _describe(event_type: str, actor: list, recipient: list, modality: str | None) -> str:
    return f"{event_type}({','.join(actor)}->{','.join(recipient)}) {modality or 'asserted'}"


def labelled(sentences: list[Sentence]) -> list[tuple[EventRecord, bool]]:
    """Every candidate with whether it is right at the finest level (candidates that code
    an optional act with its modality are left out: neither right nor wrong)."""
    out = []
    for sentence in sentences:
        scored = sentence.above(0.0)
        right = {id(p) for _, p in pair(scored.gold, scored.predicted, MATCHERS[FULL])}
        out += [(p, id(p) in right) for p in scored.predicted]
    return out


def score(sentences: list[Sentence], threshold: float = 0.0) -> dict:
    scored = [s.above(threshold) for s in sentences]
    n_gold = sum(len(s.gold) for s in scored)
    n_pred = sum(len(s.predicted) for s in scored)
    report: dict = {"sentences": len(sentences), "threshold": threshold, "levels": {}, "per_type": {}}
    for level, match in MATCHERS.items():
        tp = sum(len(pair(s.gold, s.predicted, match)) for s in scored)
        report["levels"][level] = prf(tp, n_pred, n_gold)
    for event_type in EVENT_TYPES:
        typed = [
            Sentence([g for g in s.gold if g.event_type == event_type], [p for p in s.predicted if p.event_type == event_type])
            for s in scored
        ]
        gold_n = sum(len(s.gold) for s in typed)
        pred_n = sum(len(s.predicted) for s in typed)
        if gold_n or pred_n:
            tp = sum(len(pair(s.gold, s.predicted, MATCHERS["type"])) for s in typed)
            report["per_type"][event_type] = prf(tp, pred_n, gold_n)
    # modality is scored on every gold act, the optional ones included
    emitted = [(s.gold, [p for p in s.predicted if p.confidence >= threshold]) for s in sentences]
    pairs = [pr for gold, predicted in emitted for pr in pair(gold, predicted, MATCHERS["type"]) if pr[0].modality]
    if pairs:
        right = sum(g.modality == p.modality for g, p in pairs)
        report["modality_accuracy"] = {"accuracy": round(right / len(pairs), 4), "matched": len(pairs)}
    # the date at the precision the gold gives ("2022-08-16"; "2022-08" when the text says
    # no more, which any day of that month agrees with), on every dated gold act
    dated = [pr for gold, predicted in emitted for pr in pair(gold, predicted, MATCHERS["type"]) if pr[0].date]
    if dated:
        right = sum((p.date or "").startswith(g.date) for g, p in dated)
        report["date_accuracy"] = {"accuracy": round(right / len(dated), 4), "matched": len(dated)}
    report["actors"] = actor_figures(scored)
    return report


def actor_figures(scored: list[Sentence]) -> dict:
    """Who-did-it-to-whom on the events whose type is right: the share with the right
    actor (recipient) countries, the share of emitted events with no actor at all, and,
    per way of resolving an entity, how often its country is one the gold has on its side."""
    pairs = [pr for s in scored for pr in pair(s.gold, s.predicted, MATCHERS["type"])]
    emitted = [p for s in scored for p in s.predicted]
    by_how: dict[str, list[bool]] = defaultdict(list)
    for gold, event in pairs:
        for side, entities in ((gold.actor, event.actor), (gold.recipient, event.recipient)):
            for entity in entities:
                by_how[entity.resolution].append(entity.country in side)

    def countries(entities) -> frozenset[str]:
        return frozenset(e.country for e in entities if e.country)

    def share(hits: int, n: int) -> float | None:
        return round(hits / n, 4) if n else None

    return {
        "matched": len(pairs),
        "actor_country": share(sum(countries(p.actor) == g.actor for g, p in pairs), len(pairs)),
        "recipient_country": share(sum(countries(p.recipient) == g.recipient for g, p in pairs), len(pairs)),
        "emitted": len(emitted),
        "no_actor": share(sum(not p.actor for p in emitted), len(emitted)),
        "by_resolution": {how: {"entities": len(hits), "right": share(sum(hits), len(hits))} for how, hits in sorted(by_how.items())},
    }


def curve(sentences: list[Sentence]) -> list[dict]:
    """Precision and recall at the finest level for each threshold."""
    rows = []
    for threshold in CURVE_THRESHOLDS:
        level = score(sentences, threshold)["levels"][FULL]
        rows.append({"threshold": threshold, **{k: level[k] for k in ("precision", "recall", "f1", "predicted")}})
    return rows


def calibration(sentences: list[Sentence]) -> list[dict]:
    """Candidates by confidence bin: how many, their mean confidence, how many are right."""
    bins: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    for event, right in labelled(sentences):
        bins[min(int(event.confidence * CALIBRATION_BINS), CALIBRATION_BINS - 1)].append((event.confidence, right))
    rows = []
    for k in range(CALIBRATION_BINS):
        members = bins.get(k, [])
        rows.append({
            "bin": f"{k / CALIBRATION_BINS:.1f}-{(k + 1) / CALIBRATION_BINS:.1f}",
            "candidates": len(members),
            "mean_confidence": round(sum(c for c, _ in members) / len(members), 3) if members else None,
            "correct": round(sum(r for _, r in members) / len(members), 3) if members else None,
        })
    return rows
