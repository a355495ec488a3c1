"""The public record types: :class:`ModelInfo` and its parts. Standard library only."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

__all__ = ["Benchmarks", "Capabilities", "ModelInfo", "PriceTier", "Pricing"]


@dataclass(frozen=True, slots=True)
class PriceTier:
    """Prices that apply to a whole request once its prompt exceeds ``above_tokens`` tokens."""

    above_tokens: int
    input_per_1m: Decimal | None
    output_per_1m: Decimal | None
    cached_input_per_1m: Decimal | None


@dataclass(frozen=True, slots=True)
class Pricing:
    """USD per 1M tokens; ``None`` means unknown (never a silent zero)."""

    input_per_1m: Decimal | None
    output_per_1m: Decimal | None
    cached_input_per_1m: Decimal | None
    cache_write_per_1m: Decimal | None
    batch_input_per_1m: Decimal | None
    batch_output_per_1m: Decimal | None
    tiers: tuple[PriceTier, ...] = ()


@dataclass(frozen=True, slots=True)
class Capabilities:
    """Token limits (``None`` = unknown) and capability flags."""

    max_context: int | None
    max_output: int | None
    vision: bool
    tools: bool
    json_mode: bool
    structured_output: bool
    thinking: bool
    caching: bool
    input_modalities: tuple[str, ...] = ()
    output_modalities: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Benchmarks:
    """Benchmark scores (0-100) and speed; ``None`` = no source states it."""

    mmlu: float | None = None
    humaneval: float | None = None
    math: float | None = None
    gpqa: float | None = None
    swe_bench: float | None = None
    ifeval: float | None = None
    mmmu: float | None = None
    mgsm: float | None = None
    ttft_ms: float | None = None
    tps: float | None = None
    extra: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """One model offering of one provider, with the provenance of its numbers."""

    id: str
    alias: str
    name: str
    provider: str
    category: str
    status: str
    kind: str
    pricing: Pricing
    capabilities: Capabilities
    benchmarks: Benchmarks
    description: str
    can_classify: bool
    source: str
    quality: str
    updated: str
    base_model: str
    hf_id: str
    region: str
    deprecation_date: str
    source_url: str
    notes: str

    @property
    def raw_id(self) -> str:
        """Return the provider's own id (the full id without the provider prefix)."""
        return self.id.partition("/")[2]

    @property
    def caps(self) -> str:
        """Return the capability letters (VTJSKC order), as in the data files."""
        c = self.capabilities
        flags = (c.vision, c.tools, c.json_mode, c.structured_output, c.thinking, c.caching)
        return "".join(letter for letter, on in zip("VTJSKC", flags, strict=True) if on)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict; prices are decimal strings, unknowns are ``None``."""
        p, c, b = self.pricing, self.capabilities, self.benchmarks

        def money(value: Decimal | None) -> str | None:
            return None if value is None else str(value)

        return {
            "id": self.id,
            "alias": self.alias,
            "name": self.name,
            "provider": self.provider,
            "category": self.category,
            "status": self.status,
            "kind": self.kind,
            "pricing": {
                "input_per_1m": money(p.input_per_1m),
                "output_per_1m": money(p.output_per_1m),
                "cached_input_per_1m": money(p.cached_input_per_1m),
                "cache_write_per_1m": money(p.cache_write_per_1m),
                "batch_input_per_1m": money(p.batch_input_per_1m),
                "batch_output_per_1m": money(p.batch_output_per_1m),
                "tiers": [
                    {
                        "above_tokens": t.above_tokens,
                        "input_per_1m": money(t.input_per_1m),
                        "output_per_1m": money(t.output_per_1m),
                        "cached_input_per_1m": money(t.cached_input_per_1m),
                    }
                    for t in p.tiers
                ],
            },
            "capabilities": {
                "max_context": c.max_context,
                "max_output": c.max_output,
                "vision": c.vision,
                "tools": c.tools,
                "json_mode": c.json_mode,
                "structured_output": c.structured_output,
                "thinking": c.thinking,
                "caching": c.caching,
                "input_modalities": list(c.input_modalities),
                "output_modalities": list(c.output_modalities),
            },
            "benchmarks": {
                "mmlu": b.mmlu,
                "humaneval": b.humaneval,
                "math": b.math,
                "gpqa": b.gpqa,
                "swe_bench": b.swe_bench,
                "ifeval": b.ifeval,
                "mmmu": b.mmmu,
                "mgsm": b.mgsm,
                "ttft_ms": b.ttft_ms,
                "tps": b.tps,
                "extra": dict(b.extra),
            },
            "description": self.description,
            "can_classify": self.can_classify,
            "source": self.source,
            "quality": self.quality,
            "updated": self.updated,
            "base_model": self.base_model,
            "hf_id": self.hf_id,
            "region": self.region,
            "deprecation_date": self.deprecation_date,
            "source_url": self.source_url,
            "notes": self.notes,
        }
