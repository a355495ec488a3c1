"""The shared body of the plan's ``scripts/fetch_<source>.py`` wrappers: ``modelsuite fetch <source> ARGS``.

Each wrapper calls :func:`run` with its source name. Arguments are passed through unchanged:
``[--output PATH] [--dry-run] [--allow-shrink] [--verbose] [--date YYYY-MM-DD]
[--from-file PATH --date YYYY-MM-DD]``. A live fetch stamps today's date on the rows; a replay of
a saved response (``--from-file``) must give the snapshot's date with ``--date``.
Needs the tools extra: pip install 'modelsuite-registry[tools]'. Works from a plain checkout too:
this repository's ``src`` is put first on the import path.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path


def run(source: str, argv: Sequence[str] | None = None) -> int:
    """Run ``modelsuite fetch <source>`` with ``argv`` (default: the script's command-line arguments)."""
    src = str(Path(__file__).resolve().parents[1] / "src")
    if src not in sys.path:
        sys.path.insert(0, src)
    from modelsuite.cli import main as cli

    return cli(["fetch", source, *(sys.argv[1:] if argv is None else argv)])
