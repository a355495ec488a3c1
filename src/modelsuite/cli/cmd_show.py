"""``modelsuite show ID [--json]``: one model with every number and its source."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from modelsuite.cli import _output
from modelsuite.cli._output import CliError, fmt_int, print_json, usd

if TYPE_CHECKING:
    from modelsuite._model import ModelInfo


def register(sub: Any) -> None:
    """Add the ``show`` command."""
    p = sub.add_parser("show", help="show one model (id, alias or provider's id)")
    p.add_argument("model", help="full id (anthropic/claude-sonnet-4-5), alias or the provider's own id")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def suggestions(key: str, limit: int = 3) -> list[str]:
    """Return the full ids of models close to a mistyped key."""
    return _output.suggestions(key, limit)


def not_found(key: str) -> CliError:
    """Return the 'not found' error for ``key``, with suggestions."""
    return _output.not_found(key)


def run(args: argparse.Namespace) -> int:
    """Print one model."""
    import modelsuite

    m = modelsuite.get_model_info(args.model)
    if m is None:
        raise not_found(args.model)
    if args.json:
        print_json(m.to_dict())
        return 0
    p, c, b = m.pricing, m.capabilities, m.benchmarks
    lines = [
        ("id", m.id),
        ("name", m.name),
        ("alias", m.alias or "-"),
        ("provider", f"{m.provider} ({m.category})"),
        ("status", _status_text(m)),
        ("kind", m.kind),
        ("input / 1M", f"{usd(p.input_per_1m)}"),
        ("output / 1M", f"{usd(p.output_per_1m)}"),
        ("cached input / 1M", f"{usd(p.cached_input_per_1m)}"),
        ("cache write / 1M", f"{usd(p.cache_write_per_1m)}"),
    ]
    if p.batch_input_per_1m is not None or p.batch_output_per_1m is not None:
        lines.append(("batch in/out / 1M", f"{usd(p.batch_input_per_1m)} / {usd(p.batch_output_per_1m)}"))
    for t in p.tiers:
        lines.append((f"above {t.above_tokens:,} tok", f"{usd(t.input_per_1m)} in / "
                      f"{usd(t.output_per_1m)} out / {usd(t.cached_input_per_1m)} cached"))
    flags = [n for n, on in (("vision", c.vision), ("tools", c.tools), ("json", c.json_mode),
                             ("structured output", c.structured_output), ("thinking", c.thinking),
                             ("caching", c.caching)) if on]
    lines += [
        ("context", f"{fmt_int(c.max_context)} tokens"),
        ("max output", f"{fmt_int(c.max_output)} tokens"),
        ("capabilities", ", ".join(flags) or "-"),
    ]
    if c.input_modalities:
        lines.append(("modalities", "+".join(c.input_modalities) + " -> " + "+".join(c.output_modalities)))
    scores = [(k, getattr(b, k)) for k in ("mmlu", "humaneval", "math", "gpqa", "swe_bench", "ifeval", "mmmu",
                                          "mgsm", "ttft_ms", "tps")]
    known = [f"{k} {v:g}" for k, v in scores if v is not None] + [f"{k} {v:g}" for k, v in b.extra]
    if known:
        lines.append(("benchmarks", ", ".join(known)))
    if m.base_model:
        lines.append(("base model", m.base_model))
    from modelsuite import offerings

    others = len(offerings(m)) - 1
    if others > 0:
        lines.append(("also offered by", f"{others} other offering{'s' if others != 1 else ''} "
                      f"(`modelsuite offerings {m.id}`)"))  # fmt: skip
    if m.description:
        lines.append(("description", m.description))
    lines += [
        ("source", m.source + (f" ({m.source_url})" if m.source_url else "")),
        ("quality", m.quality),
        ("updated", m.updated),
    ]
    if m.notes:
        lines.append(("notes", m.notes))
    width = max(len(k) for k, _ in lines)
    for k, v in lines:
        print(f"{k.ljust(width)}  {v}")
    return 0


def _status_text(m: ModelInfo) -> str:
    """Return the status as the source states it, and whether its retirement date has passed since."""
    import datetime as dt

    text: str = {"C": "current", "L": "legacy", "D": "deprecated"}.get(m.status, m.status)
    if not m.deprecation_date:
        return text
    if m.status != "D" and m.deprecation_date < dt.date.today().isoformat():
        return f"{text} on {m.updated}; its retirement date {m.deprecation_date} has passed since"
    return f"{text}, {'retired' if m.status == 'D' else 'retires'} {m.deprecation_date}"
