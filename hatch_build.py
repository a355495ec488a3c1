"""Hatch build hook: regenerate the data module from data/models before a wheel is built."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):  # type: ignore[misc]
    """Run ``modelsuite build`` so the wheel ships data generated from the CSVs it was built from."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        if version == "editable":
            return  # an editable install reads the committed module from the work tree
        if not (root / "data" / "models").is_dir():
            return  # building from an artefact without the CSVs: ship the committed module as is
        sys.path.insert(0, str(root / "src"))
        try:
            from modelsuite_tools.generate import build

            result = build(root / "data" / "models")
        finally:
            sys.path.remove(str(root / "src"))
        if result.errors:
            lines = "\n".join(str(p) for p in result.errors[:50])
            raise RuntimeError(f"registry data is invalid; the wheel was not built:\n{lines}")
