"""Provider fetchers: one module per source, all sharing :class:`~modelsuite_tools.fetchers.base.Fetcher`.

``FETCHERS`` maps the CLI name to the fetcher. Importing this package imports no third-party
library: httpx, boto3 and huggingface_hub are imported only when a live fetch runs.
"""

from __future__ import annotations

from typing import Final

from modelsuite_tools.fetchers import (
    artificial_analysis,
    bedrock,
    groq,
    huggingface,
    openrouter,
    replicate,
    together,
)
from modelsuite_tools.fetchers.base import Fetcher

__all__ = ["FETCHERS", "Fetcher", "get_fetcher"]

FETCHERS: Final[dict[str, Fetcher]] = {
    f.name: f
    for f in (
        openrouter.FETCHER,
        together.FETCHER,
        groq.FETCHER,
        bedrock.FETCHER,
        huggingface.FETCHER,
        replicate.FETCHER,
        artificial_analysis.FETCHER,
    )
}


def get_fetcher(name: str) -> Fetcher:
    """Return the fetcher called ``name``; raise KeyError listing the known names."""
    try:
        return FETCHERS[name]
    except KeyError:
        raise KeyError(f"unknown source {name!r}; choose one of {', '.join(sorted(FETCHERS))}") from None
