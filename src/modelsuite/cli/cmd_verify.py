"""``modelsuite verify [--write] [--json]``: reconcile every source offline and grade each row.

Compares the committed catalog snapshots, the curated official-page observations and the provider-API
CSVs (see ``modelsuite_tools.verify`` for the precedence), prints the verified share and the agreement
rate of each pair of sources; ``--write`` applies the result to the CSVs (run it after every
``modelsuite fetch``: it annotates the fetched files without overriding API values, idempotently).
"""

from __future__ import annotations

import argparse
from typing import Any

from modelsuite.cli._output import CliError, print_json
from modelsuite.cli.cmd_import import add_dir_arguments


def register(sub: Any) -> None:
    """Add the ``verify`` command."""
    p = sub.add_parser("verify", help="cross-check every source; --write updates quality/source in the CSVs")
    p.add_argument("--write", action="store_true", help="write the reconciled rows (guarded, idempotent)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    add_dir_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Reconcile; print the summary; optionally write."""
    from modelsuite.cli.cmd_import import reconciled
    from modelsuite_tools.importers.base import CatalogError
    from modelsuite_tools.verify import summary, write_result

    data_dir, res = reconciled(args)
    try:
        changed = write_result(data_dir, res, dry_run=not args.write)
    except CatalogError as exc:
        raise CliError(str(exc)) from None
    info = summary(res)
    info["files changed" if args.write else "files that --write would change"] = changed
    if args.json:
        print_json(info)
        return 0
    print(f"{info['rows']} rows, {info['verified']} verified ({info['verified_share']}%), "
          f"{info['disagreements']} disagreements")
    print("agreement within 1% on input and output price, per pair of sources:")
    for pair in info["agreement"]:
        print(f"  {pair['a']} ~ {pair['b']}: {pair['agree']}/{pair['shared']} ({pair['rate']}%)")
    what = "changed" if args.write else "would change with --write"
    print(f"{len(changed)} files {what}")
    return 0
