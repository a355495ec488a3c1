"""Exact request cost from the registry's prices. Standard library only.

Prices are USD per 1M tokens (``Decimal``); every cost is computed exactly and returned as a
``Decimal``. A price the data does not know is never treated as zero: when a nonzero token count
needs it, :class:`PriceUnknownError` (a ``LookupError``) says which model and which price.

Long-context tiers are applied the way providers bill them: when the prompt (uncached input +
cached input + cache-write tokens) exceeds a tier's threshold, *every* token of the request is
billed at that tier's rates (Gemini 2.5 Pro above 200k prompt tokens).

A tier whose threshold is at or above the model's context window (``max_context``) belongs to an
*extended* context window the caller has to ask the provider for (Claude's 1M-token context is an
opt-in beta; without it a prompt cannot exceed 200k tokens). Such a tier applies only with
``long_context=True``. Token counts are not checked against the context window, so totals
over many requests can be priced too (at the rates of a request of that size).

Example::

    from modelsuite import estimate_cost
    estimate_cost("claude-sonnet-4-5", 1_000_000, 1_000_000)   # Decimal('18') with $3 / $15 prices
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass
from decimal import Decimal

from modelsuite._model import ModelInfo, Pricing
from modelsuite.query import resolve_model

__all__ = ["CostEstimate", "CostLine", "PriceUnknownError", "cost_breakdown", "estimate_cost"]

_MILLION_EXP = -6
_ZERO = Decimal(0)
_ONE = Decimal(1)
#: Enough digits for any token count times any price the schema allows, so nothing is rounded.
_EXACT = decimal.Context(prec=80, rounding=decimal.ROUND_HALF_EVEN, traps=[decimal.InvalidOperation])


class PriceUnknownError(LookupError):
    """The registry does not know a price this estimate needs.

    Recoverable: pass a different model, drop the token kind that needs the missing price (for
    example ``batch=False`` or ``cache_write_tokens=0``), or price it yourself. ``model_id`` and
    ``price`` name what is missing.
    """

    def __init__(self, model_id: str, price: str, detail: str = "") -> None:
        message = f"{model_id}: the {price} price is unknown in the registry"
        super().__init__(message + (f" ({detail})" if detail else "") + "; cannot estimate the cost")
        self.model_id = model_id
        self.price = price


@dataclass(frozen=True, slots=True)
class CostLine:
    """One billed part of a request: tokens times a price per 1M tokens."""

    kind: str  # input | cached_input | cache_write | output
    tokens: int
    per_1m: Decimal | None  # None only when tokens == 0 and the price is unknown
    cost: Decimal


@dataclass(frozen=True, slots=True)
class CostEstimate:
    """The cost of one request, line by line, with the tier and mode that priced it."""

    model_id: str
    lines: tuple[CostLine, ...]
    total: Decimal
    tier_above_tokens: int | None  # the long-context tier applied, if any
    batch: bool


def _count(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} must be >= 0, not {value}")
    return value


#: Prices have at most 12 decimals (the data schema), so price * 10**12 is an integer and a cost in
#: USD is sum(tokens * scaled price) / 10**18, exactly (per 1M tokens: 10**6 more).
_PRICE_SCALE_EXP = 12
_COST_SCALE_EXP = _PRICE_SCALE_EXP + 6
_ScaledRates = tuple[int | None, int | None, int | None, int | None]
#: model id -> (its Pricing, its context window, scaled base rates or None, ((tier threshold, rates), …)):
#: the integer form of the prices estimate_cost() uses, built once per model (checked by identity).
_Plan = tuple[Pricing, int | None, _ScaledRates | None, tuple[tuple[int, _ScaledRates], ...]]
_PLANS: dict[str, _Plan] = {}


def _scaled(price: Decimal | None) -> int | None:
    """Return ``price * 10**12`` as an int (None stays None); raise ValueError if it is not exact."""
    if price is None:
        return None
    scaled = price.scaleb(_PRICE_SCALE_EXP, _EXACT)
    if scaled != scaled.to_integral_value(context=_EXACT):
        raise ValueError("more than 12 decimals")
    return int(scaled)


def _scaled_plan(p: Pricing, window: int | None) -> _Plan:
    """Return the integer price plan of one model: base rates and the tiers that apply without opt-in."""
    try:
        base = (_scaled(p.input_per_1m), _scaled(p.cached_input_per_1m), _scaled(p.cache_write_per_1m),
                _scaled(p.output_per_1m))
        tiers = tuple((t.above_tokens, (_scaled(t.input_per_1m), _scaled(t.cached_input_per_1m), None,
                                        _scaled(t.output_per_1m)))
                      for t in sorted(p.tiers, key=lambda t: t.above_tokens)
                      if window is None or t.above_tokens < window)
    except (ValueError, decimal.InvalidOperation):  # a hand-made ModelInfo with finer prices: Decimal path
        return (p, window, None, ())
    return (p, window, base, tiers)


def _from_scaled(total: int) -> Decimal:
    """Return ``total / 10**18`` as a Decimal without trailing zeros or exponent notation for integers."""
    digits = str(total)
    stripped = digits.rstrip("0")
    zeros = len(digits) - len(stripped)
    if zeros >= _COST_SCALE_EXP or not total:
        return Decimal(digits[: len(digits) - _COST_SCALE_EXP] or "0")
    return Decimal(stripped + _EXPONENTS[zeros])


_EXPONENTS = tuple(f"E-{_COST_SCALE_EXP - z}" for z in range(_COST_SCALE_EXP))


def _clean(d: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (18.000000 -> 18, 20 stays 20)."""
    n = d.normalize(_EXACT)
    return n.quantize(_ONE, context=_EXACT) if n == n.to_integral_value(context=_EXACT) else n


