#!/usr/bin/env python3
"""Fetch the openrouter model list into its CSV (the plan's script name): ``modelsuite fetch openrouter``.

Usage: ``python scripts/fetch_openrouter.py [--output PATH] [--dry-run] [--allow-shrink] [--verbose]``
for a live fetch (rows dated today), or ``... --from-file PATH --date YYYY-MM-DD`` to replay a saved
response (the date it was fetched is required). See scripts/_fetch_script.py, which all the fetch_*.py scripts share.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _fetch_script import run

if __name__ == "__main__":
    sys.exit(run("openrouter"))
