"""``modelsuite validate [--data-dir DIR]``: check every CSV; ``file:line: column: problem, fix``."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    """Add the ``validate`` command."""
    p = sub.add_parser("validate", help="validate the CSV files under data/models")
    p.add_argument("--data-dir", help="data directory (default: the repository's data/models)")
    p.add_argument("--warnings", action="store_true", help="list every warning, not only their count")
    p.add_argument("--duplicates", action="store_true", help="list models offered by several providers")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Validate and report; exit 1 on any error."""
    import datetime as dt

    from modelsuite_tools.generate.build import DEFAULT_DATA_DIR
    from modelsuite_tools.merge import load_registry

    reg = load_registry(args.data_dir or DEFAULT_DATA_DIR, today=dt.date.today())
    rep = reg.report
    for problem in rep.errors:
        print(problem, file=sys.stderr)
    if args.warnings:
        for problem in rep.warnings:
            print(f"warning: {problem}", file=sys.stderr)
    if args.duplicates:
        for key, ids in rep.cross_provider:
            print(f"{key}: {' '.join(ids)}")
    status = "FAILED" if rep.errors else "ok"
    print(f"validate {status}: {len(reg.rows)} rows in {len(reg.files)} files, {len(rep.errors)} errors, "
          f"{len(rep.warnings)} warnings, {len(rep.cross_provider)} models offered by several providers",
          file=sys.stderr if rep.errors else sys.stdout)
    return 1 if rep.errors else 0
