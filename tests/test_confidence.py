"""The learned confidence: features, the shipped JSON model, the threshold and its training."""

from __future__ import annotations

import json
import os

import pytest

from conftest import ROOT, SAMPLE
from newsledger.evaluation.events import Sentence, calibration, curve, labelled, score
from newsledger.evaluation.gold import Gold
from newsledger.evaluation.train import choose_c, choose_threshold, source_weights
from newsledger.nlp.confidence import Scorer, default_threshold, load_scorer
from newsledger.records import Entity, EventRecord

TEXT = (
    "Britain imposed sanctions on Russia's central bank on Friday. "
    "Police in Minsk detained dozens of protesters on Sunday, witnesses said."
)


def test_the_shipped_model_is_plain_json_with_a_threshold_chosen_on_dev():
    scorer = load_scorer()
    assert scorer is not None and 0.0 < scorer.threshold < 1.0 and default_threshold() == scorer.threshold
    data = json.loads((ROOT / "src" / "newsledger" / "data" / "scorer.json").read_text())
    assert data["target_precision"] == 0.8 and data["weights"] and data["cross_validated"]["precision_at_threshold"] >= 0.8


def test_scorer_is_a_logistic_of_summed_weights():
    scorer = Scorer({"a": 2.0, "b": -1.0}, intercept=-1.0, threshold=0.5)
    assert scorer.probability({}) == pytest.approx(1 / (1 + 2.718281828 ** 1.0), abs=1e-6)
    assert scorer.probability({"a": 1.0, "b": 1.0}) == pytest.approx(0.5)
    assert scorer.probability({"unknown": 1.0}) == scorer.probability({})


def test_every_event_gets_a_probability_and_the_threshold_filters(pipeline):
    from newsledger.pipeline import Pipeline
    from newsledger.settings import Settings

    every = pipeline.process(TEXT, published="2022-03-01")
    assert every.events and all(0.0 <= e.confidence <= 1.0 for e in every.events)
    assert len({e.confidence for e in every.events}) > 1  # the model scores, not a constant
    top = max(e.confidence for e in every.events)
    strict = Pipeline(Settings(min_confidence=top)).process(TEXT, published="2022-03-01")
    assert [e.id for e in strict.events] == [e.id for e in every.events if e.confidence >= top]
    kept = {e.id for e in strict.events}
    assert all(c.event_ref is None or c.event_ref in kept for c in strict.counts)


def test_threshold_choice_and_source_weights():
    probabilities = [0.9] * 20 + [0.5] * 20 + [0.1] * 20
    labels = [1] * 18 + [0] * 2 + [1] * 10 + [0] * 10 + [0] * 20
    weights = [1.0] * 60
    assert choose_threshold(probabilities, labels, weights, 0.8) == 0.51
    assert choose_threshold(probabilities, labels, weights, 0.95) == 0.99
    balanced = source_weights(["big:a"] * 30 + ["small:b"] * 10)
    assert sum(balanced[:30]) == pytest.approx(sum(balanced[30:]))


def _event(event_type, actor, recipient, confidence, modality="asserted"):
    def ents(codes):
        return [Entity(c, c, c, None, 0, 1) for c in codes]

    return EventRecord(event_type=event_type, actor=ents(actor), recipient=ents(recipient), confidence=confidence,
                       modality=modality)


def test_scoring_at_a_threshold_curve_calibration_and_optional_gold():
    sentences = [
        Sentence([Gold("CONSULT", frozenset({"USA"}), frozenset({"JPN"}))], [_event("CONSULT", ["JPN", "USA"], [], 0.9)]),
        Sentence([Gold("ASSAULT", frozenset({"RUS"}), frozenset({"UKR"}))], [_event("ASSAULT", ["RUS"], ["UKR"], 0.3)]),
        Sentence([Gold("CONSULT", frozenset({"FRA"}), frozenset({"DEU"}), "negated")],
                 [_event("CONSULT", ["FRA"], ["DEU"], 0.8, "negated"), _event("SANCTION", ["GBR"], [], 0.6)]),
    ]
    full = score(sentences, 0.0)["levels"]["type+actor+recipient"]
    assert (full["tp"], full["predicted"], full["gold"]) == (2, 3, 2)  # the negated meeting is excused, not counted
    strict = score(sentences, 0.5)["levels"]["type+actor+recipient"]
    assert (strict["tp"], strict["predicted"]) == (1, 2)
    assert [r["threshold"] for r in curve(sentences)][:3] == [0.0, 0.05, 0.1]
    assert [(e.event_type, ok) for e, ok in labelled(sentences)] == [("CONSULT", True), ("ASSAULT", True), ("SANCTION", False)]
    bins = calibration(sentences)
    assert sum(b["candidates"] for b in bins) == 3


