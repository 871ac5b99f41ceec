"""Train the confidence scorer on the dev gold: one reproducible command, a JSON model.

Every candidate the rules propose on the dev articles is labelled right or wrong against
the gold (same sentence, type, actor and recipient country), described by
`nlp.confidence.event_features`, and a logistic regression is fitted to them. The default
threshold is the lowest at which the cross-validated (by article) candidates reach the
target precision, so it is chosen on predictions the model did not see in training.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsledger.evaluation.events import labelled
from newsledger.evaluation.gold import split_file
from newsledger.evaluation.score import event_sentences
from newsledger.records import InputError

TRAIN_SPLIT = "dev"


class FeatureTap:
    """A pipeline that remembers the features of every candidate it codes."""

    def __init__(self, pipeline) -> None:
        self.pipeline = pipeline
        self.features: dict[tuple[str, str], dict[str, float]] = {}

    def process_batch(self, articles):
        for result in self.pipeline.process_batch(articles):
            if not isinstance(result, InputError):
                for event_id, found in result.features.items():
                    self.features[(result.article.doc_id, event_id)] = found
            yield result


@dataclass
class Examples:
    features: list[dict[str, float]]
    labels: list[int]
    groups: list[str]
    by_gold: dict[str, dict[str, int]]


def collect(pipeline, gold_files: list[Path], corpus: list[Path]) -> Examples:
    """Labelled candidates of the dev split of each gold file (all of a file without splits)."""
    examples = Examples([], [], [], {})
    for gold in gold_files:
        tap = FeatureTap(pipeline)
        split = TRAIN_SPLIT if split_file(gold).exists() else None
        sentences = event_sentences(tap, gold, [] if split_file(gold).exists() else corpus, split)
        right = 0
        for event, ok in labelled(sentences):
            found = tap.features.get((event.doc_id, event.id))
            if found is None:
                continue
            examples.features.append(found)
            examples.labels.append(int(ok))
            examples.groups.append(f"{gold.name}:{event.doc_id}")
            right += ok
        examples.by_gold[str(gold)] = {"candidates": len(examples.labels) - sum(v["candidates"] for v in examples.by_gold.values()), "right": right}
    return examples


def choose_threshold(probabilities: list[float], labels: list[int], precision: float) -> float:
    """The lowest threshold (0.01 steps) whose candidates reach `precision`."""
    for step in range(0, 100):
        threshold = step / 100
        kept = [y for p, y in zip(probabilities, labels) if p >= threshold]
        if len(kept) >= 20 and sum(kept) / len(kept) >= precision:
            return threshold
    return 0.99


def fit(examples: Examples, *, seed: int, precision: float, c: float = 0.5) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline

    def model():
        return make_pipeline(DictVectorizer(), LogisticRegression(C=c, max_iter=5000, random_state=seed))

    folds = GroupKFold(n_splits=5)
    held_out = cross_val_predict(model(), examples.features, examples.labels, groups=examples.groups, cv=folds,
                                 method="predict_proba")[:, 1]
    threshold = choose_threshold(list(held_out), examples.labels, precision)
    final = model().fit(examples.features, examples.labels)
    vectorizer, regression = final.steps[0][1], final.steps[1][1]
    weights = {
        name: round(float(w), 5)
        for name, w in sorted(zip(vectorizer.get_feature_names_out(), regression.coef_[0]))
        if abs(w) >= 1e-5
    }
    kept = [y for p, y in zip(held_out, examples.labels) if p >= threshold]
    return {
        "model": "logistic-regression over event_features (newsledger.nlp.confidence)",
        "seed": seed,
        "C": c,
        "target_precision": precision,
        "threshold": threshold,
        "intercept": round(float(regression.intercept_[0]), 5),
        "trained_on": examples.by_gold,
        "cross_validated": {
            "candidates": len(examples.labels),
            "right": int(sum(examples.labels)),
            "kept_at_threshold": len(kept),
            "precision_at_threshold": round(sum(kept) / len(kept), 4) if kept else 0.0,
            "right_kept_share": round(sum(kept) / max(1, sum(examples.labels)), 4),
        },
        "weights": weights,
    }
