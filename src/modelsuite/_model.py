"""The public record types: :class:`ModelInfo` and its parts. Standard library only.

They behave as frozen, slotted dataclasses (``==``, ``hash``, ``repr``, pickling, keyword
construction, ``dataclasses.fields``/``asdict``/``replace``/``is_dataclass``) but are written
out by hand: applying ``@dataclass`` at import costs more than the rest of the runtime's cold
start put together (it imports ``inspect`` and compiles code for every class). The dataclass
metadata is built on first introspection instead.

A :class:`ModelInfo` made by the registry builds its :class:`Pricing` on first access to
``pricing`` (once, thread-safely): prices are ``Decimal``, and importing :mod:`decimal` is the
largest single cost of a first lookup, so a program that never reads a price never pays it.
Equal pricings are shared between models.
"""

from __future__ import annotations

from _thread import RLock

TYPE_CHECKING = False
if TYPE_CHECKING:
    from decimal import Decimal
    from typing import Any, ClassVar

__all__ = ["Benchmarks", "Capabilities", "ModelInfo", "PriceTier", "Pricing"]

_set = object.__setattr__


class _DataclassMeta:
    """``__dataclass_fields__``/``__dataclass_params__`` computed on first access, then stored."""

    def __init__(self, attr: str) -> None:
        self.attr = attr

    def __get__(self, obj: object, cls: type[_Record]) -> Any:
        import dataclasses

        namespace: dict[str, Any] = {"__annotations__": cls.__annotations__, **dict(cls._defaults)}
        shadow: Any = dataclasses.dataclass(frozen=True)(type(cls.__name__, (), namespace))
        for attr in ("__dataclass_fields__", "__dataclass_params__"):
            type.__setattr__(cls, attr, getattr(shadow, attr))
        return getattr(cls, self.attr)


