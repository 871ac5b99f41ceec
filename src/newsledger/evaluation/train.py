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
        has_splits = split_file(gold).exists()
        sentences = event_sentences(tap, gold, [] if has_splits else corpus, TRAIN_SPLIT if has_splits else None)
        candidates = right = 0
        for event, ok in labelled(sentences):
            found = tap.features.get((event.doc_id, event.id))
            if found is None:
                continue
            examples.features.append(found)
            examples.labels.append(int(ok))
            examples.groups.append(f"{gold.name}:{event.doc_id}")
            candidates, right = candidates + 1, right + ok
        examples.by_gold[str(gold)] = {"candidates": candidates, "right": right}
    return examples


C_GRID = (0.03, 0.1, 0.3, 1.0)  # regularisation strengths tried, by cross-validated log-loss
REPEATS = 5  # shuffled article splits whose held-out probabilities are averaged
LOSS_TOLERANCE = 0.005


def source_weights(groups: list[str]) -> list[float]:
    """Each gold file weighs the same in training, whatever its size, so 340 textbook
    sentences do not outweigh 30 real articles."""
    sources = [g.split(":", 1)[0] for g in groups]
    sizes = {s: sources.count(s) for s in set(sources)}
    return [len(sources) / (len(sizes) * sizes[s]) for s in sources]


def choose_c(losses: dict[float, float]) -> float:
    """The strongest regularisation (smallest C) whose cross-validated log-loss is within
    LOSS_TOLERANCE of the best: a hair's better dev loss bought with weaker regularisation
    is noise, and a looser model carries less well to articles it has not seen."""
    return min(c for c, loss in losses.items() if loss <= min(losses.values()) + LOSS_TOLERANCE)


def choose_threshold(probabilities: list[float], labels: list[int], weights: list[float], precision: float) -> float:
    """The lowest threshold (0.01 steps) whose candidates reach `precision`, each gold file
    weighing the same."""
    for step in range(0, 100):
        threshold = step / 100
        kept = [(y, w) for p, y, w in zip(probabilities, labels, weights) if p >= threshold]
        if len(kept) >= 20 and sum(y * w for y, w in kept) / sum(w for _, w in kept) >= precision:
            return threshold
    return 0.99


def fit(examples: Examples, *, seed: int, precision: float) -> dict:
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss
    from sklearn.model_selection import GroupKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline

    def model(c: float):
        return make_pipeline(DictVectorizer(), LogisticRegression(C=c, max_iter=5000, random_state=seed))

    weights = source_weights(examples.groups)

    def held_out(c: float):
        """Each candidate's probability from models that did not see its article, averaged
        over REPEATS shuffled splits by article: one split's luck moved the threshold by
        several hundredths between near-identical candidate sets."""
        runs = [cross_val_predict(model(c), examples.features, examples.labels, groups=examples.groups,
                                  cv=GroupKFold(n_splits=5, shuffle=True, random_state=seed + r), method="predict_proba",
                                  params={"logisticregression__sample_weight": np.array(weights)})[:, 1]
                for r in range(REPEATS)]
        return np.mean(runs, axis=0)

    losses = {c: log_loss(examples.labels, held_out(c), sample_weight=weights) for c in C_GRID}
    c = choose_c(losses)
    predictions = held_out(c)
    threshold = choose_threshold(list(predictions), examples.labels, weights, precision)
    final = model(c).fit(examples.features, examples.labels, logisticregression__sample_weight=np.array(weights))
    vectorizer, regression = final.steps[0][1], final.steps[1][1]
    weights = {
        name: round(float(w), 5)
        for name, w in sorted(zip(vectorizer.get_feature_names_out(), regression.coef_[0]))
        if abs(w) >= 1e-5
    }
    kept = [y for p, y in zip(predictions, examples.labels) if p >= threshold]
    kept_weighted = [(y, w) for p, y, w in zip(predictions, examples.labels, source_weights(examples.groups)) if p >= threshold]
    return {
        "model": "logistic-regression over event_features (newsledger.nlp.confidence)",
        "seed": seed,
        "C": c,
        "cross_validated_log_loss": {str(k): round(v, 4) for k, v in losses.items()},
        "target_precision": precision,
        "threshold": threshold,
        "intercept": round(float(regression.intercept_[0]), 5),
        "trained_on": examples.by_gold,
        "cross_validated": {
            "candidates": len(examples.labels),
            "right": int(sum(examples.labels)),
            "kept_at_threshold": len(kept),
            # as the threshold was chosen: each gold file weighing the same
            "precision_at_threshold": round(sum(y * w for y, w in kept_weighted) / sum(w for _, w in kept_weighted), 4)
            if kept_weighted else 0.0,
            "right_kept_share": round(sum(kept) / max(1, sum(examples.labels)), 4),
        },
        "weights": weights,
    }
