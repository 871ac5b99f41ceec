"""The coding engines: local (spaCy n_process) and Ray Data on a real local Ray cluster.

The cluster is started here with `ray.init(num_cpus=2)` on loopback; CLI runs in a
subprocess join it with `--address`, as a user joins an existing cluster.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE
from newsledger.ingest import read_inputs
from newsledger.records import InputError, to_dict
from newsledger.settings import Settings

ray = pytest.importorskip("ray", reason="the Ray extra is not installed (pip install 'newsledger[ray]')")

TABLES = {  # ledger table -> its key, for comparing two ledgers row by row
    "articles": "doc_id",
    "events": "event_id",
    "mentions": "record_id",
    "entities": "record_id, role, start_char",
    "quotes": "quote_id",
    "counts": "count_id",
}


@pytest.fixture(scope="module")
def cluster():
    """A real two-CPU Ray cluster for this module; its GCS address for subprocesses."""
    if ray.is_initialized():
        ray.shutdown()
    context = ray.init(num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1", logging_level="ERROR")
    yield context.address_info["gcs_address"]
    ray.shutdown()


@pytest.fixture(scope="module")
def sample_articles():
    return [a for a in read_inputs([str(SAMPLE)]) if not isinstance(a, InputError)]


def coded_records(engine, articles) -> list[list[dict]]:
    """Each article's records as dicts, in the order the engine yields them."""
    out = []
    for item in engine.code(articles):
        assert not isinstance(item, InputError), item.line()
        article, result = item
        assert article.doc_id == result.article.doc_id
        out.append([to_dict(r) for r in result.records()])
    return out


def test_ray_and_local_engines_code_the_sample_identically(cluster, sample_articles):
    from newsledger.engines.local import LocalEngine
    from newsledger.engines.ray_data import RayEngine

    settings = Settings(min_confidence=0.0)
    local = coded_records(LocalEngine(settings, workers=2), sample_articles)
    engine = RayEngine(settings, actors=2)
    distributed = coded_records(engine, sample_articles)
    assert engine.actors == 2 and not engine.started  # joined the test's cluster, did not start one
    assert len(engine.worker_peaks) == 2, "both actors of the pool coded a share"
    assert all(peak > 50 * 2**20 for peak in engine.worker_peaks.values())  # each loaded the model
    assert len(local) == len(sample_articles)
    assert [records[0]["doc_id"] for records in distributed] == [a.doc_id for a in sample_articles]
    assert sum(1 for records in local for r in records if r["kind"] == "event") > 100
    assert distributed == local


def test_ray_windows_keep_input_order_and_report_bad_articles(cluster, sample_articles, monkeypatch):
    """Several windows (the driver feeds the cluster a window at a time), a text too long
    for the model among them: every article comes back once, in order, the bad one as an
    InputError."""
    from newsledger.engines import ray_data
    from newsledger.records import ArticleInput

    monkeypatch.setattr(ray_data, "WINDOW_PER_ACTOR", 5)  # 10-article windows over 2 actors
    articles = sample_articles[:23]
    long_one = ArticleInput(doc_id="too-long", text="word " * 2000, source="long.txt")
    articles = articles[:12] + [long_one] + articles[12:]
    engine = ray_data.RayEngine(Settings(max_chars=5000), actors=2)
    items = list(engine.code(articles))
    errors = [i for i in items if isinstance(i, InputError)]
    assert [e.source for e in errors] == ["long.txt"] and "too long" in errors[0].message
    coded = [i for i in items if not isinstance(i, InputError)]
    assert [a.doc_id for a, _ in coded] == [a.doc_id for a in articles if a is not long_one]
    assert all(a.doc_id == r.article.doc_id for a, r in coded)


def test_actors_that_cannot_start_end_the_run_with_one_line(cluster, sample_articles):
    """A node without the model (here: every node) fails its actors; the run stops with the
    actors' own reason in one line instead of hanging or retrying for ever."""
    from newsledger.engines import EngineError
    from newsledger.engines.ray_data import RayEngine

    engine = RayEngine(Settings(model="no_such_model"), actors=2)  # joined cluster: no local model check
    with pytest.raises(EngineError) as failure:
        list(engine.code(sample_articles[:4]))
    message = str(failure.value)
    assert message.startswith("[NL012] Ray workers failed: ") and "[NL001] cannot load spaCy model 'no_such_model'" in message
    assert "\n" not in message


def _ledger_rows(db: Path) -> dict[str, list[tuple]]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            table: con.execute(f"SELECT * EXCLUDE (ingested_at) FROM {table} ORDER BY {key}").fetchall()
            if table == "articles"
            else con.execute(f"SELECT * FROM {table} ORDER BY {key}").fetchall()
            for table, key in TABLES.items()
        }
    finally:
        con.close()


