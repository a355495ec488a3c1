"""Hugging Face Hub (huggingface_hub) -> ``community/huggingface.csv``.

The top text-generation models by downloads that have at least one *live* inference provider and a
licence that allows commercial use (plan §3.1). The Hub has no prices or token limits, so those stay
unknown; the row records the repository (``hf_id``) and which providers serve it (``notes``).
``HF_TOKEN`` is optional (used when set).

Shape check: a JSON array (or ``{"models": [...]}``) of objects with an ``id``, a ``tags`` list and
``inferenceProviderMapping`` (what :func:`model_to_dict` saves, or the Hub's ``/api/models`` with
that field expanded); any other document is refused with one line.
"""

from __future__ import annotations

import logging
import os
from typing import Any, Final

from modelsuite_tools.fetchers.base import (
    Fetcher,
    Shape,
    as_list,
    clean_text,
    collect_rows,
    join_notes,
    new_row,
    safe_id_part,
)
from modelsuite_tools.fetchers.http import FetchError, HttpClient, MissingDependency, register_secret

log = logging.getLogger(__name__)

SOURCE_ID: Final = "huggingface-api"
KEY_VAR: Final = "HF_TOKEN"
LIMIT: Final = 100
#: Licence tags (``license:<id>`` on the Hub) whose terms allow commercial use.
COMMERCIAL_LICENSES: Final = frozenset({
    "apache-2.0", "mit", "bsd-2-clause", "bsd-3-clause", "cc-by-4.0", "cc-by-sa-4.0", "openrail",
    "bigscience-openrail-m", "creativeml-openrail-m", "llama2", "llama3", "llama3.1", "llama3.2",
    "llama3.3", "llama4", "gemma", "openrail++",
})


def _hub() -> Any:
    try:
        import huggingface_hub
    except ImportError:
        raise MissingDependency("huggingface_hub") from None
    return huggingface_hub


def model_to_dict(info: Any) -> dict[str, Any]:
    """Return the fields this fetcher uses from a ``huggingface_hub.ModelInfo`` as plain JSON."""
    mapping = []
    for p in getattr(info, "inference_provider_mapping", None) or []:
        mapping.append({
            "provider": getattr(p, "provider", None),
            "providerId": getattr(p, "provider_id", None),
            "status": getattr(p, "status", None),
            "task": getattr(p, "task", None),
        })
    return {
        "id": getattr(info, "id", None),
        "downloads": getattr(info, "downloads", None),
        "likes": getattr(info, "likes", None),
        "pipeline_tag": getattr(info, "pipeline_tag", None),
        "tags": list(getattr(info, "tags", None) or []),
        "inferenceProviderMapping": mapping,
    }


def fetch(client: HttpClient) -> list[dict[str, Any]]:
    """List the top text-generation models served by inference providers (``client`` is not used)."""
    del client
    hub = _hub()
    token = os.environ.get(KEY_VAR, "").strip() or None
    register_secret(token)
    api = hub.HfApi(token=token)
    try:
        models = api.list_models(
            pipeline_tag="text-generation",
            inference_provider="all",
            sort="downloads",
            limit=LIMIT,
            expand=["downloads", "likes", "pipeline_tag", "tags", "inferenceProviderMapping"],
        )
        return [model_to_dict(m) for m in models]
    except Exception as exc:  # huggingface_hub raises many types; one line for the user
        raise FetchError(f"Hugging Face list_models failed: {type(exc).__name__}: {exc}") from None


def _license(tags: list[Any]) -> str:
    for tag in tags:
        if isinstance(tag, str) and tag.startswith("license:"):
            return tag.split(":", 1)[1].lower()
    return ""


def _entries(document: Any) -> list[Any] | None:
    if isinstance(document, dict) and isinstance(document.get("models"), list):
        document = document["models"]
    return document if isinstance(document, list) else None


def _entry_ok(m: dict[str, Any]) -> bool:
    return isinstance(m.get("id"), str) and isinstance(m.get("tags"), list) and "inferenceProviderMapping" in m


SHAPE: Final = Shape(
    label="Hugging Face",
    envelope="a JSON array of models",
    fields="an id, a tags list and inferenceProviderMapping",
    entries=_entries,
    entry_ok=_entry_ok,
)


def _live_providers(m: dict[str, Any]) -> list[str]:
    mapping = m.get("inferenceProviderMapping")
    if isinstance(mapping, dict):  # model_info returns a dict keyed by provider
        mapping = [{"provider": k, **v} for k, v in mapping.items() if isinstance(v, dict)]
    return sorted({
        str(p.get("provider")) for p in mapping or [] if isinstance(p, dict) and p.get("status") == "live"
        and isinstance(p.get("provider"), str)
    })


def _wanted(m: dict[str, Any]) -> bool:
    """Keep text-generation models with a commercial-use licence and at least one live provider."""
    return (m.get("pipeline_tag") in (None, "text-generation")
            and _license(as_list(m.get("tags"))) in COMMERCIAL_LICENSES and bool(_live_providers(m)))


def _row(m: dict[str, Any], updated: str) -> dict[str, str] | None:
    repo = safe_id_part(m.get("id"))
    if repo is None:
        return None
    notes = [f"licence {_license(as_list(m.get('tags')))}",
             "live inference providers: " + ", ".join(clean_text(p, 40) for p in _live_providers(m))]
    downloads = m.get("downloads")
    if isinstance(downloads, int) and not isinstance(downloads, bool):
        notes.append(f"{downloads} downloads (30 days)")
    return new_row(
        f"huggingface/{repo}",
        source=SOURCE_ID,
        updated=updated,
        name=clean_text(repo, "name"),
        kind="chat",
        hf_id=repo,
        source_url=f"https://huggingface.co/{repo}",
        notes=join_notes(notes),
    )


def parse(document: Any, *, updated: str) -> list[dict[str, str]]:
    """Turn a list of model dicts (see :func:`model_to_dict`) into rows, filtering licence and providers."""
    return collect_rows("huggingface", SHAPE.models(document), lambda m: _row(m, updated), keep=_wanted)


FETCHER: Final = Fetcher(
    name="huggingface",
    source_id=SOURCE_ID,
    category="community",
    provider="huggingface",
    fetch=fetch,
    parse=parse,
    summary="Hugging Face Hub: top text-generation models with live inference providers",
    shape=SHAPE,
)