class _Record:
    """Frozen record behaviour shared by the public types (what ``@dataclass(frozen=True)`` adds)."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[tuple[tuple[str, Any], ...]] = ()  # (field, default) for fields that have one
    _values: ClassVar[Any] = None  # attrgetter of every field, made on first ``==``/``hash``

    def __init_subclass__(cls) -> None:
        slots: tuple[str, ...] = cls.__dict__["__slots__"]
        cls._fields = tuple(name for name in slots if not name.startswith("_"))
        cls.__match_args__ = cls._fields  # type: ignore[attr-defined,misc]
        cls.__dataclass_fields__ = _DataclassMeta("__dataclass_fields__")  # type: ignore[attr-defined]
        cls.__dataclass_params__ = _DataclassMeta("__dataclass_params__")  # type: ignore[attr-defined]

    def __setattr__(self, name: str, value: object) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({inner})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            values = self._values or self._make_values()
            return bool(values(self) == values(other))
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._values or self._make_values())(self))

    @classmethod
    def _make_values(cls) -> Any:
        from operator import attrgetter  # not at import: it costs more than the rest of this module

        cls._values = attrgetter(*cls._fields)
        return cls._values

    def __getstate__(self) -> list[Any]:
        return [getattr(self, name) for name in self._fields]

    def __setstate__(self, state: list[Any]) -> None:
        for name, value in zip(self._fields, state, strict=True):
            _set(self, name, value)


class PriceTier(_Record):
    """Prices that apply to a whole request once its prompt exceeds ``above_tokens`` tokens."""

    __slots__ = ("above_tokens", "input_per_1m", "output_per_1m", "cached_input_per_1m")
    above_tokens: int
    input_per_1m: Decimal | None
    output_per_1m: Decimal | None
    cached_input_per_1m: Decimal | None

    def __init__(
        self,
        above_tokens: int,
        input_per_1m: Decimal | None,
        output_per_1m: Decimal | None,
        cached_input_per_1m: Decimal | None,
    ) -> None:
        _set(self, "above_tokens", above_tokens)
        _set(self, "input_per_1m", input_per_1m)
        _set(self, "output_per_1m", output_per_1m)
        _set(self, "cached_input_per_1m", cached_input_per_1m)


class Pricing(_Record):
    """USD per 1M tokens; ``None`` means unknown (never a silent zero)."""

    __slots__ = ("input_per_1m", "output_per_1m", "cached_input_per_1m", "cache_write_per_1m",
                 "batch_input_per_1m", "batch_output_per_1m", "tiers")  # fmt: skip
    _defaults = (("tiers", ()),)
    input_per_1m: Decimal | None
    output_per_1m: Decimal | None
    cached_input_per_1m: Decimal | None
    cache_write_per_1m: Decimal | None
    batch_input_per_1m: Decimal | None
    batch_output_per_1m: Decimal | None
    tiers: tuple[PriceTier, ...]

    def __init__(  # noqa: PLR0917 - the dataclass signature
        self,
        input_per_1m: Decimal | None,
        output_per_1m: Decimal | None,
        cached_input_per_1m: Decimal | None,
        cache_write_per_1m: Decimal | None,
        batch_input_per_1m: Decimal | None,
        batch_output_per_1m: Decimal | None,
        tiers: tuple[PriceTier, ...] = (),
    ) -> None:
        _set(self, "input_per_1m", input_per_1m)
        _set(self, "output_per_1m", output_per_1m)
        _set(self, "cached_input_per_1m", cached_input_per_1m)
        _set(self, "cache_write_per_1m", cache_write_per_1m)
        _set(self, "batch_input_per_1m", batch_input_per_1m)
        _set(self, "batch_output_per_1m", batch_output_per_1m)
        _set(self, "tiers", tiers)


class Capabilities(_Record):
    """Token limits (``None`` = unknown) and capability flags."""

    __slots__ = ("max_context", "max_output", "vision", "tools", "json_mode", "structured_output", "thinking",
                 "caching", "input_modalities", "output_modalities")  # fmt: skip
    _defaults = (("input_modalities", ()), ("output_modalities", ()))
    max_context: int | None
    max_output: int | None
    vision: bool
    tools: bool
    json_mode: bool
    structured_output: bool
    thinking: bool
    caching: bool
    input_modalities: tuple[str, ...]
    output_modalities: tuple[str, ...]

    def __init__(  # noqa: PLR0917 - the dataclass signature
        self,
        max_context: int | None,
        max_output: int | None,
        vision: bool,
        tools: bool,
        json_mode: bool,
        structured_output: bool,
        thinking: bool,
        caching: bool,
        input_modalities: tuple[str, ...] = (),
        output_modalities: tuple[str, ...] = (),
    ) -> None:
        _set(self, "max_context", max_context)
        _set(self, "max_output", max_output)
        _set(self, "vision", vision)
        _set(self, "tools", tools)
        _set(self, "json_mode", json_mode)
        _set(self, "structured_output", structured_output)
        _set(self, "thinking", thinking)
        _set(self, "caching", caching)
        _set(self, "input_modalities", input_modalities)
        _set(self, "output_modalities", output_modalities)


class Benchmarks(_Record):
    """Benchmark scores (0-100) and speed; ``None`` = no source states it."""

    __slots__ = ("mmlu", "humaneval", "math", "gpqa", "swe_bench", "ifeval", "mmmu", "mgsm", "ttft_ms", "tps",
                 "extra")  # fmt: skip
    _defaults = (*((name, None) for name in __slots__[:-1]), ("extra", ()))
    mmlu: float | None
    humaneval: float | None
    math: float | None
    gpqa: float | None
    swe_bench: float | None
    ifeval: float | None
    mmmu: float | None
    mgsm: float | None
    ttft_ms: float | None
    tps: float | None
    extra: tuple[tuple[str, float], ...]

    def __init__(  # noqa: PLR0917 - the dataclass signature
        self,
        mmlu: float | None = None,
        humaneval: float | None = None,
        math: float | None = None,
        gpqa: float | None = None,
        swe_bench: float | None = None,
        ifeval: float | None = None,
        mmmu: float | None = None,
        mgsm: float | None = None,
        ttft_ms: float | None = None,
        tps: float | None = None,
        extra: tuple[tuple[str, float], ...] = (),
    ) -> None:
        _set(self, "mmlu", mmlu)
        _set(self, "humaneval", humaneval)
        _set(self, "math", math)
        _set(self, "gpqa", gpqa)
        _set(self, "swe_bench", swe_bench)
        _set(self, "ifeval", ifeval)
        _set(self, "mmmu", mmmu)
        _set(self, "mgsm", mgsm)
        _set(self, "ttft_ms", ttft_ms)
        _set(self, "tps", tps)
        _set(self, "extra", extra)


class ModelInfo(_Record):
    """One model offering of one provider, with the provenance of its numbers."""

    __slots__ = ("id", "alias", "name", "provider", "category", "status", "kind", "pricing", "capabilities",
                 "benchmarks", "description", "can_classify", "source", "quality", "updated", "base_model", "hf_id",
                 "region", "deprecation_date", "source_url", "notes",
                 "_pending")  # fmt: skip  # _pending: the raw price fields until pricing is built
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

    def __init__(  # noqa: PLR0917 - the dataclass signature: every field, positional or keyword
        self,
        id: str,
        alias: str,
        name: str,
        provider: str,
        category: str,
        status: str,
        kind: str,
        pricing: Pricing,
        capabilities: Capabilities,
        benchmarks: Benchmarks,
        description: str,
        can_classify: bool,
        source: str,
        quality: str,
        updated: str,
        base_model: str,
        hf_id: str,
        region: str,
        deprecation_date: str,
        source_url: str,
        notes: str,
    ) -> None:
        _set(self, "id", id)
        _set(self, "alias", alias)
        _set(self, "name", name)
        _set(self, "provider", provider)
        _set(self, "category", category)
        _set(self, "status", status)
        _set(self, "kind", kind)
        _set(self, "pricing", pricing)
        _set(self, "capabilities", capabilities)
        _set(self, "benchmarks", benchmarks)
        _set(self, "description", description)
        _set(self, "can_classify", can_classify)
        _set(self, "source", source)
        _set(self, "quality", quality)
        _set(self, "updated", updated)
        _set(self, "base_model", base_model)
        _set(self, "hf_id", hf_id)
        _set(self, "region", region)
        _set(self, "deprecation_date", deprecation_date)
        _set(self, "source_url", source_url)
        _set(self, "notes", notes)

    def __getattr__(self, name: str) -> Any:
        # Only reached for an unset slot: ``pricing`` of a registry model not built yet.
        if name == "pricing":
            with _LOCK:
                try:
                    return object.__getattribute__(self, "pricing")  # another thread built it
                except AttributeError:
                    pass
                try:
                    raw = object.__getattribute__(self, "_pending")
                except AttributeError:
                    raise AttributeError(f"{type(self).__name__!r} object has no attribute 'pricing'") from None
                pricing = pricing_from_fields(raw)
                _set(self, "pricing", pricing)
                object.__delattr__(self, "_pending")
                return pricing
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

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


# --- building prices from the generated rows' strings (used by modelsuite._registry) ---------

_LOCK = RLock()
_MONEY: dict[str, Decimal | None] = {}
_PRICINGS: dict[tuple[str, ...], Pricing] = {}


def money(text: str) -> Decimal | None:
    """Return the ``Decimal`` of a price string (``-1`` or empty: ``None``), one object per string."""
    value = _MONEY.get(text, False)
    if value is False:
        from decimal import Decimal

        value = _MONEY[text] = None if text in ("-1", "") else Decimal(text)
    return value  # type: ignore[return-value]


def pricing_from_fields(raw: tuple[str, ...]) -> Pricing:
    """Return the (shared) :class:`Pricing` of the raw fields ``(input, output, cache_read,
    cache_write, batch_input, batch_output, tiers)`` as written in the data files."""
    pricing = _PRICINGS.get(raw)
    if pricing is None:
        tiers: tuple[PriceTier, ...] = ()
        if raw[6]:
            parts = []
            for item in raw[6].split(";"):
                threshold, _, prices = item.partition("=")
                pi, po, pc = prices.split("/")
                parts.append(PriceTier(int(threshold), money(pi), money(po), money(pc)))
            tiers = tuple(parts)
        built = Pricing(money(raw[0]), money(raw[1]), money(raw[2]), money(raw[3]), money(raw[4]), money(raw[5]), tiers)
        pricing = _PRICINGS.setdefault(raw, built)
    return pricing


def clear_shared() -> None:
    """Forget the shared prices (the registry calls this when it is reloaded)."""
    with _LOCK:
        _MONEY.clear()
        _PRICINGS.clear()