def test_ingest_with_both_engines_gives_identical_ledgers(cluster, run_cli, tmp_path):
    """The CLI, end to end: the same inputs (with a syndicated copy, so near-duplicates and
    merged events are in play) ingested by each engine give the same ledger rows."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = (SAMPLE / "wire.jsonl").read_text(encoding="utf-8").splitlines()
    copies = [json.loads(line) for line in lines[:6]]
    for copy in copies:
        copy["id"] += "-syndicated"
        copy["outlet"] = "Second Outlet"
    (corpus / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (corpus / "copies.jsonl").write_text("".join(json.dumps(c) + "\n" for c in copies), encoding="utf-8")
    for name in ("oped-olympic-boycott.txt", "ngo-iran-protest-crackdown.txt", "navalny-death-reaction.html", "digest.xml"):
        (corpus / name).write_bytes((SAMPLE / name).read_bytes())
    summaries = {}
    for engine in ("local", "ray"):
        args = ["ingest", str(corpus), "--db", str(tmp_path / f"{engine}.duckdb"), "--quiet", "--workers", "2"]
        if engine == "ray":
            args += ["--engine", "ray", "--address", cluster]
        done = run_cli(*args)
        assert done.returncode == 0, done.stderr.decode()
        summaries[engine] = json.loads(done.stdout.decode().strip().splitlines()[-1])
    assert summaries["ray"]["engine"] == "ray"
    counts = {engine: {k: v for k, v in s.items() if k not in ("db", "engine", "coded_on")} for engine, s in summaries.items()}
    assert sum(summaries["ray"]["coded_on"].values()) == sum(summaries["local"]["coded_on"].values()) == counts["local"]["articles"]
    assert counts["ray"] == counts["local"]
    assert counts["local"]["near_duplicates"] == 6 and counts["local"]["merged"] > 0
    local, distributed = _ledger_rows(tmp_path / "local.duckdb"), _ledger_rows(tmp_path / "ray.duckdb")
    for table in TABLES:
        assert distributed[table] == local[table], table
    # Re-running either engine stores nothing new.
    again = run_cli("ingest", str(corpus), "--db", str(tmp_path / "ray.duckdb"), "--quiet",
                    "--engine", "ray", "--address", cluster)
    assert again.returncode == 0, again.stderr.decode()
    assert json.loads(again.stdout.decode().splitlines()[-1])["articles"] == 0


def test_ray_ingest_reports_bad_inputs_and_writes_parquet(cluster, run_cli, tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 40)
    good = (SAMPLE / "wire.jsonl").read_text(encoding="utf-8").splitlines()[:4]
    (corpus / "good.jsonl").write_text("\n".join(good) + "\n", encoding="utf-8")
    out = tmp_path / "dataset"
    done = run_cli("ingest", str(corpus), "--db", str(tmp_path / "l.duckdb"), "--quiet", "--engine", "ray",
                   "--address", cluster, "--parquet", str(out))
    assert done.returncode == 1
    errors = [line for line in done.stderr.decode().splitlines() if line.startswith("error: ")]
    assert sorted(Path(line.split(": ")[1]).name for line in errors) == ["binary.txt", "empty.txt"]
    summary = json.loads(done.stdout.decode().splitlines()[-1])
    assert summary["articles"] == 4 and summary["failed"] == 2 and summary["parquet"] == str(out)
    import duckdb

    con = duckdb.connect(str(tmp_path / "l.duckdb"), read_only=True)
    try:
        for table in TABLES:
            [(stored,)] = con.execute(f"SELECT count(*) FROM {table}").fetchall()
            [(written,)] = con.execute(
                "SELECT count(*) FROM read_parquet(?, hive_partitioning = false)", [str(out / table / "**" / "*.parquet")]
            ).fetchall()
            assert written == stored, table
    finally:
        con.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_engine_usage_and_environment_errors(run_cli):
    wrong = run_cli("extract", str(SAMPLE / "wire.jsonl"), "--address", "127.0.0.1:6379")
    assert wrong.returncode == 2 and b"--address needs --engine ray" in wrong.stderr
    unreachable = run_cli("extract", str(SAMPLE / "wire.jsonl"), "--engine", "ray", "--address", f"127.0.0.1:{_free_port()}")
    assert unreachable.returncode == 1 and unreachable.stdout == b""
    assert b"[NL011] cannot reach the Ray cluster" in unreachable.stderr
    assert len(unreachable.stderr.decode().strip().splitlines()) == 1
    no_model = run_cli("extract", str(SAMPLE / "wire.jsonl"), "--engine", "ray", "--model", "no_such_model")
    assert no_model.returncode == 1 and b"[NL001]" in no_model.stderr
    # $RAY_ADDRESS, as set on a cluster's nodes, is for --engine ray only: a local run ignores it.
    local = subprocess.run(
        [sys.executable, "-m", "newsledger", "extract", str(SAMPLE / "wire.jsonl"), "--quiet"],
        capture_output=True, cwd=ROOT, timeout=300, env={**os.environ, "RAY_ADDRESS": f"127.0.0.1:{_free_port()}"},
    )
    assert local.returncode == 0, local.stderr.decode()
    assert sum(json.loads(line)["kind"] == "article" for line in local.stdout.decode().splitlines()) == 20


def test_ray_missing_is_one_line(tmp_path):
    """Without the extra, --engine ray says how to install it (Ray hidden from imports)."""
    script = (
        "import sys; sys.modules['ray'] = None\n"
        "from newsledger.cli import main\n"
        f"main(['extract', {str(SAMPLE / 'wire.jsonl')!r}, '--engine', 'ray'])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, cwd=ROOT, timeout=120)
    assert done.returncode == 1 and done.stdout == b""
    assert done.stderr.decode().strip() == "Error: [NL010] the Ray engine needs Ray Data: pip install 'newsledger[ray]'"


def test_an_actor_codes_in_its_own_process_only(sample_articles):
    """The actor is the unit of parallelism: with the CLI's `--workers 2` in its settings it
    must still not fork spaCy workers of its own (they would oversubscribe every node)."""
    import resource

    import pyarrow as pa

    from newsledger.engines.ray_data import _FIELDS, ArticleCoder

    coder = ArticleCoder(Settings(workers=2))
    rows = [{"seq": seq, **{name: getattr(a, name) for name in _FIELDS}} for seq, a in enumerate(sample_articles[:20])]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    out = coder(pa.Table.from_pylist(rows))
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime == before, "the actor forked parser processes"
    assert sorted(out["seq"]) == list(range(20))
