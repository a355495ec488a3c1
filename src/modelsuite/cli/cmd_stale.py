"""``modelsuite stale --days N``: rows whose source snapshot (`updated`) is older than N days."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from modelsuite.cli._output import CliError, print_json, print_table


def register(sub: Any) -> None:
    """Add the ``stale`` command."""
    p = sub.add_parser("stale", help="list rows whose `updated` date is older than N days")
    p.add_argument("--days", type=int, required=True, help="age limit in days")
    p.add_argument("--today", help="reference date YYYY-MM-DD (default: today)")
    p.add_argument("--provider", help="only this provider")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--data-dir", type=Path, help="data directory (default: the repository's data/models)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """List the stale rows, oldest first."""
    import datetime as dt

    from modelsuite_tools.csvio import read_csv
    from modelsuite_tools.generate.build import DEFAULT_DATA_DIR
    from modelsuite_tools.merge import csv_files
    from modelsuite_tools.verify import stale_rows

    if args.days < 0:
        raise CliError("--days must be 0 or more", 2)
    try:
        today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    except ValueError:
        raise CliError(f"--today {args.today!r} is not a date; write YYYY-MM-DD", 2) from None
    data_dir = Path(args.data_dir) if args.data_dir else DEFAULT_DATA_DIR
    if not data_dir.is_dir():
        raise CliError(f"{data_dir}: data directory not found; pass --data-dir", 2)
    rows: list[dict[str, str]] = []
    for _, path in csv_files(data_dir):
        rows.extend(r.values for r in read_csv(path).rows)
    if args.provider:
        rows = [r for r in rows if r.get("id", "").split("/", 1)[0] == args.provider]
    old = sorted(stale_rows(rows, days=args.days, today=today), key=lambda r: (r.get("updated", ""), r["id"]))
    if args.json:
        print_json([{"id": r["id"], "updated": r.get("updated", ""), "source": r.get("source", "")} for r in old])
        return 0
    print_table(["id", "updated", "source"], [[r["id"], r.get("updated", ""), r.get("source", "")] for r in old])
    print(f"{len(old)} of {len(rows)} rows updated more than {args.days} days before {today.isoformat()}")
    return 0
