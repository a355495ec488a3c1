"""ModelSuite Registry: LLM models, their prices and limits, with the source of every number.

Standard library only; nothing is loaded until the first lookup.

>>> import modelsuite
>>> m = modelsuite.get_model_info("claude-sonnet-4-5")
>>> m.id, str(m.pricing.input_per_1m), m.capabilities.max_context
('anthropic/claude-sonnet-4-5', '3', 200000)
>>> modelsuite.MODEL_COUNT == len(modelsuite.get_all_models())
True
"""

from __future__ import annotations

from typing import Any

from modelsuite._model import Benchmarks, Capabilities, ModelInfo, PriceTier, Pricing
from modelsuite._registry import (
    clear_cache,
    get_all_models,
    get_model_info,
    get_models_by_provider,
    list_providers,
)

__all__ = [
    "DATA_SOURCES",
    "MODEL_COUNT",
    "REGISTRY_VERSION",
    "Benchmarks",
    "Capabilities",
    "ModelInfo",
    "PriceTier",
    "Pricing",
    "clear_cache",
    "get_all_models",
    "get_model_info",
    "get_models_by_provider",
    "list_providers",
]

_LAZY_CONSTANTS = ("MODEL_COUNT", "REGISTRY_VERSION", "DATA_SOURCES")


def __getattr__(name: str) -> Any:
    """Read the registry constants from the generated data on first access."""
    if name in _LAZY_CONSTANTS:
        from modelsuite._registry import _get_state

        return getattr(_get_state().data, name)
    raise AttributeError(f"module 'modelsuite' has no attribute {name!r}")
