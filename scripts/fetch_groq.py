#!/usr/bin/env python3
"""Fetch the groq model list into its CSV (the plan's script name): ``modelsuite fetch groq``.

Usage: ``python scripts/fetch_groq.py [--output PATH] [--from-file PATH] [--dry-run] [--date YYYY-MM-DD]
[--allow-shrink] [--verbose]``. Needs the tools extra: pip install 'modelsuite-registry[tools]'.
Works from a plain checkout too: this repository's ``src`` is put first on the import path.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main() -> int:
    """Run ``modelsuite fetch groq`` with this script's arguments."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from modelsuite.cli import main as cli

    return cli(["fetch", "groq", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
