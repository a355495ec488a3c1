"""Shared fixtures: a small synthetic registry built through the real pipeline."""

from __future__ import annotations

import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import build_module, make_row, registry_from, write_data_dir

SAMPLE = {
    "core/anthropic": [
        make_row("anthropic/claude-sonnet-4-5", alias="claude-sonnet-4-5", name="Claude Sonnet 4.5",
                 input_per_1m="3", output_per_1m="15", cache_per_1m="0.3", cache_write_per_1m="3.75",
                 max_context="200000", max_output="64000", caps="VTJSKC", tiers="200000=6/22.5/0.6",
                 base_model="anthropic/claude-sonnet-4.5", source="litellm+models.dev", quality="verified"),
    ],
    "core/google": [
        make_row("google/gemini-2.5-pro", alias="gemini-2.5-pro", name="Gemini 2.5 Pro",
                 input_per_1m="1.25", output_per_1m="10", cache_per_1m="0.125", max_context="1048576",
                 max_output="65536", caps="VTJSKC", tiers="200000=2.5/15/0.25", base_model="google/gemini-2.5-pro"),
    ],
    "aggregators/openrouter": [
        make_row("openrouter/anthropic/claude-sonnet-4.5", name="Anthropic: Claude Sonnet 4.5",
                 input_per_1m="3", output_per_1m="15", max_context="1000000", caps="VTJSKC",
                 base_model="anthropic/claude-sonnet-4.5", source="openrouter-api", updated="2026-08-19"),
        make_row("openrouter/meta-llama/llama-3.3-70b-instruct", name="Meta: Llama 3.3 70B Instruct",
                 input_per_1m="0.13", output_per_1m="0.4", max_context="131072", caps="TJ",
                 base_model="meta-llama/llama-3.3-70b-instruct", source="openrouter-api", updated="2026-08-19"),
    ],
    "specialized/groq": [
        make_row("groq/llama-3.3-70b-versatile", name="Llama 3.3 70B", input_per_1m="0.59", output_per_1m="0.79",
                 max_context="131072", max_output="32768", caps="TJ", base_model="meta-llama/llama-3.3-70b-instruct",
                 source="groq-api"),
    ],
}


@pytest.fixture(scope="session")
def sample_module(tmp_path_factory: pytest.TempPathFactory) -> types.ModuleType:
    """The generated data module of :data:`SAMPLE`."""
    base = tmp_path_factory.mktemp("sample")
    data = write_data_dir(base / "data", SAMPLE)
    return build_module(data, base / "out")


@pytest.fixture
def sample_registry(sample_module: types.ModuleType) -> Iterator[types.ModuleType]:
    """Make the runtime serve :data:`SAMPLE` for one test."""
    with registry_from(sample_module) as module:
        yield module


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh data directory holding :data:`SAMPLE`."""
    return write_data_dir(tmp_path / "data", SAMPLE)