def cost_breakdown(  # noqa: PLR0917 - the documented signature
    model: str | ModelInfo,
    input_tokens: int,
    output_tokens: int,
    cached_input_tokens: int = 0,
    cache_write_tokens: int = 0,
    batch: bool = False,
    *,
    long_context: bool = False,
) -> CostEstimate:
    """Return the itemized cost of one request; see :func:`estimate_cost` for the rules."""
    counts = {
        "input": _count(input_tokens, "input_tokens"),
        "output": _count(output_tokens, "output_tokens"),
        "cached_input": _count(cached_input_tokens, "cached_input_tokens"),
        "cache_write": _count(cache_write_tokens, "cache_write_tokens"),
    }
    m = resolve_model(model)
    p = m.pricing
    prompt = counts["input"] + counts["cached_input"] + counts["cache_write"]
    window = m.capabilities.max_context
    tier = None
    for t in sorted(p.tiers, key=lambda t: t.above_tokens):
        extended = window is not None and t.above_tokens >= window
        if prompt > t.above_tokens and (long_context or not extended):
            tier = t
    extended = tier is not None and window is not None and tier.above_tokens >= window
    if long_context and window is not None and prompt > window and not extended:
        raise PriceUnknownError(m.id, "long-context", f"a prompt of {prompt} tokens exceeds the {window}-token "
                                "context window and the data has no price for an extended context")
    where = f"above {tier.above_tokens} prompt tokens" if tier else ""
    rates: dict[str, tuple[Decimal | None, str, str]]  # kind -> (price, name of the price, detail)
    if batch:
        if tier is not None:
            gap = "batch prices for the long-context tier are not in the data"
            rates = {k: (None, f"batch {k.replace('_', ' ')}", gap) for k in counts}
        else:
            rates = {
                "input": (p.batch_input_per_1m, "batch input", ""),
                "output": (p.batch_output_per_1m, "batch output", ""),
                "cached_input": (None, "batch cached input", "the data has no batch cache-read price"),
                "cache_write": (None, "batch cache write", "the data has no batch cache-write price"),
            }
    elif tier is not None:
        rates = {
            "input": (tier.input_per_1m, "input", where),
            "output": (tier.output_per_1m, "output", where),
            "cached_input": (tier.cached_input_per_1m, "cached input", where),
            "cache_write": (None, "cache write", f"{where}: the data has no long-context cache-write price"),
        }
    else:
        rates = {
            "input": (p.input_per_1m, "input", ""),
            "output": (p.output_per_1m, "output", ""),
            "cached_input": (p.cached_input_per_1m, "cached input", ""),
            "cache_write": (p.cache_write_per_1m, "cache write", ""),
        }
    lines = []
    total = Decimal(0)
    for kind in ("input", "cached_input", "cache_write", "output"):
        tokens = counts[kind]
        price, label, detail = rates[kind]
        if price is None:
            if tokens:
                raise PriceUnknownError(m.id, label, detail)
            cost = Decimal(0)
        else:
            cost = _EXACT.multiply(Decimal(tokens), price).scaleb(_MILLION_EXP, _EXACT)
        total = _EXACT.add(total, cost)
        lines.append(CostLine(kind, tokens, price, _clean(cost)))
    return CostEstimate(m.id, tuple(lines), _clean(total), tier.above_tokens if tier else None, batch)


