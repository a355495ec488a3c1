#!/usr/bin/env python3
"""Merge the CSVs and regenerate every generated file (the plan's §7.2 script name).

A thin wrapper over ``modelsuite build``: it validates and merges ``data/models`` and writes
``generated/models_data.rs`` together with the files generated from the same data (the runtime's
``src/modelsuite/_data.py``, ``generated/registry.json``, ``data/models/schema.json``,
``docs/providers.md``), so they never disagree. It then refreshes the column table in
``data/models/README.md`` from ``src/modelsuite_tools/schema.py``.

Usage: ``python scripts/generate_rust.py [--check] [--data-dir DIR] [--output-dir DIR]``.
``--check`` writes nothing and exits 1 if a committed file is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main() -> int:
    """Run ``modelsuite build`` with this script's arguments, then the README column table."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from modelsuite.cli import main as cli
    from modelsuite_tools.generate.coverage import update_readme

    args = sys.argv[1:]
    code = cli(["build", *args])
    if code != 0 or "--output-dir" in args or any(a.startswith("--output-dir=") for a in args):
        return code
    if {"-h", "--help"} & set(args):
        return code
    ok, message = update_readme(check="--check" in args)
    print(message, file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
