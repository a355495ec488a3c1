"""``modelsuite site --output DIR``: generate the static catalog site from the installed registry."""

from __future__ import annotations

import argparse
from typing import Any

from modelsuite.cli._output import CliError


def register(sub: Any) -> None:
    """Add the ``site`` command."""
    p = sub.add_parser("site", help="generate the static catalog site (HTML/CSS/JS, works offline)")
    p.add_argument("--output", "-o", required=True, metavar="DIR", help="folder to write the site into")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Write the site; print what was written."""
    from modelsuite_tools.site import SiteError, build_site

    try:
        result = build_site(args.output)
    except SiteError as exc:
        raise CliError(str(exc), 1) from None
    sizes = ", ".join(f"{name} {size:,} B" for name, size in result.files.items())
    print(
        f"site: {result.models} offerings (registry {result.version or '?'}) -> {result.output}; "
        f"{len(result.written)} written, {len(result.files) - len(result.written)} unchanged ({sizes})"
    )
    return 0
