"""``python -m modelsuite``: the command line."""

from modelsuite.cli import run

run()
