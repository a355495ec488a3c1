"""ModelSuite Registry: LLM models, their prices and limits, with the source of every number.

Standard library only; nothing is loaded until the first lookup.

>>> import modelsuite
>>> m = modelsuite.get_model_info("claude-sonnet-4-5")
>>> m.id, str(m.pricing.input_per_1m), m.capabilities.max_context
('anthropic/claude-sonnet-4-5-20250929', '3', 200000)
>>> modelsuite.MODEL_COUNT == len(modelsuite.get_all_models())
True
"""

from __future__ import annotations

from modelsuite._model import Benchmarks, Capabilities, ModelInfo, PriceTier, Pricing
from modelsuite._registry import (
    clear_cache,
    get_all_models,
    get_model_info,
    get_models_by_provider,
    list_providers,
)

# cost and query are imported on first use (see __getattr__): they need re, dataclasses and
# typing, which would triple the cold start of a plain lookup (benchmarks/README.md).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from modelsuite.cost import PriceUnknownError, cost_breakdown, estimate_cost
    from modelsuite.query import (
        ModelNotFoundError,
        blended_price,
        find_models,
        offerings,
        quality_per_dollar,
        quality_score,
    )

_LAZY_IMPORTS = {
    **dict.fromkeys(("PriceUnknownError", "cost_breakdown", "estimate_cost"), "modelsuite.cost"),
    **dict.fromkeys(("ModelNotFoundError", "blended_price", "find_models", "offerings", "quality_per_dollar",
                     "quality_score"), "modelsuite.query"),
}  # fmt: skip

__all__ = [
    "DATA_SOURCES",
    "MODEL_COUNT",
    "REGISTRY_VERSION",
    "Benchmarks",
    "Capabilities",
    "ModelInfo",
    "ModelNotFoundError",
    "PriceTier",
    "PriceUnknownError",
    "Pricing",
    "blended_price",
    "clear_cache",
    "cost_breakdown",
    "estimate_cost",
    "find_models",
    "get_all_models",
    "get_model_info",
    "get_models_by_provider",
    "list_providers",
    "offerings",
    "quality_per_dollar",
    "quality_score",
]

_LAZY_CONSTANTS = ("MODEL_COUNT", "REGISTRY_VERSION", "DATA_SOURCES")


def __getattr__(name: str) -> Any:
    """Read the registry constants, or import the cost and query functions, on first access."""
    if name in _LAZY_CONSTANTS:
        from modelsuite._registry import _get_state

        return getattr(_get_state().data, name)
    if name in _LAZY_IMPORTS:
        import importlib

        value = getattr(importlib.import_module(_LAZY_IMPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'modelsuite' has no attribute {name!r}")
