"""The evaluation gate: scoring, floors that only rise, and the pinned floors themselves."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, SAMPLE, SHARED_GOLD
from newsledger.evaluation.gate import GateError, check_or_update
from newsledger.evaluation.events import Sentence, score
from newsledger.evaluation.gold import Gold
from newsledger.records import Entity, EventRecord

BASELINE = ROOT / "evaluation" / "baseline.json"


def predicted(event_type: str, actor: str, recipient: str | None = None) -> EventRecord:
    def ent(code):
        return [Entity(code, code, code, None, 0, 1)] if code else []

    return EventRecord(event_type=event_type, actor=ent(actor), recipient=ent(recipient))


def test_score_levels():
    sentences = [
        Sentence([Gold("SANCTION", frozenset({"GBR"}), frozenset({"RUS"}))], [predicted("SANCTION", "GBR", "RUS")]),
        Sentence([Gold("ACCUSE", frozenset({"CHN"}), frozenset({"USA"}))], [predicted("ACCUSE", "CHN", "CAN")]),
        Sentence([Gold("AID", frozenset({"JPN"}), frozenset())], [predicted("SUPPORT", "JPN")]),
        Sentence([], [predicted("THREATEN", "RUS")]),
    ]
    report = score(sentences)
    assert report["levels"]["type"]["tp"] == 2
    assert report["levels"]["type+actor+recipient"]["tp"] == 1
    assert report["levels"]["type"]["precision"] == 0.5
    assert report["levels"]["type"]["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert report["per_type"]["AID"]["recall"] == 0.0


def test_date_accuracy_at_the_precision_the_gold_gives():
    """A day the gold gives must be that day; a month the gold gives (the text says no
    more) agrees with any day of it; a gold act with no date is not counted."""
    def dated(event_type: str, date: str | None) -> EventRecord:
        event = predicted(event_type, "GBR", "RUS")
        event.date = date
        return event

    def gold(event_type: str, date: str | None) -> Gold:
        return Gold(event_type, frozenset({"GBR"}), frozenset({"RUS"}), None, date)

    sentences = [
        Sentence([gold("SANCTION", "2024-03-05")], [dated("SANCTION", "2024-03-05")]),
        Sentence([gold("ACCUSE", "2024-03-05")], [dated("ACCUSE", "2024-03-06")]),
        Sentence([gold("THREATEN", "2024-03")], [dated("THREATEN", "2024-03-06")]),
        Sentence([gold("COERCE", "2024-03-05")], [dated("COERCE", "2024-03")]),  # coarser than the gold: wrong
        Sentence([gold("AID", None)], [dated("AID", "2024-03-01")]),
    ]
    assert score(sentences)["date_accuracy"] == {"accuracy": 0.5, "matched": 4}


def test_actor_figures_on_events_of_the_right_type():
    from dataclasses import replace

    titled = predicted("ACCUSE", "CHN", "CAN")
    titled.actor = [replace(e, resolution="title") for e in titled.actor]
    sentences = [
        Sentence([Gold("SANCTION", frozenset({"GBR"}), frozenset({"RUS"}))], [predicted("SANCTION", "GBR", "RUS")]),
        Sentence([Gold("ACCUSE", frozenset({"CHN"}), frozenset({"USA"}))], [titled]),
        Sentence([Gold("AID", frozenset({"JPN"}), frozenset())], [predicted("AID", None)]),
        Sentence([], [predicted("THREATEN", "RUS")]),
    ]
    actors = score(sentences)["actors"]
    assert actors["matched"] == 3 and actors["emitted"] == 4
    assert actors["actor_country"] == pytest.approx(2 / 3, abs=1e-4)  # the AID event has no actor
    assert actors["recipient_country"] == pytest.approx(2 / 3, abs=1e-4)  # CAN is not USA
    assert actors["no_actor"] == 0.25
    assert actors["by_resolution"] == {
        "title": {"entities": 1, "right": 1.0},
        "unresolved": {"entities": 3, "right": pytest.approx(2 / 3, abs=1e-4)},
    }


def test_floors_only_rise(tmp_path):
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps({"g": {"type_f1": 0.8}}))
    report = {"levels": {"type": {"f1": 0.7}}, "per_type": {}}
    assert check_or_update(path, "g", report, update=False, allow_lower=False) == [
        "gate g: type_f1 0.7000 is below its floor 0.8000"
    ]
    with pytest.raises(GateError):
        check_or_update(path, "g", report, update=True, allow_lower=False)
    check_or_update(path, "g", report, update=True, allow_lower=True)
    assert json.loads(path.read_text())["g"]["type_f1"] == 0.7


def gate(run_cli, *args):
    result = run_cli("eval", *args, "--baseline", str(BASELINE))
    assert result.returncode == 0, result.stdout.decode()[-3000:] + result.stderr.decode()[-2000:]
    return result.stdout.decode()


@pytest.mark.skipif(not SHARED_GOLD.exists(), reason=f"development gold not found at {SHARED_GOLD}")
def test_gate_plover_gsr(run_cli):
    print(gate(run_cli, str(SHARED_GOLD), "--min-confidence", "0", "--gate", "plover_gsr"))


def test_gate_sample_corpus(run_cli):
    print(gate(run_cli, str(ROOT / "evaluation" / "gold" / "sample_events.jsonl"), "--corpus", str(SAMPLE),
               "--min-confidence", "0", "--gate", "sample"))


REALNEWS = ROOT.parent / "shared" / "data" / "realnews"


@pytest.mark.skipif(not REALNEWS.is_dir(), reason=f"real-news articles not found at {REALNEWS}")
@pytest.mark.parametrize("name", ["realnews_wikinews", "realnews_readouts"])
@pytest.mark.parametrize("candidates", [False, True], ids=["default-threshold", "candidates"])
def test_gate_real_news_test_split(run_cli, name, candidates):
    args = [str(ROOT / "evaluation" / "gold" / f"{name}.jsonl"), "--split", "test"]
    args += ["--min-confidence", "0", "--gate", f"{name}_candidates"] if candidates else ["--gate", name]
    print(gate(run_cli, *args))


@pytest.mark.parametrize("candidates", [False, True], ids=["default-threshold", "candidates"])
def test_gate_police_and_conflict_test_split(run_cli, candidates):
    args = [str(ROOT / "evaluation" / "gold" / "sample_conflict.jsonl"), "--split", "test"]
    args += ["--min-confidence", "0", "--gate", "sample_conflict_candidates"] if candidates else ["--gate", "sample_conflict"]
    print(gate(run_cli, *args))


def test_gate_sample_quotes(run_cli):
    print(gate(run_cli, str(ROOT / "evaluation" / "gold" / "sample_quotes.jsonl"), "--corpus", str(SAMPLE), "--gate", "sample_quotes"))


def test_gate_sample_counts(run_cli):
    print(gate(run_cli, str(ROOT / "evaluation" / "gold" / "sample_counts.jsonl"), "--corpus", str(SAMPLE), "--gate", "sample_counts"))


def test_baseline_floors_are_pinned():
    floors = json.loads(BASELINE.read_text())
    for name in ("plover_gsr", "sample"):
        assert floors[name]["type_f1"] > 0.5
        assert floors[name]["type+actor+recipient_f1"] > 0.3
    for name in ("realnews_wikinews", "realnews_readouts", "sample_conflict"):
        assert floors[name]["type+actor+recipient_precision"] >= 0.5 and floors[f"{name}_candidates"]["type_f1"] > 0.3
    assert floors["sample_quotes"]["content_f1"] > 0.8 and floors["sample_quotes"]["speaker_accuracy"] > 0.7
    assert floors["sample_counts"]["count_f1"] > 0.8


def test_speaker_scoring():
    from newsledger.evaluation.spans import _same_speaker
    from newsledger.records import QuoteRecord

    def quote(name, how):
        return QuoteRecord(speaker=Entity(name, name, None, None, 0, 1) if name else None, speaker_resolution=how)

    assert _same_speaker("Dmitry Peskov", quote("Dmitry Peskov", "coreference"))
    assert _same_speaker("Iain Duncan Smith", quote("Duncan Smith", "named"))
    assert not _same_speaker("Dmitry Peskov", quote("Sergei Lavrov", "named"))
    assert _same_speaker(None, quote("teacher", "role")) and _same_speaker(None, quote(None, "none"))
    assert not _same_speaker(None, quote("Joe Biden", "named"))


def test_a_gate_keeps_the_figures_it_pins(tmp_path):
    path = tmp_path / "baseline.json"
    report = {"levels": {"type": {"f1": 0.7, "precision": 0.8, "recall": 0.6}}, "per_type": {}}
    check_or_update(path, "new", report, update=True, allow_lower=False)
    assert json.loads(path.read_text())["new"] == {"type_f1": 0.7, "type_precision": 0.8, "type_recall": 0.6}
    path.write_text(json.dumps({"old": {"type_f1": 0.5}}))
    check_or_update(path, "old", report, update=True, allow_lower=False)
    assert json.loads(path.read_text())["old"] == {"type_f1": 0.7}
