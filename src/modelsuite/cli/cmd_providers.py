"""``modelsuite providers [--json]``: every provider with its number of offerings."""

from __future__ import annotations

import argparse
from typing import Any

from modelsuite.cli._output import CliError, print_json, print_table


def register(sub: Any) -> None:
    """Add the ``providers`` command."""
    p = sub.add_parser("providers", help="list providers with their model counts")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def provider_rows() -> list[dict[str, Any]]:
    """Return one summary per provider, sorted by name."""
    import modelsuite

    out = []
    for name in modelsuite.list_providers():
        models = modelsuite.get_models_by_provider(name)
        out.append({
            "provider": name,
            "category": models[0].category if models else "",
            "models": len(models),
            "current": sum(1 for m in models if m.status == "C"),
            "priced": sum(1 for m in models if m.pricing.input_per_1m is not None),
            "updated": max((m.updated for m in models), default=""),
        })  # fmt: skip
    return out


def run(args: argparse.Namespace) -> int:
    """Print the providers."""
    rows = provider_rows()
    if args.json:
        print_json({"count": len(rows), "providers": rows})
        return 0
    if not rows:
        raise CliError("the registry has no providers; run `modelsuite build`", 1)
    print_table(["provider", "category", "models", "current", "priced", "updated"],
                [(r["provider"], r["category"], str(r["models"]), str(r["current"]), str(r["priced"]), r["updated"])
                 for r in rows], right=[2, 3, 4])  # fmt: skip
    print(f"\n{len(rows)} providers, {sum(r['models'] for r in rows)} offerings")
    return 0
