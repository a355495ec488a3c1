"""``modelsuite cost MODEL --input N --output N [--cached N] [--cache-write N] [--batch]``: exact cost."""

from __future__ import annotations

import argparse
from typing import Any

from modelsuite.cli._output import CliError, fmt_money, print_json, print_table, resolve
from modelsuite.cli.cmd_list import tokens_arg

_LABELS = {"input": "input", "cached_input": "cached input", "cache_write": "cache write", "output": "output"}


def register(sub: Any) -> None:
    """Add the ``cost`` command."""
    p = sub.add_parser("cost", help="exact USD cost of a request (tiers, caching, batch)")
    p.add_argument("model", help="id, alias or the provider's own id")
    p.add_argument("--input", "-i", type=tokens_arg, default=0, metavar="TOKENS",
                   help="uncached input tokens (e.g. 300k, 1M)")  # fmt: skip
    p.add_argument("--output", "-o", type=tokens_arg, default=0, metavar="TOKENS", help="output tokens")
    p.add_argument("--cached", type=tokens_arg, default=0, metavar="TOKENS", help="cached (cache-read) input tokens")
    p.add_argument("--cache-write", type=tokens_arg, default=0, metavar="TOKENS", help="tokens written to the cache")
    p.add_argument("--batch", action="store_true", help="use batch-API prices")
    p.add_argument("--long-context", action="store_true",
                   help="the request uses an opt-in extended context window (its long-context prices)")  # fmt: skip
    p.add_argument("--json", action="store_true", help="print JSON (amounts as decimal strings)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the itemized cost; exit 1 when the model or a needed price is unknown."""
    from modelsuite import PriceUnknownError, cost_breakdown

    m = resolve(args.model)
    try:
        est = cost_breakdown(m, args.input, args.output, args.cached, args.cache_write, args.batch,
                             long_context=args.long_context)  # fmt: skip
    except PriceUnknownError as exc:
        raise CliError(str(exc), 1) from None
    if args.json:
        print_json({
            "model": est.model_id,
            "total_usd": str(est.total),
            "batch": est.batch,
            "tier_above_tokens": est.tier_above_tokens,
            "lines": [{"kind": ln.kind, "tokens": ln.tokens,
                       "per_1m": None if ln.per_1m is None else str(ln.per_1m), "cost_usd": str(ln.cost)}
                      for ln in est.lines],
        })  # fmt: skip
        return 0
    mode = " (batch)" if est.batch else ""
    tier = f", long-context rates above {est.tier_above_tokens:,} prompt tokens" if est.tier_above_tokens else ""
    print(f"{est.model_id}{mode}{tier}")
    rows = [(_LABELS[ln.kind], f"{ln.tokens:,}", f"${fmt_money(ln.per_1m)}", f"${fmt_money(ln.cost)}")
            for ln in est.lines if ln.tokens]  # fmt: skip
    rows.append(("total", "", "", f"${fmt_money(est.total)}"))
    print_table(["", "tokens", "per 1M", "cost"], rows, right=[1, 2, 3])
    return 0
