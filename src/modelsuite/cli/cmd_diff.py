"""``modelsuite diff OLD [NEW] [--json | --markdown]``: what changed between two registry builds.

OLD and NEW are each a ``registry.json`` export, a built ``_data.py``, a data directory or a git
revision of the data (``HEAD~1``, a tag). NEW defaults to the working tree's ``data/models``.
"""

from __future__ import annotations

import argparse
from typing import Any

from modelsuite.cli._output import CliError, print_json, print_table


def register(sub: Any) -> None:
    """Add the ``diff`` command."""
    p = sub.add_parser("diff", help="models added, removed, deprecated, and every price/limit change")
    p.add_argument("old", help="registry.json, _data.py, data directory or git revision (e.g. HEAD~1)")
    p.add_argument("new", nargs="?", help="the same kinds (default: the working tree's data directory)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON")
    out.add_argument("--markdown", action="store_true", help="print a markdown summary (pull-request body)")
    p.add_argument("--repo", help="git repository for revisions (default: the one containing the current folder)")
    p.add_argument("--data-path", default="data/models", help="data folder inside the repository (default data/models)")
    p.add_argument("--max-rows", type=int, default=100, metavar="N", help="markdown: rows per section (default 100)")
    p.add_argument("--exit-code", action="store_true", help="exit 3 when there are differences (like git diff)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the differences."""
    from modelsuite_tools.diff import DiffError, change_rows, diff_models, load_side, render_markdown, show_value
    from modelsuite_tools.generate.build import DEFAULT_DATA_DIR

    if args.max_rows < 1:
        raise CliError("--max-rows must be >= 1", 2)
    new_spec = args.new or str(DEFAULT_DATA_DIR)
    try:
        old = load_side(args.old, repo=args.repo, data_path=args.data_path)
        new = load_side(new_spec, repo=args.repo, data_path=args.data_path,
                        label=None if args.new else "working tree")  # fmt: skip
    except DiffError as exc:
        raise CliError(str(exc), 1) from None
    d = diff_models(old, new)
    status = 3 if args.exit_code and not d.empty else 0
    if args.json:
        print_json(d.to_dict())
        return status
    if args.markdown:
        print(render_markdown(d, max_rows=args.max_rows), end="")
        return status
    s = d.summary()
    print(f"{d.old_label} ({d.old_version or '?'}, {d.old_count} models) -> "
          f"{d.new_label} ({d.new_version or '?'}, {d.new_count} models)")  # fmt: skip
    print(", ".join(f"{v} {k.replace('_', ' ')}" for k, v in s.items()))
    for title, models in (("added", d.added), ("removed", d.removed)):
        if models:
            print(f"\n{title}:")
            print_table(["id", "status", "in $/1M", "out $/1M", "context"],
                        [(m["id"], m.get("status", ""), show_value(m["pricing"]["input_per_1m"]),
                          show_value(m["pricing"]["output_per_1m"]),
                          show_value(m["capabilities"]["max_context"])) for m in models], right=[2, 3, 4])  # fmt: skip
    for title, group in (("status", "status"), ("prices", "price"), ("limits", "limit"),
                         ("capabilities", "capability")):  # fmt: skip
        changes = d.of_group(group)
        if changes:
            print(f"\n{title}:")
            print_table(["id", "field", "old", "new", "change"], change_rows(changes), right=[2, 3, 4])
    return status