def test_eval_names_the_missing_real_news_folder(run_cli, tmp_path):
    env_before = os.environ.get("NEWSLEDGER_REALNEWS")
    os.environ["NEWSLEDGER_REALNEWS"] = str(tmp_path / "absent")
    try:
        result = run_cli("eval", str(ROOT / "evaluation" / "gold" / "realnews_wikinews.jsonl"), "--split", "test")
    finally:
        if env_before is None:
            del os.environ["NEWSLEDGER_REALNEWS"]
        else:
            os.environ["NEWSLEDGER_REALNEWS"] = env_before
    assert result.returncode == 1
    message = result.stderr.decode()
    assert "real-news articles not found" in message and "absent" in message and message.count("\n") == 1


def test_train_scorer_is_reproducible(run_cli, tmp_path):
    pytest.importorskip("sklearn")
    outputs = []
    for k in range(2):
        out = tmp_path / f"scorer{k}.json"
        result = run_cli("train-scorer", str(ROOT / "evaluation" / "gold" / "sample_events.jsonl"),
                         str(ROOT / "evaluation" / "gold" / "sample_conflict.jsonl"), "--corpus", str(SAMPLE),
                         "--out", str(out), "--seed", "3")
        assert result.returncode == 0, result.stderr.decode()[-2000:]
        outputs.append(out.read_text())
    assert outputs[0] == outputs[1]
    model = json.loads(outputs[0])
    assert model["seed"] == 3 and len(model["trained_on"]) == 2 and model["weights"]
    scorer = load_scorer(str(tmp_path / "scorer0.json"))
    assert scorer.threshold == model["threshold"]


def test_extract_and_events_take_min_confidence(run_cli, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    every = [json.loads(line) for line in run_cli("extract", str(article), "--min-confidence", "0").stdout.splitlines()]
    events = [r for r in every if r["kind"] == "event"]
    assert events
    db = tmp_path / "l.duckdb"
    assert run_cli("ingest", str(article), "--db", str(db), "--min-confidence", "0", "--quiet").returncode == 0
    stored = [json.loads(line) for line in run_cli("events", "--db", str(db)).stdout.splitlines()]
    assert len(stored) == len(events) and all(r["confidence"] is not None for r in stored)
    top = max(r["confidence"] for r in stored)
    high = [json.loads(line) for line in run_cli("events", "--db", str(db), "--min-confidence", str(top)).stdout.splitlines()]
    assert 1 <= len(high) <= len(stored) and all(r["confidence"] >= top for r in high)
    bad = run_cli("events", "--db", str(db), "--min-confidence", "1.5")
    assert bad.returncode == 2 and "min-confidence" in bad.stderr.decode()


def test_eval_lists_dev_errors_and_refuses_them_on_test(run_cli):
    gold = str(ROOT / "evaluation" / "gold" / "sample_conflict.jsonl")
    listed = run_cli("eval", gold, "--split", "dev", "--errors", "--min-confidence", "0", "--format", "json")
    assert listed.returncode == 0, listed.stderr.decode()[-1000:]
    errors = json.loads(listed.stdout)["errors"]
    assert errors and all(e["missed"] or e["wrong"] for e in errors) and all(e["sentence"] for e in errors)
    refused = run_cli("eval", gold, "--split", "test", "--errors")
    assert refused.returncode == 2 and "never on test" in refused.stderr.decode()


def test_regularisation_is_the_strongest_within_a_hair_of_the_best_loss():
    assert choose_c({0.03: 0.4746, 0.1: 0.4527, 0.3: 0.4502, 1.0: 0.4713}) == 0.1
    assert choose_c({0.03: 0.50, 0.1: 0.47, 0.3: 0.45, 1.0: 0.46}) == 0.3


def test_a_domestic_act_is_judged_by_its_kind_not_as_one_feature_for_all():
    """Same-country sides are normal for force and suspect for diplomacy: the feature exists
    only conjoined with the quad class (and the type), never alone."""
    from newsledger.nlp.confidence import by_type

    arrest = by_type({"same_country": 1.0, "bias_type=COERCE": 1.0}, "COERCE")
    meeting = by_type({"same_country": 1.0, "bias_type=CONSULT": 1.0}, "CONSULT")
    assert "same_country" not in arrest and "same_country" not in meeting
    assert "quad4&same_country" in arrest and "COERCE&same_country" in arrest
    assert "quad1&same_country" in meeting and "quad4&same_country" not in meeting


def test_a_report_filed_with_a_dateline_is_a_feature_of_its_kind_of_act(pipeline):
    """Field reports tell force as it happens: whether the article opens with a dateline is
    a feature conjoined with the quad class, never alone, and absent without a dateline."""
    from dataclasses import replace

    from newsledger.pipeline import Pipeline

    keeping = Pipeline(replace(pipeline.settings, keep_features=True, min_confidence=0.0))
    filed = keeping.process("KHARTOUM, June 3 (Testwire) - Police arrested forty students at a sit-in on Monday.",
                            published="2024-06-04")
    plain = keeping.process("Police arrested forty students at a sit-in in Khartoum on Monday.", published="2024-06-04")
    (features,) = filed.features.values()
    assert "quad4&wire_report" in features and "wire_report" not in features
    assert not any("wire_report" in name for found in plain.features.values() for name in found)
