"""``modelsuite list [FILTERS]`` and ``modelsuite search WORDS [FILTERS]``: find models.

Both take the filters of :func:`modelsuite.find_models`; ``search`` also matches free text over
id, name, alias and description.
"""

from __future__ import annotations

import argparse
from decimal import Decimal, InvalidOperation
from typing import Any

from modelsuite.cli._output import CliError, fmt_int, fmt_money, print_json, print_table

_FLAGS = (
    ("vision", "vision", "image input"),
    ("tools", "tools", "tool / function calling"),
    ("json-mode", "json_mode", "JSON mode"),
    ("structured-output", "structured_output", "structured (schema) output"),
    ("thinking", "thinking", "extended thinking / reasoning"),
    ("caching", "caching", "prompt caching"),
)


def price_arg(text: str) -> Decimal:
    """Parse a USD-per-1M price given on the command line."""
    try:
        d = Decimal(text.strip().lstrip("$"))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not a price: {text!r}") from None
    if not d.is_finite() or d < 0:
        raise argparse.ArgumentTypeError(f"not a price >= 0: {text!r}")
    return d


def tokens_arg(text: str) -> int:
    """Parse a token count: ``128000``, ``128_000``, ``128k``, ``1M``, ``1.5m``."""
    t = text.strip().lower().replace("_", "").replace(",", "")
    scale = 1
    if t.endswith("k"):
        t, scale = t[:-1], 1000
    elif t.endswith("m"):
        t, scale = t[:-1], 1_000_000
    try:
        value = Decimal(t) * scale
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not a token count: {text!r}") from None
    if not value.is_finite() or value < 0 or value != value.to_integral_value():
        raise argparse.ArgumentTypeError(f"not a whole token count >= 0: {text!r}")
    return int(value)


def add_filters(p: argparse.ArgumentParser) -> None:
    """Add the find_models filters, sorting, limit and --json to ``p``."""
    g = p.add_argument_group("filters")
    g.add_argument("--provider", "-p", action="append", help="provider name (repeat or comma-separate)")
    g.add_argument("--category", action="append", help="core, regional, specialized, aggregators, community")
    for flag, dest, what in _FLAGS:
        g.add_argument(f"--{flag}", dest=dest, action=argparse.BooleanOptionalAction, default=None,
                       help=f"require (or with --no-{flag} exclude) {what}")  # fmt: skip
    g.add_argument("--min-context", type=tokens_arg, metavar="TOKENS", help="context window at least (e.g. 128k)")
    g.add_argument("--min-output", type=tokens_arg, metavar="TOKENS", help="max output at least")
    g.add_argument("--max-input-price", type=price_arg, metavar="USD", help="input price per 1M at most")
    g.add_argument("--max-output-price", type=price_arg, metavar="USD", help="output price per 1M at most")
    g.add_argument("--status", action="append", help="current, legacy or deprecated (C, L, D)")
    g.add_argument("--kind", action="append", help="chat, embedding, image, … (repeat or comma-separate)")
    g.add_argument("--quality", action="append", help="data quality: verified, partial, estimated, unknown")
    g.add_argument("--min-score", type=float, metavar="SCORE", help="mean benchmark score at least (0-100)")
    g.add_argument("--base-model", help="offerings of this underlying model")
    g.add_argument("--classifier", dest="can_classify", action=argparse.BooleanOptionalAction, default=None,
                   help="suited as a cheap classifier / router")  # fmt: skip
    p.add_argument("--sort", metavar="KEY", help="id, name, provider, input_price, output_price, price, context, "
                   "max_output, updated, score, value; prefix - (as --sort=-context) to reverse")  # fmt: skip
    p.add_argument("--desc", action="store_true", help="sort descending")
    p.add_argument("--limit", "-n", type=int, metavar="N", help="show at most N models")
    p.add_argument("--json", action="store_true", help="print JSON")


def register(sub: Any) -> None:
    """Add the ``list`` and ``search`` commands."""
    p = sub.add_parser("list", help="list models matching filters (capabilities, context, price, …)")
    add_filters(p)
    p.set_defaults(func=run)
    s = sub.add_parser("search", help="search id, name, alias and description (plus the list filters)")
    s.add_argument("words", nargs="+", help="words that must all occur")
    add_filters(s)
    s.set_defaults(func=run)


def query_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    """Return find_models keyword arguments from parsed options."""
    kw: dict[str, Any] = {
        "provider": args.provider,
        "category": args.category,
        "min_context": args.min_context,
        "min_output": args.min_output,
        "max_input_price": args.max_input_price,
        "max_output_price": args.max_output_price,
        "status": args.status,
        "kind": args.kind,
        "quality": args.quality,
        "min_quality_score": args.min_score,
        "base_model": args.base_model,
        "can_classify": args.can_classify,
        "sort_by": args.sort,
        "descending": args.desc,
    }
    for _, dest, _ in _FLAGS:
        kw[dest] = getattr(args, dest)
    if getattr(args, "words", None):
        kw["text"] = " ".join(args.words)
    return kw


def run(args: argparse.Namespace) -> int:
    """Print the matching models; exit 1 when none matches."""
    from modelsuite import find_models, quality_score

    if args.limit is not None and args.limit < 0:
        raise CliError("--limit must be >= 0", 2)
    try:
        models = find_models(**query_kwargs(args))
    except ValueError as exc:  # an unknown --sort key or --status value: a usage error
        raise CliError(str(exc), 2) from None
    total = len(models)
    if args.limit is not None:
        models = models[: args.limit]
    if args.json:
        print_json({"count": total, "shown": len(models), "models": [m.to_dict() for m in models]})
        return 0 if models else 1
    if not models:
        raise CliError("no model matches; loosen the filters (`modelsuite list --help`)", 1)
    rows = []
    for m in models:
        score = quality_score(m)
        rows.append((m.id, m.status, fmt_money(m.pricing.input_per_1m), fmt_money(m.pricing.output_per_1m),
                     fmt_int(m.capabilities.max_context), fmt_int(m.capabilities.max_output), m.caps or "-",
                     "-" if score is None else f"{score:.1f}", m.name))  # fmt: skip
    print_table(["id", "st", "in $/1M", "out $/1M", "context", "max out", "caps", "score", "name"], rows,
                right=[2, 3, 4, 5, 7], shrink=[8])  # fmt: skip
    more = f" (showing {len(models)})" if len(models) < total else ""
    print(f"\n{total} model{'s' if total != 1 else ''}{more}")
    return 0
