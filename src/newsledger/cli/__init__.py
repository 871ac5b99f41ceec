"""Command line: a thin layer over the function API (ingest, Pipeline, evaluation).

JSON Lines on stdout; errors one line each on stderr; progress on stderr only when it is
a terminal. Exit codes: 0 ok, 1 some inputs failed (or a quality gate failed), 2 usage.
"""

from __future__ import annotations

import click


@click.group()
@click.version_option(package_name="newsledger")
def main() -> None:
    """newsledger: news articles in, auditable PLOVER/CAMEO event records out."""


# the commands register themselves on `main` when their modules load
from newsledger.cli import coding, ledger  # noqa: E402,F401
