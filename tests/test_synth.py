"""The synthetic corpus: deterministic, well formed, filler codes to nothing, and the coder
finds the planted events."""

from __future__ import annotations

import json

from newsledger import synth
from newsledger.records import ArticleInput, to_dict


def test_same_seed_same_bytes(tmp_path, run_cli):
    paths = []
    for name in ("a", "b"):
        out, truth = tmp_path / f"{name}.jsonl", tmp_path / f"{name}.truth.jsonl"
        result = run_cli("synth", "--articles", "50", "--seed", "3", "--out", str(out), "--truth", str(truth))
        assert result.returncode == 0, result.stderr
        paths.append((out.read_bytes(), truth.read_bytes()))
    assert paths[0] == paths[1]
    other = tmp_path / "c.jsonl"
    assert run_cli("synth", "--articles", "50", "--seed", "4", "--out", str(other)).returncode == 0
    assert other.read_bytes() != paths[0][0]


def test_size_and_shape():
    items = list(synth.generate(500, seed=1))
    assert len(items) == 500
    ids = [article["id"] for article, _ in items]
    assert len(set(ids)) == 500
    for article, planted in items:
        assert set(article) == {"id", "title", "published", "outlet", "url", "text"}
        assert 150 <= len(article["text"].split()) <= 400
        assert 1 <= len(planted) <= 3
        for event in planted:
            assert event["doc_id"] == article["id"]
            assert event["event_type"] in synth.TEMPLATES
            assert event["actor_country"] != event["recipient_country"]
            assert event["sentence"] in article["text"]
    outlets = {article["outlet"] for article, _ in items}
    years = {article["published"][:4] for article, _ in items}
    assert len(outlets) >= 4 and len(years) >= 5
    actors = [e["actor_country"] for _, planted in items for e in planted]
    assert actors.count("USA") > actors.count("GBR") > 0  # Zipf-like popularity


def test_filler_carries_no_event(pipeline):
    countries = synth.load_countries()[:6]
    texts = []
    for i, country in enumerate(countries):
        sentences = [s.format(C=country.name, Ca=country.adjective, P=3, N=40) for s in synth.FILLER]
        texts.append(ArticleInput(doc_id=f"filler-{i}", text="\n\n".join(
            " ".join(sentences[j:j + 4]) for j in range(0, len(sentences), 4))))
    events = [e for r in pipeline.process_batch(texts) for e in r.events]
    assert events == [], [(e.event_type, e.evidence.text) for e in events]


def test_planted_events_are_found(pipeline, tmp_path, run_cli):
    articles, truth = [], []
    for article, planted in synth.generate(40, seed=5):
        articles.append(article)
        truth.extend(planted)
    inputs = [ArticleInput(doc_id=a["id"], text=a["text"], published=a["published"]) for a in articles]
    records = [to_dict(e) for result in pipeline.process_batch(inputs) for e in result.events]
    report = synth.check(truth, records)
    print(synth.format_report(report))
    assert report["documents"] == 40 and report["planted"] == len(truth)
    assert report["recall"] >= 0.9, report["missed_examples"]
    # The CLI check reads the same files.
    (tmp_path / "truth.jsonl").write_text("".join(json.dumps(t) + "\n" for t in truth), encoding="utf-8")
    (tmp_path / "records.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = run_cli("synth", "--check", str(tmp_path / "truth.jsonl"), str(tmp_path / "records.jsonl"), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["recall"] == report["recall"]


def test_synth_usage_errors(run_cli):
    assert run_cli("synth", "--articles", "5").returncode == 2
