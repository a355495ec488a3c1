#!/usr/bin/env python3
"""Merge every CSV under data/models into one registry (the plan's §7.2 script name).

Without ``--output`` it prints the merged registry's summary: offerings per category and
provider, lookup keys, and how many models several providers offer. With ``--output FILE`` it
writes the registry's JSON export there (the same text as ``generated/registry.json``; written
atomically, and nothing is written when the data has an error).

Usage: ``python scripts/merge_models.py [--data-dir DIR] [--output FILE]``.
The merge itself is ``modelsuite_tools.merge.load_registry``, the one ``modelsuite build`` uses.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """Merge, then print the summary or write the JSON export; return the exit code."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from modelsuite_tools.atomic import atomic_write_text
    from modelsuite_tools.generate.build import DEFAULT_DATA_DIR, make_stamp
    from modelsuite_tools.generate.json_export import render_json
    from modelsuite_tools.merge import load_registry
    from modelsuite_tools.schema import provider_of

    parser = argparse.ArgumentParser(prog="merge_models.py", description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", help="data directory (default: the repository's data/models)")
    parser.add_argument("--output", metavar="FILE", help="write the merged registry as JSON to FILE")
    args = parser.parse_args(argv)

    base = Path(args.data_dir) if args.data_dir else DEFAULT_DATA_DIR
    reg = load_registry(base, today=dt.date.today())
    if reg.report.errors:
        for problem in reg.report.errors:
            print(problem, file=sys.stderr)
        print(f"merge FAILED: {len(reg.report.errors)} errors; nothing was written", file=sys.stderr)
        return 1
    stamp = make_stamp(reg, base)
    if args.output:
        try:
            atomic_write_text(args.output, render_json(reg, stamp))
        except OSError as exc:
            print(f"merge_models.py: error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"wrote {len(reg.rows)} models (registry {stamp.version}) to {args.output}")
        return 0
    providers = Counter(provider_of(r["id"]) for r in reg.rows)
    print(
        f"merged registry {stamp.version}: {len(reg.rows)} offerings from {len(providers)} providers "
        f"in {stamp.files} files; {len(reg.keys)} lookup keys; "
        f"{len(reg.report.cross_provider)} models offered by several providers"
    )
    for category, count in reg.counts_by_category().items():
        print(f"  {category:<12} {count:>6}")
    for provider, count in sorted(providers.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"    {provider:<24} {count:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
