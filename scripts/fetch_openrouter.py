#!/usr/bin/env python3
"""Fetch the openrouter model list into its CSV (the plan's script name): ``modelsuite fetch openrouter``.

Usage: ``python scripts/fetch_openrouter.py [--output PATH] [--from-file PATH] [--dry-run] [--date YYYY-MM-DD]
[--allow-shrink] [--verbose]``. Needs the tools extra: pip install 'modelsuite-registry[tools]'.
Works from a plain checkout too: this repository's ``src`` is put first on the import path.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main() -> int:
    """Run ``modelsuite fetch openrouter`` with this script's arguments."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from modelsuite.cli import main as cli

    return cli(["fetch", "openrouter", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