def estimate_cost(  # noqa: PLR0917 - the documented signature
    model: str | ModelInfo,
    input_tokens: int,
    output_tokens: int,
    cached_input_tokens: int = 0,
    cache_write_tokens: int = 0,
    batch: bool = False,
    *,
    long_context: bool = False,
) -> Decimal:
    """Return the exact USD cost of one request.

    ``model`` is an id, alias, provider's id or :class:`ModelInfo`. ``input_tokens`` counts the
    *uncached* input only; ``cached_input_tokens`` are cache reads, ``cache_write_tokens`` are
    tokens written to the prompt cache. When the prompt (the sum of those three) exceeds a
    long-context tier's threshold, every token is billed at that tier's rates; a tier at or above
    the model's context window (an opt-in extended context) applies only with
    ``long_context=True``; with it, a prompt beyond the context window that no tier prices raises
    :class:`PriceUnknownError` rather than billing at the base rate. ``batch=True`` uses the
    batch-API prices.

    Raises :class:`PriceUnknownError` when a needed price is unknown (never a silent $0),
    :class:`~modelsuite.query.ModelNotFoundError` for an unknown model, ``ValueError`` for a
    negative token count and ``TypeError`` for a non-integer one.

    >>> estimate_cost("gemini-2.5-pro", 300_000, 0)  # above 200k prompt tokens: every token at $2.5
    Decimal('0.75')
    """
    # Fast path (the common call): plain non-negative ints, no batch. It computes exactly what
    # cost_breakdown() computes, without building the itemized lines; anything unusual (a bad
    # count, batch, a missing price to report) goes through cost_breakdown() for its checks.
    tokens = (input_tokens, cached_input_tokens, cache_write_tokens, output_tokens)
    if (
        not batch
        and not long_context
        and type(input_tokens) is int
        and type(output_tokens) is int
        and type(cached_input_tokens) is int
        and type(cache_write_tokens) is int
        and min(tokens) >= 0
    ):
        m = model if isinstance(model, ModelInfo) else resolve_model(model)
        p = m.pricing
        window = m.capabilities.max_context
        plan = _PLANS.get(m.id)
        if plan is None or plan[0] is not p or plan[1] != window:
            plan = _PLANS[m.id] = _scaled_plan(p, window)
        rates = plan[2]
        if rates is not None:  # every price fits the integer scale: exact integer arithmetic
            prompt = input_tokens + cached_input_tokens + cache_write_tokens
            for above, tier_rates in plan[3]:
                if prompt > above:
                    rates = tier_rates
            total = 0
            for n, price in zip(tokens, rates, strict=True):
                if n:
                    if price is None:
                        break  # let cost_breakdown raise the precise PriceUnknownError
                    total += n * price
            else:
                return _from_scaled(total)
    return cost_breakdown(
        model, input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, batch, long_context=long_context
    ).total
