"""``modelsuite stats [--json]``: the plan's registry_stats."""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from modelsuite.cli._output import print_json, print_table

CAPABILITY_NAMES = ("vision", "tools", "json_mode", "structured_output", "thinking", "caching")


def compute_stats() -> dict[str, Any]:
    """Return counts by category, provider, capability, quality, kind and status."""
    import modelsuite

    models = modelsuite.get_all_models()
    by_provider: Counter[str] = Counter(m.provider for m in models)
    caps = {n: sum(1 for m in models if getattr(m.capabilities, n)) for n in CAPABILITY_NAMES}
    return {
        "registry_version": modelsuite.REGISTRY_VERSION,
        "total": len(models),
        "providers": len(by_provider),
        "by_category": dict(modelsuite.DATA_SOURCES),
        "by_provider": dict(sorted(by_provider.items(), key=lambda kv: (-kv[1], kv[0]))),
        "by_capability": caps,
        "by_quality": dict(Counter(m.quality for m in models).most_common()),
        "by_kind": dict(Counter(m.kind for m in models).most_common()),
        "by_status": dict(Counter(m.status for m in models).most_common()),
        "priced": sum(1 for m in models if m.pricing.input_per_1m is not None),
    }


def register(sub: Any) -> None:
    """Add the ``stats`` command."""
    p = sub.add_parser("stats", help="counts by category, provider, capability and quality")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print registry statistics."""
    s = compute_stats()
    if args.json:
        print_json(s)
        return 0
    print(f"registry {s['registry_version']}: {s['total']} offerings from {s['providers']} providers, "
          f"{s['priced']} priced")
    for title, key in (("category", "by_category"), ("capability", "by_capability"), ("quality", "by_quality"),
                       ("kind", "by_kind"), ("status", "by_status")):
        print()
        print_table([title, "models"], [(k, str(v)) for k, v in s[key].items()], right=[1])
    print()
    print_table(["provider", "models"], [(k, str(v)) for k, v in s["by_provider"].items()], right=[1])
    return 0
