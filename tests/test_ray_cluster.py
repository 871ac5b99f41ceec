"""Two Ray nodes on one machine: a head and a second node with its own CPU, each its own
raylet process (ray.cluster_utils.Cluster, what `ray start --head` and `ray start
--address` set up). The CLI joins with --address, as on a real cluster, and both nodes
must code a share of the articles while the ledger stays what the local engine stores.
Ray joins a cluster through the machine's own address (it replaces 127.0.0.1 by it), so
the nodes listen there; nothing leaves the machine."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import SAMPLE

ray = pytest.importorskip("ray", reason="the Ray extra is not installed (pip install 'newsledger[ray]')")

from test_engines import TABLES, _ledger_rows  # noqa: E402  (after the skip: it imports ray too)


@pytest.fixture(scope="module")
def two_nodes():
    from ray.cluster_utils import Cluster

    if ray.is_initialized():
        ray.shutdown()
    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 1, "include_dashboard": False})
    cluster.add_node(num_cpus=1)
    cluster.wait_for_nodes()
    yield cluster
    cluster.shutdown()


def test_a_two_node_cluster_codes_a_share_on_each_node_into_the_same_ledger(two_nodes, run_cli, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SAMPLE / "wire.jsonl", corpus / "wire.jsonl")
    summaries = {}
    for engine in ("local", "ray"):
        args = ["ingest", str(corpus), "--db", str(tmp_path / f"{engine}.duckdb"), "--quiet"]
        if engine == "ray":
            args += ["--engine", "ray", "--address", two_nodes.address, "--workers", "2"]
        done = run_cli(*args)
        assert done.returncode == 0, done.stderr.decode()
        summaries[engine] = json.loads(done.stdout.decode().strip().splitlines()[-1])
    nodes = summaries["ray"]["coded_on"]
    assert len(nodes) == 2, nodes  # both nodes coded
    assert all(n > 0 for n in nodes.values()) and sum(nodes.values()) == summaries["local"]["articles"] > 0
    local, distributed = _ledger_rows(tmp_path / "local.duckdb"), _ledger_rows(tmp_path / "ray.duckdb")
    for table in TABLES:
        assert distributed[table] == local[table], table
