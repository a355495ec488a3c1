"""``python -m modelsuite.cli``."""

from modelsuite.cli import run

run()
