"""``modelsuite build [--data-dir DIR] [--output-dir DIR] [--check]``: generate every target.

The targets are replaced together or not at all (see :mod:`modelsuite_tools.generate.build`); a
target that cannot be written is one line, ``modelsuite: error: cannot write PATH: reason``, exit 1.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from modelsuite.cli._output import CliError


def register(sub: Any) -> None:
    """Add the ``build`` command."""
    p = sub.add_parser("build", help="validate, merge and generate the Python module, Rust file and JSON")
    p.add_argument("--data-dir", help="data directory (default: the repository's data/models)")
    p.add_argument("--output-dir", help="write every target into this folder instead of its committed place")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 if a committed file is stale")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Build (or check) the generated files."""
    from modelsuite_tools.generate import build, default_targets

    start = time.perf_counter()
    targets = default_targets(args.output_dir) if args.output_dir else None
    try:
        result = build(args.data_dir, targets, check_only=args.check)
    except OSError as exc:
        from modelsuite_tools.generate.build import BuildWriteError

        verb = "write" if isinstance(exc, BuildWriteError) else "read"
        where = exc.filename if exc.filename is not None else (args.output_dir or args.data_dir or "the data")
        raise CliError(f"cannot {verb} {where}: {exc.strerror or exc}") from None
    elapsed = time.perf_counter() - start
    if result.errors:
        for problem in result.errors:
            print(problem, file=sys.stderr)
        print(f"build FAILED: {len(result.errors)} errors; nothing was generated", file=sys.stderr)
        return 1
    if args.check and result.drifted:
        for path in result.drifted:
            print(f"{path}: out of date; run `modelsuite build` and commit the result", file=sys.stderr)
        return 1
    n = len(result.registry.rows)
    version = result.stamp.version if result.stamp else "?"
    print(f"build ok: {n} models, version {version}, {len(result.written)} written, "
          f"{len(result.unchanged)} unchanged, {elapsed:.2f}s")
    return 0
