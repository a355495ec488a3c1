"""Render ``registry.json``: every offering as the runtime's ``ModelInfo.to_dict()``, one per line."""

from __future__ import annotations

import json
import types
from typing import TYPE_CHECKING

from modelsuite import _registry
from modelsuite_tools.generate.python_module import render_python

if TYPE_CHECKING:
    from modelsuite_tools.generate.build import Stamp
    from modelsuite_tools.merge import Registry

FORMAT = 1


def load_generated(source: str) -> types.ModuleType:
    """Execute generated data-module source into a fresh module object.

    A format-4 module keeps its rows and keys in comment lines the runtime reads from the module's
    file; a module made from source has no file, so it gets that text as ``TEXT`` (bytes).
    """
    module = types.ModuleType("modelsuite_generated_data")
    exec(compile(source, "<generated _data.py>", "exec"), module.__dict__)  # noqa: S102 - our own output
    size = getattr(module, "TEXT_SIZE", None)
    if size is not None:
        encoded = source.encode("utf-8")
        module.__dict__["TEXT"] = encoded[len(encoded) - size :]
    return module


def render_json(registry: Registry, stamp: Stamp) -> str:
    """Return the JSON export, built through the runtime so both always agree."""
    module = load_generated(render_python(registry, stamp))
    state = _registry._State(module)
    models = [_registry._materialize(state, i).to_dict() for i in range(len(registry.rows))]
    head = {
        "format": FORMAT,
        "registry_version": stamp.version,
        "model_count": len(models),
        "data_sources": registry.counts_by_category(),
    }
    head_text = json.dumps(head, ensure_ascii=False, sort_keys=True)[:-1]
    lines = [head_text + ', "models": [']
    lines.extend(json.dumps(m, ensure_ascii=False, sort_keys=True) + "," for m in models)
    if models:
        lines[-1] = lines[-1][:-1]
    lines.append("]}")
    return "\n".join(lines) + "\n"
