"""``modelsuite audit [--json]``: every disagreement between sources, offline and reproducible.

For each offering where sources disagree (price beyond 1%, token limits, capabilities) prints the
offering, the field, each source's value, the chosen value and why (the precedence in
``modelsuite_tools.verify``). Reads only ``data/snapshots`` and the CSVs.
"""

from __future__ import annotations

import argparse
from typing import Any

from modelsuite.cli._output import CliError, print_json
from modelsuite.cli.cmd_import import add_dir_arguments


def register(sub: Any) -> None:
    """Add the ``audit`` command."""
    p = sub.add_parser("audit", help="list every disagreement between sources and the value chosen")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--field", help="only this field (e.g. input_per_1m, max_context, caps)")
    p.add_argument("--provider", help="only offerings of this provider")
    p.add_argument("--largest", type=int, metavar="N", help="only the N largest relative price disagreements")
    add_dir_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the disagreements."""
    from modelsuite.cli.cmd_import import reconciled
    from modelsuite_tools.verify import PRICE_FIELDS

    data_dir, res = reconciled(args)
    items = res.disagreements
    from modelsuite_tools.schema import COLUMN_NAMES

    if args.field and args.field not in COLUMN_NAMES:
        raise CliError(f"unknown --field {args.field!r}; use a column name such as input_per_1m, max_context, caps", 2)
    from modelsuite_tools.merge import csv_files

    if args.provider and args.provider not in {path.stem for _, path in csv_files(data_dir)}:
        raise CliError(f"unknown --provider {args.provider!r}; see `modelsuite providers`", 2)
    if args.field:
        items = [d for d in items if d.field == args.field]
    if args.provider:
        items = [d for d in items if d.offering.split("/", 1)[0] == args.provider]
    if args.largest is not None:
        items = sorted((d for d in items if d.field in PRICE_FIELDS), key=lambda d: (-d.spread(), d.offering))
        items = items[: args.largest]
    if args.json:
        print_json([d.to_dict() for d in items])
        return 0
    for d in items:
        values = ", ".join(f"{src}={val or '-'}" for src, val in d.values.items())
        print(f"{d.offering}  {d.field}: {values} -> {d.chosen or '-'} ({d.reason})")
    print(f"{len(items)} disagreements")
    return 0

