#!/usr/bin/env python3
"""Validate every CSV under data/models (the plan's §7.2 script name): ``modelsuite validate``.

Usage: ``python scripts/validate_models.py [--data-dir DIR] [--warnings] [--duplicates]``.
Prints ``file:line: column: problem, fix`` for each error and exits 1 if there is any.
Works from a plain checkout too: this repository's ``src`` is put first on the import path.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main() -> int:
    """Run ``modelsuite validate`` with this script's arguments."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from modelsuite.cli import main as cli

    return cli(["validate", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
