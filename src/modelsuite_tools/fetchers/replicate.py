"""Replicate ``GET /v1/models`` (cursor pagination) -> ``specialized/replicate.csv``.

Each page is ``{"next": url|null, "previous": url|null, "results": [...]}``; ``next`` is followed up to
:data:`MAX_PAGES` pages. The API has no prices, token limits or modalities: prices stay unknown (-1,
never 0) and ``kind`` is ``other``. Needs ``REPLICATE_API_TOKEN``.

Shape check: an object with a ``results`` list whose entries carry ``owner`` and ``name`` strings
and a ``visibility``; any other document is refused with one line.
"""

from __future__ import annotations

import logging
import urllib.parse
from typing import Any, Final

from modelsuite_tools.fetchers.base import (
    Fetcher,
    FetchParseError,
    Shape,
    clean_text,
    collect_rows,
    join_notes,
    new_row,
    safe_id_part,
)
from modelsuite_tools.fetchers.http import HttpClient, api_key

log = logging.getLogger(__name__)

MODELS_URL: Final = "https://api.replicate.com/v1/models"
SOURCE_ID: Final = "replicate-api"
KEY_VAR: Final = "REPLICATE_API_TOKEN"
MAX_PAGES: Final = 40


def fetch(client: HttpClient, *, max_pages: int = MAX_PAGES) -> dict[str, Any]:
    """Fetch model pages following ``next`` (at most ``max_pages``); return ``{"results": [...]}``."""
    key = api_key(KEY_VAR, "https://replicate.com/account/api-tokens")
    headers = {"Authorization": f"Bearer {key}"}
    results: list[Any] = []
    url: str | None = MODELS_URL
    seen: set[str] = set()
    pages = 0
    while url is not None and pages < max_pages:
        if url in seen:
            raise FetchParseError("Replicate pagination loops back to a page already read")
        seen.add(url)
        page = client.get_json(url, headers=headers)
        pages += 1
        if not isinstance(page, dict) or not isinstance(page.get("results"), list):
            raise FetchParseError("Replicate response has no 'results' list")
        results.extend(page["results"])
        nxt = page.get("next")
        url = nxt if isinstance(nxt, str) and nxt else None
        if url is not None and urllib.parse.urlsplit(url).netloc != urllib.parse.urlsplit(MODELS_URL).netloc:
            raise FetchParseError("Replicate 'next' points to another host")
    if url is not None:
        log.warning("replicate: stopped after %d pages; more models exist", pages)
    return {"results": results, "next": url}


def _entries(document: Any) -> list[Any] | None:
    items = document.get("results") if isinstance(document, dict) else None
    return items if isinstance(items, list) else None


def _entry_ok(m: dict[str, Any]) -> bool:
    return isinstance(m.get("owner"), str) and isinstance(m.get("name"), str) and "visibility" in m


SHAPE: Final = Shape(
    label="Replicate",
    envelope="an object with a 'results' list of models",
    fields="owner and name strings and a visibility",
    entries=_entries,
    entry_ok=_entry_ok,
)


def _row(m: dict[str, Any], updated: str) -> dict[str, str] | None:
    owner, name = m.get("owner"), m.get("name")
    raw = safe_id_part(f"{owner}/{name}") if isinstance(owner, str) and isinstance(name, str) else None
    if raw is None:
        return None
    notes = ["no prices in the API (billed per second of hardware or per output)"]
    if m.get("is_official") is True:
        notes.append("official model")
    url = m.get("url")
    return new_row(
        f"replicate/{raw}",
        source=SOURCE_ID,
        updated=updated,
        name=clean_text(raw, "name"),
        description=clean_text(m.get("description")),
        kind="other",
        source_url=url if isinstance(url, str) and url.startswith("https://replicate.com/")
        and " " not in url else MODELS_URL,
        notes=join_notes(notes),
    )


def parse(document: Any, *, updated: str) -> list[dict[str, str]]:
    """Turn ``{"results": [...]}`` (one page or all pages) into rows; private models are left out."""
    return collect_rows("replicate", SHAPE.models(document), lambda m: _row(m, updated),
                        keep=lambda m: m.get("visibility", "public") == "public")


FETCHER: Final = Fetcher(
    name="replicate",
    source_id=SOURCE_ID,
    category="specialized",
    provider="replicate",
    fetch=fetch,
    parse=parse,
    credentials=(KEY_VAR,),
    summary="Replicate model list (no prices)",
    shape=SHAPE,
)
