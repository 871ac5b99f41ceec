"""The README stays true: its two opening commands, and every CLI command documented."""

from __future__ import annotations

import re

from conftest import ROOT
from newsledger.cli import main

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands():
    first_block = re.search(r"```\n(.*?)```", README, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines() if line.strip()]
    assert commands == ["make demo", "make test"]


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_every_command_is_documented():
    for name, command in main.commands.items():
        assert command.help, name
        assert f"newsledger {name}" in README, f"README does not show `newsledger {name}`"


def test_the_limits_table_states_the_limits_the_code_has():
    """Each limit in the README's table is the constant the code enforces, written as the
    table writes it (a changed constant fails here until the README says it)."""
    import inspect

    from newsledger.api import command, ingest
    from newsledger import watch
    from newsledger.ingest import read_inputs
    from newsledger.settings import Settings
    from newsledger.store import filters

    section = README.split("## Limits", 1)[1].split("\n## ", 1)[0]
    rows = {line.split("|")[1].strip(): line for line in section.splitlines() if line.startswith("| ")}
    stated = {
        "one input file, stdin, a fetched feed": [inspect.signature(read_inputs).parameters["max_bytes"].default, watch.MAX_BYTES],
        "one article's text": [Settings().max_chars],
        "`watch --timeout`": [f"{watch.DEFAULT_TIMEOUT:g} s"],
        "values of one many-valued filter (`actor=A,B,...`)": [filters.MAX_VALUES],
        "a page token (`after`)": [filters.MAX_TOKEN_CHARS],
        "`limit` of one page": [filters.MAX_LIMIT],
        "`POST /api/articles` body": [ingest.MAX_BODY_BYTES, f"{ingest.MAX_ARTICLES:,} articles"],
        "POSTs being read or coded at once": [ingest.MAX_POSTS_IN_FLIGHT],
        "DuckDB memory of `newsledger serve`": [f"default {command.SERVER_MEMORY}"],
        "DuckDB threads of `newsledger serve`": [f"default {command.SERVER_THREADS}"],
    }
    for what, values in stated.items():
        assert what in rows, f"the README's limits table has no row {what!r}"
        limit = rows[what].split("|")[2]
        for value in values:
            text = f"{value:,}" if isinstance(value, int) else value
            assert text in limit, f"README says {limit.strip()!r} for {what!r}; the code has {text}"


def test_the_codebook_defines_every_value_a_record_can_carry():
    import yaml

    from newsledger.nlp.ontology import EVENT_TYPES, codebook
    from newsledger.records import RESOLUTIONS

    book = codebook()
    data = ROOT / "src" / "newsledger" / "data"
    triggers = yaml.safe_load((data / "triggers.yaml").read_text(encoding="utf-8"))
    modes = {t["mode"] for t in triggers if t.get("mode")}
    contexts = set(yaml.safe_load((data / "contexts.yaml").read_text(encoding="utf-8")))
    sectors = {line.split("\t")[1] for line in (data / "roles.tsv").read_text(encoding="utf-8").splitlines()[1:] if "\t" in line}
    assert set(book["types"]) == set(EVENT_TYPES)
    assert all(t["definition"] and t["quad"] == EVENT_TYPES[name].quad for name, t in book["types"].items())
    assert modes <= set(book["modes"]), modes - set(book["modes"])
    assert contexts == set(book["contexts"])
    assert set(RESOLUTIONS) == set(book["resolutions"])
    assert sectors <= set(book["sectors"])
    assert set(book["modalities"]) == {"asserted", "negated", "hypothetical", "future", "reported-intent", "historical"}
    assert [book["quad_classes"][q]["name"] for q in ("1", "2", "3", "4")] == [
        "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"]
    words = [len(d.split()) for section in ("modes", "contexts", "modalities", "resolutions", "sectors")
             for d in book[section].values()]
    assert min(words) >= 5 and max(words) <= 40  # a tooltip, not a chapter


def test_the_readme_shows_every_view_of_the_explorer():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    index = (ROOT / "src" / "newsledger" / "web" / "index.html").read_text(encoding="utf-8")
    views = re.findall(r'data-view="([a-z]+)"', index)
    assert len(views) >= 9
    pictures = re.findall(r"!\[[^\]]*\]\((docs/screenshots/[^)]+)\)", readme)
    for view in views:
        assert f"docs/screenshots/view-{view}.jpg" in pictures, view
    for picture in pictures:
        assert (ROOT / picture).is_file() and (ROOT / picture).stat().st_size > 10_000, picture
