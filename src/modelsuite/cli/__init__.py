"""The ``modelsuite`` command line.

Each ``cmd_<name>.py`` module in this package is one command: it defines ``register(subparsers)``,
which adds its parser and sets ``func`` to a handler ``(args) -> int``. Commands are found by
name, so adding a command is adding one file. Exit codes: 0 ok, 1 not found or bad data,
2 usage error. A user's mistake never shows a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from modelsuite.cli._output import CliError, fail

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """Return the parser with every command registered."""
    parser = _Parser(prog="modelsuite", description="LLM models, prices and limits, with sources.")
    parser.add_argument("--version", action="store_true", help="print the package and registry version")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("cmd_"):
            importlib.import_module(f"{__name__}.{info.name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        import modelsuite

        print(f"modelsuite registry {modelsuite.REGISTRY_VERSION} ({modelsuite.MODEL_COUNT} models)")
        return 0
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args))
    except CliError as exc:
        return fail(str(exc), exc.code)
    except KeyboardInterrupt:
        return fail("interrupted", 130)
    except BrokenPipeError:
        return 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
