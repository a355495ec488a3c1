"""``modelsuite offerings MODEL``: every provider's offering of the same model, cheapest first."""

from __future__ import annotations

import argparse
from typing import Any

from modelsuite.cli._output import fmt_int, fmt_money, print_json, print_table, resolve
from modelsuite.cli.cmd_list import price_arg


def register(sub: Any) -> None:
    """Add the ``offerings`` command."""
    p = sub.add_parser("offerings", help="every provider offering the same model, cheapest first")
    p.add_argument("model", help="id, alias or the provider's own id")
    p.add_argument("--input-weight", type=price_arg, default=1, metavar="W",
                   help="weight of the input price in the ranking (default 1)")  # fmt: skip
    p.add_argument("--output-weight", type=price_arg, default=1, metavar="W",
                   help="weight of the output price in the ranking (default 1)")  # fmt: skip
    p.add_argument("--no-deprecated", action="store_true", help="leave out deprecated offerings")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the offerings, cheapest first."""
    from modelsuite import blended_price, offerings
    from modelsuite.query import link_key

    m = resolve(args.model)
    found = offerings(m, input_weight=args.input_weight, output_weight=args.output_weight,
                      include_deprecated=not args.no_deprecated)  # fmt: skip
    ranked = [(o, blended_price(o, args.input_weight, args.output_weight)) for o in found]
    if args.json:
        print_json({
            "model": m.id,
            "link": link_key(m),
            "input_weight": str(args.input_weight),
            "output_weight": str(args.output_weight),
            "offerings": [{"id": o.id, "provider": o.provider, "status": o.status,
                           "input_per_1m": o.pricing.input_per_1m, "output_per_1m": o.pricing.output_per_1m,
                           "cached_input_per_1m": o.pricing.cached_input_per_1m,
                           "weighted_price": price, "max_context": o.capabilities.max_context,
                           "max_output": o.capabilities.max_output, "source": o.source, "quality": o.quality,
                           "updated": o.updated} for o, price in ranked],
        })  # fmt: skip
        return 0
    rows = [(str(n), o.id, fmt_money(o.pricing.input_per_1m), fmt_money(o.pricing.output_per_1m),
             fmt_money(o.pricing.cached_input_per_1m), fmt_int(o.capabilities.max_context), o.status,
             o.source, o.updated) for n, (o, _) in enumerate(ranked, 1)]  # fmt: skip
    print(f"{len(ranked)} offering{'s' if len(ranked) != 1 else ''} of {link_key(m)} (cheapest first)")
    print_table(["#", "id", "in $/1M", "out $/1M", "cached", "context", "st", "source", "updated"], rows,
                right=[0, 2, 3, 4, 5], shrink=[7])  # fmt: skip
    return 0
