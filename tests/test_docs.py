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
