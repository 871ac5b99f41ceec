"""The real command, in a subprocess: output shape, bad input, exit codes."""

from __future__ import annotations

import json

from conftest import SAMPLE

ARTICLE = "Lithuania expelled two Belarusian diplomats on Monday, the foreign ministry in Vilnius said.\n"


def records(stdout: bytes) -> list[dict]:
    return [json.loads(line) for line in stdout.decode("utf-8").splitlines()]


def test_extract_mixed_batch_with_bad_inputs(tmp_path, run_cli):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        "<rss><channel><item><title>&b;</title></item></channel></rss>",
        encoding="utf-8",
    )
    result = run_cli("extract", "--published", "2021-12-08", str(empty), str(good), str(binary), str(bomb))
    assert result.returncode == 1
    out = records(result.stdout)
    assert [r["kind"] for r in out][0] == "article"
    assert out[0]["doc_id"] == "good"
    assert any(r["kind"] == "event" and r["event_type"] == "SANCTION" for r in out)
    errors = [line for line in result.stderr.decode().splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    for name in ("empty.txt", "blob.bin", "bomb.xml"):
        assert sum(name in line for line in errors) == 1
    assert "Traceback" not in result.stderr.decode()


def test_extract_reads_stdin(run_cli):
    result = run_cli("extract", "--published", "2021-12-08", "-", stdin=ARTICLE.encode())
    assert result.returncode == 0, result.stderr
    out = records(result.stdout)
    assert out[0]["kind"] == "article" and out[0]["published"] == "2021-12-08"
    event = next(r for r in out if r["kind"] == "event")
    assert list(event)[0] == "kind"
    assert event["evidence"]["text"].startswith("Lithuania expelled")


def test_usage_errors_exit_2(run_cli):
    assert run_cli("extract").returncode == 2
    bad_date = run_cli("extract", "--published", "yesterday", "-", stdin=b"x")
    assert bad_date.returncode == 2
    assert b"not a date" in bad_date.stderr


def test_missing_model_is_one_clear_line(run_cli):
    result = run_cli("extract", "--model", "no_such_model_xyz", "-", stdin=ARTICLE.encode())
    assert result.returncode == 1
    assert b"[NL001]" in result.stderr and b"Traceback" not in result.stderr


def test_extract_sample_corpus_every_input_kind(run_cli):
    result = run_cli("extract", "--quiet", "--min-confidence", "0", str(SAMPLE))
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    out = records(result.stdout)
    articles = [r for r in out if r["kind"] == "article"]
    assert len(articles) >= 30
    doc_ids = {a["doc_id"] for a in articles}
    assert any(d.startswith("digest:") for d in doc_ids)  # RSS items
    assert any(d.startswith("briefing:") for d in doc_ids)  # Atom entries
    events = [r for r in out if r["kind"] == "event"]
    assert {e["doc_id"] for e in events} <= doc_ids
    assert len({e["doc_id"] for e in events}) >= 25
    # every input kind yields events, quotes and counts: JSONL, text, HTML, RSS, Atom
    for prefix in ("uk-china-sanctions-2021", "oped-olympic-boycott", "navalny-death-reaction", "digest:", "briefing:"):
        kinds = {r["kind"] for r in out if r["doc_id"].startswith(prefix)}
        assert {"article", "event"} <= kinds, prefix
    quoted = {r["doc_id"] for r in out if r["kind"] == "quote"}
    counted = {r["doc_id"] for r in out if r["kind"] == "count"}
    assert {"uk-china-sanctions-2021", "oped-olympic-boycott", "navalny-death-reaction"} <= quoted
    assert any(d.startswith(("digest:", "briefing:")) for d in counted)


def test_summarize_reads_extract_output(tmp_path, run_cli):
    out = run_cli("extract", "--published", "2021-12-08", "-", stdin=ARTICLE.encode())
    path = tmp_path / "records.jsonl"
    path.write_bytes(out.stdout)
    summary = run_cli("summarize", str(path))
    assert summary.returncode == 0
    assert b"articles: 1" in summary.stdout and b"SANCTION 1" in summary.stdout


def test_bench_times_both_sides_on_the_same_texts(run_cli):
    """Words per second of each side agree with its words and seconds, the ratio with the
    two speeds, and each side is timed over as many passes as asked."""
    import re

    import pytest

    result = run_cli("bench", str(SAMPLE), "--limit", "12", "--repeat", "2")
    assert result.returncode == 0, result.stderr.decode()
    lines = dict(line.split(": ", 1) for line in result.stdout.decode("utf-8").splitlines())
    assert lines["articles"] == "12" and lines["passes"].startswith("2 of each")
    words = int(lines["words"])
    speeds = {}
    for side in ("spacy", "newsledger"):
        wps, seconds = re.match(r"([\d,]+) words/s \(([\d.]+) s", lines[side]).groups()
        speeds[side] = int(wps.replace(",", ""))
        assert speeds[side] == pytest.approx(words / float(seconds), rel=0.05)
    assert float(lines["ratio"]) == pytest.approx(speeds["newsledger"] / speeds["spacy"], abs=0.01)
    assert int(re.search(r"(\d+) events", lines["newsledger"]).group(1)) > 0
    assert run_cli("bench", str(SAMPLE), "--repeat", "0").returncode == 2
