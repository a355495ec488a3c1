"""Generate the static catalog site from the registry's per-model dicts (``ModelInfo.to_dict()``).

The output is four files: ``index.html``, ``style.css`` and ``app.js`` (copied from ``assets/``,
with content-hash query strings so a static host never serves a stale script with new data), and
``data.js``, which sets ``window.MODELSUITE_DATA`` to the registry as compact JSON. Loading data
through a ``<script>`` (not ``fetch``) is what makes the page work from ``file://``.

The JSON is made safe to embed in any script context: it is pure ASCII, and ``<``, ``>`` and ``&``
(and U+2028/U+2029) are written as ``\\uXXXX`` escapes, so no provider string can close a script
element or start a comment. The page inserts every string with ``textContent``, never as HTML.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any

from modelsuite_tools.atomic import atomic_write_bytes
from modelsuite_tools.schema import CAPS_ORDER, SOURCES

#: The static files copied from ``assets/`` into the site.
ASSET_NAMES = ("index.html", "style.css", "app.js")

#: The column order of a row in ``data.js`` (``MODELSUITE_DATA.fields``).
DATA_FIELDS = (
    "id", "name", "alias", "provider", "category", "status", "kind",
    "input", "output", "cached", "cache_write", "batch_input", "batch_output", "tiers",
    "context", "max_output", "caps", "input_modalities", "output_modalities",
    "base_model", "hf_id", "region", "deprecation_date", "description", "notes",
    "source", "quality", "updated", "source_url", "benchmarks", "offers",
)  # fmt: skip

_PRICE_KEYS = (
    ("input", "input_per_1m"),
    ("output", "output_per_1m"),
    ("cached", "cached_input_per_1m"),
    ("cache_write", "cache_write_per_1m"),
    ("batch_input", "batch_input_per_1m"),
    ("batch_output", "batch_output_per_1m"),
)
_CAP_FLAGS = ("vision", "tools", "json_mode", "structured_output", "thinking", "caching")
_TEXT_KEYS = (
    "id", "name", "alias", "provider", "category", "status", "kind", "base_model", "hf_id", "region",
    "deprecation_date", "description", "notes", "source", "quality", "updated", "source_url",
)  # fmt: skip

#: Characters written as ``\\uXXXX`` inside the embedded JSON (on top of json's own escaping).
_JS_ESCAPES = str.maketrans({
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
})  # fmt: skip


class SiteError(Exception):
    """A problem with the registry input or the output folder, as one readable line."""


@dataclass(slots=True)
class SiteResult:
    """What :func:`build_site` produced."""

    output: Path
    files: dict[str, int] = field(default_factory=dict)  # name -> size in bytes
    written: list[str] = field(default_factory=list)  # names whose bytes changed
    models: int = 0
    version: str = ""


def js_json(obj: Any) -> str:
    """Return ``obj`` as compact, key-sorted, pure-ASCII JSON that is safe inside a script.

    >>> js_json({"name": "</script><b>&"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(obj, ensure_ascii=True, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return text.translate(_JS_ESCAPES)


def _money(value: Any, where: str) -> str | None:
    """Return a price as a plain decimal string (no exponent), or ``None`` when unknown."""
    if value is None:
        return None
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        raise SiteError(f"{where}: {value!r} is not a decimal price") from None
    if not d.is_finite() or d < 0:
        raise SiteError(f"{where}: {value!r} is not a usable price")
    return format(d, "f")


def _count(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SiteError(f"{where}: {value!r} is not a token count")
    return value


def _row(model: Mapping[str, Any], n: int) -> list[Any]:
    """Return one model dict as a ``data.js`` row (see :data:`DATA_FIELDS`)."""
    where = f"model {n + 1}"
    try:
        where = f"model {n + 1} ({model['id']})"
        pricing = model["pricing"]
        caps = model["capabilities"]
        bench = model.get("benchmarks") or {}
        text = {k: model.get(k) or "" for k in _TEXT_KEYS}
        for k, v in text.items():
            if not isinstance(v, str):
                raise SiteError(f"{where}: {k} is not text")
        prices = {short: _money(pricing.get(long), f"{where}: {long}") for short, long in _PRICE_KEYS}
        tiers = [
            [
                _count(t["above_tokens"], f"{where}: tier above_tokens"),
                _money(t.get("input_per_1m"), f"{where}: tier input"),
                _money(t.get("output_per_1m"), f"{where}: tier output"),
                _money(t.get("cached_input_per_1m"), f"{where}: tier cached input"),
            ]
            for t in pricing.get("tiers") or ()
        ]
        letters = "".join(letter for letter, flag in zip(CAPS_ORDER, _CAP_FLAGS, strict=True) if caps.get(flag))
        scores: dict[str, float] = {}
        for k, v in bench.items():
            if k == "extra":
                scores.update({str(ek): float(ev) for ek, ev in (v or {}).items()})
            elif v is not None:
                scores[str(k)] = float(v)
        values: dict[str, Any] = {
            **text,
            **prices,
            "tiers": tiers,
            "context": _count(caps.get("max_context"), f"{where}: max_context"),
            "max_output": _count(caps.get("max_output"), f"{where}: max_output"),
            "caps": letters,
            "input_modalities": [str(x) for x in caps.get("input_modalities") or ()],
            "output_modalities": [str(x) for x in caps.get("output_modalities") or ()],
            "benchmarks": scores or None,
            "offers": None,  # filled in by encode_data_js
        }
    except SiteError:
        raise
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise SiteError(f"{where}: not a registry model record ({type(exc).__name__}: {exc})") from None
    if not values["id"]:
        raise SiteError(f"{where}: has no id")
    return [values[k] for k in DATA_FIELDS]


def _js_string(text: str) -> str:
    """Return ``text`` as a single-quoted JavaScript string literal; newlines become line continuations."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\\n") + "'"


def encode_data_js(
    models: Sequence[Mapping[str, Any]],
    version: str,
    sources: Mapping[str, tuple[str, str]] | None = None,
    offerings: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """Return the text of ``data.js``: one global holding the registry.

    The registry is JSON (pure ASCII, ``<``, ``>``, ``&`` escaped) inside a string handed to
    ``JSON.parse``, which browsers parse several times faster than the same data as a JavaScript
    literal. Each model stays on its own line (line continuations), so the file diffs well.

    ``offerings`` maps a model id to the ids of every offering of the same underlying model,
    cheapest first (:func:`offerings_from_runtime`). Each distinct list is stored once, in
    ``offer_groups`` (row numbers); a row's ``offers`` field is its list's index, or null when the
    model has no other offering.
    """
    rows = [_row(m, n) for n, m in enumerate(models)]
    seen: set[str] = set()
    for r in rows:
        if r[0] in seen:
            raise SiteError(f"model id {r[0]!r} appears more than once")
        seen.add(r[0])
    row_of = {r[0]: n for n, r in enumerate(rows)}
    group_index: dict[tuple[int, ...], int] = {}
    offers = DATA_FIELDS.index("offers")
    for n, r in enumerate(rows):
        group = tuple(row_of[i] for i in (offerings or {}).get(r[0], ()) if i in row_of)
        if group and group != (n,):
            r[offers] = group_index.setdefault(group, len(group_index))
    src = SOURCES if sources is None else sources
    head = {
        "format": 1,
        "registry_version": version,
        "model_count": len(rows),
        "fields": list(DATA_FIELDS),
        "sources": {k: list(v) for k, v in sorted(src.items())},
        "offer_groups": [list(g) for g in group_index],
    }
    try:
        head_text = js_json(head)[:-1]
        body = ",\n".join(js_json(r) for r in rows)
    except ValueError as exc:  # NaN or infinity in a score
        raise SiteError(f"the registry holds a number JSON cannot represent ({exc})") from None
    rows_text = f"[\n{body}\n]" if rows else "[]"
    doc = f'{head_text},"rows":{rows_text}}}'
    return (
        "/* Generated by `modelsuite site` from the ModelSuite registry. Do not edit. */\n"
        f"window.MODELSUITE_DATA = JSON.parse({_js_string(doc)});\n"
    )


def _asset(name: str) -> bytes:
    return resources.files("modelsuite_tools.site").joinpath("assets", name).read_bytes()


def _tag(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def render_site(
    models: Sequence[Mapping[str, Any]],
    version: str,
    sources: Mapping[str, tuple[str, str]] | None = None,
    offerings: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, bytes]:
    """Return every file of the site, name -> bytes. Deterministic: same input, same bytes."""
    data = encode_data_js(models, version, sources, offerings).encode("ascii")
    files = {name: _asset(name) for name in ASSET_NAMES}
    page = files["index.html"].decode("utf-8")
    replacements = {
        "{{DATA_TAG}}": _tag(data),
        "{{APP_TAG}}": _tag(files["app.js"]),
        "{{CSS_TAG}}": _tag(files["style.css"]),
        "{{VERSION}}": html.escape(version),
        "{{MODEL_COUNT}}": str(len(models)),
    }
    for key, value in replacements.items():
        page = page.replace(key, value)
    files["index.html"] = page.encode("utf-8")
    files["data.js"] = data
    return dict(sorted(files.items()))


def write_site(output: str | os.PathLike[str], files: Mapping[str, bytes]) -> list[str]:
    """Write ``files`` into the folder ``output`` (created if needed), each atomically.

    Files whose bytes are already right are left alone; other files in the folder are kept.
    Returns the names written.
    """
    out = Path(output)
    if out.exists() and not out.is_dir():
        raise SiteError(f"{out}: exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, data in files.items():
            target = out / name
            if target.is_file() and target.read_bytes() == data:
                continue
            atomic_write_bytes(target, data)
            written.append(name)
    except OSError as exc:
        raise SiteError(f"{out}: cannot write the site ({exc.strerror or exc})") from None
    return written


def models_from_runtime() -> tuple[list[dict[str, Any]], str]:
    """Return every offering of the installed registry as dicts, and the registry version."""
    import modelsuite

    return [m.to_dict() for m in modelsuite.get_all_models()], str(modelsuite.REGISTRY_VERSION)


def offerings_from_runtime(models: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    """Return id -> ``modelsuite.offerings`` ids (cheapest first) for each model the runtime knows.

    The page shows exactly what the library answers, so the two cannot disagree.
    """
    import modelsuite

    out: dict[str, list[str]] = {}
    for d in models:
        m = modelsuite.get_model_info(str(d.get("id", "")))
        if m is not None and m.id == d.get("id"):
            out[m.id] = [o.id for o in modelsuite.offerings(m)]
    return out


def build_site(
    output: str | os.PathLike[str],
    models: Iterable[Mapping[str, Any]] | None = None,
    version: str | None = None,
    offerings: Mapping[str, Sequence[str]] | None = None,
) -> SiteResult:
    """Generate the site into ``output`` from ``models`` (default: every model of the runtime registry).

    ``offerings`` defaults to what the runtime's ``modelsuite.offerings`` answers for each model.
    Everything is rendered before anything is written, so bad input writes nothing.
    """
    if models is None:
        found, found_version = models_from_runtime()
        models = found
        version = found_version if version is None else version
    listed = list(models)
    if offerings is None:
        offerings = offerings_from_runtime(listed)
    files = render_site(listed, version or "", offerings=offerings)
    written = write_site(output, files)
    return SiteResult(Path(output), {k: len(v) for k, v in files.items()}, written, len(listed), version or "")
