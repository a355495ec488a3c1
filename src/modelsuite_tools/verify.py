"""Reconcile every source's observations of each offering, choose values, grade quality, audit.

Regenerate all catalog-derived data (offline, seconds)::

    modelsuite import all --from-snapshots     # parse data/snapshots, reconcile, write the CSVs
    modelsuite verify --write                  # the same reconcile (also after a re-fetch)
    modelsuite validate && modelsuite build

Inputs: the catalog snapshots under ``data/snapshots`` (LiteLLM, models.dev; MANIFEST.json gives each
file's package, version, upload date = the rows' ``updated``, sha256, URL, licence), the curated
official-page observations ``data/snapshots/official.csv`` (registry format, ``source=official``,
``source_url`` on the provider's own domain, ``updated`` = the earliest date the page content can be
from, since the stored copies are undated), and the
provider-API rows already in ``data/models`` (files written by ``modelsuite fetch``).

An *offering* is one canonical provider (:mod:`modelsuite_tools.providers`) + the provider's own
model id (compared case-insensitively). Its *observations* are the rows every source gives for it.

Precedence when sources disagree (first known value wins, per field):

1. the provider's own API (source ids ending in ``-api``: ``openrouter-api``, ``groq-api`` …);
2. the provider's official pricing/model page (``official``);
3. a provider-specific catalog (a catalog the provider publishes itself, e.g. ``aws-price-list``);
4. an aggregator catalog (third-party catalogs of many providers: ``litellm``, ``models.dev``);
   within a tier, the price more independent sources confirm first (two catalogs that agree outrank a
   third that does not), then the newer snapshot (genai-prices 2026-11-10, LiteLLM 2026-10-25,
   models.dev 2026-05-21); see :func:`rank_observations`.

The tiers and per-source traits live in the sources table (``SOURCE_KINDS`` in
:mod:`modelsuite_tools.providers`). ``max_context`` is the context window: a source whose number is
an input limit (LiteLLM's ``max_input_tokens``, e.g. GPT-5 272000 of a 400000 window) is used only
when no other source gives the window. A catalog 0 kept unknown by its importer (models.dev's
"no price") becomes 0 again when another independent source also says 0.

Capabilities are the API's letters when an API lists the offering, else the union of the catalogs'
letters (catalogs omit flags far more often than they claim wrong ones); status is the API's when
an API lists the offering, else D if any source says deprecated.

Quality: ``verified`` when at least two independent sources agree within 1% on both input and output
price and the row carries that price; ``partial`` otherwise. Independent means different origins:
``DERIVED_SOURCES`` in :mod:`modelsuite_tools.providers` lists catalogs derived from another source
for one provider (models.dev's ``openrouter`` section comes from OpenRouter's API), and a value
filled or carried into an API row (``catalog-filled:``/``kept from the previous row`` notes) is
never the API's observation. Status: D when ``deprecation_date`` is on or before the row's date.
``source`` lists every source that observed the offering, in precedence order, joined by ``+``.
Every disagreement (price fields beyond 1%, token limits, capabilities) is recorded with each
source's value, the chosen value and why; ``modelsuite audit`` prints them (disagreements on an
offering that is not added, a catalog-only offering of an API-fetched provider, are only counted).

Provider-API files (rows with a ``*-api`` source; providers marked ``fetched`` in the table) are only
annotated: values the API left unknown (``-1``) are filled from the chosen catalog value and named
in ``notes`` (``catalog-filled: field,…``) so the next run can tell them from API values (prices a
fetcher left -1 on purpose because the API gives them in another unit, as its notes say, are never
filled); the
catalogs are added to ``source``; quality is set; ``base_model`` is normalised. An API value is never
overwritten, and a second run changes nothing. Catalog-only offerings of an API-fetched provider are
not added: absence from an API snapshot does not show that a model is deprecated, and the fetcher
owns those files. They are counted in the summary.

Undated ids that name the same model as exactly one dated id of the same provider (Anthropic's
``claude-sonnet-4-5`` and ``claude-sonnet-4-5-20250929``), with the same prices, are one offering:
the dated row absorbs the undated one's observations (the row keeps the dated id, whichever source
ranks first), and for a core provider the undated id becomes its ``alias`` (unique across the
registry); elsewhere the provider-prefixed undated id (``alibaba/qwen-flash``) becomes the alias, so
the id the provider's API takes still finds the row, and the notes say "also listed as …".
"""

from __future__ import annotations

import datetime as _dt
import gzip
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from modelsuite_tools.csvio import Row, format_csv, read_csv
from modelsuite_tools.guarded_write import FILLED_MARK, marked_columns
from modelsuite_tools.importers import importers
from modelsuite_tools.importers.base import (
    INEXACT_KEY,
    MATCH_KEY,
    ZERO_KEY,
    CatalogError,
    ImportStats,
    attach_by_match,
)
from modelsuite_tools.linking import link_rows
from modelsuite_tools.naming import strip_date_suffix
from modelsuite_tools.providers import (
    PROVIDER_BY_ID,
    canonical_offering,
    category_of,
    dotted_version_id,
    origin_of,
    source_kind,
)
from modelsuite_tools.schema import CATEGORIES, COLUMN_BY_NAME, COLUMN_NAMES, PRICE_COLUMNS, provider_of, raw_id_of
from modelsuite_tools.validate import Report, validate_row

PRICE_FIELDS = ("input_per_1m", "output_per_1m", "cache_per_1m", "cache_write_per_1m")
#: Prices taken only from a source that agrees with the chosen input price (see ``_choose``).
_DEPENDENT_PRICES = ("cache_per_1m", "cache_write_per_1m", "batch_input_per_1m", "batch_output_per_1m")
INT_FIELDS = ("max_context", "max_output")
#: Fields an annotation pass may fill on a provider-API row when the API left them unknown.
FILLABLE = (*PRICE_COLUMNS, *INT_FIELDS)
TOLERANCE = Decimal("0.01")
TIER_NAMES = {1: "provider API", 2: "official page", 3: "provider catalog", 4: "aggregator catalog"}


def source_tier(source: str) -> int:
    """Return a source id's precedence tier (1 strongest): see ``SOURCE_KINDS`` in the providers module."""
    return source_kind(source).tier


#: A fetcher's note saying it left a price unknown on purpose because the API's number is in another
#: unit (per image, second, media unit): such prices are never filled from a catalog.
UNIT_MISMATCH_RE = re.compile(r"not per (1M )?token|per-unit|per media unit|billed per second")


@dataclass(slots=True)
class Obs:
    """One source's row for one offering."""

    source: str
    date: str
    row: dict[str, str]


def rank_observations(obs: list[Obs]) -> list[Obs]:
    """Order one offering's observations by precedence: tier; within a tier, the price more independent
    sources confirm; then an observation of the offering's own id before one a catalog's prefix or
    substring rule attached (:data:`~modelsuite_tools.importers.base.INEXACT_KEY`); then the newer
    snapshot; then the source id.

    *Support* is the number of independent origins (see :func:`origin_of`) whose input and output
    prices agree within 1% with the observation's; an observation without both prices has none. So
    when LiteLLM and models.dev agree and a newer catalog says otherwise, the agreed price stands.
    """
    if len(obs) < 2:
        return list(obs)
    provider = provider_of(obs[0].row["id"])
    priced = [o for o in obs if o.row.get("input_per_1m", "-1") not in ("", "-1")
              and o.row.get("output_per_1m", "-1") not in ("", "-1")]

    def support(o: Obs) -> int:
        if o not in priced:
            return 0
        return len({origin_of(p.source, provider) for p in priced
                    if _close(p.row["input_per_1m"], o.row["input_per_1m"])
                    and _close(p.row["output_per_1m"], o.row["output_per_1m"])})

    return sorted(obs, key=lambda o: (source_tier(o.source), -support(o), INEXACT_KEY in o.row, _neg_date(o.date),
                                      o.source))


def _neg_date(date: str) -> str:
    return "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in date)


@dataclass(slots=True)
class Disagreement:
    """Sources disagreeing on one field of one offering."""

    offering: str
    field: str
    values: dict[str, str]
    chosen: str
    reason: str

    def spread(self) -> float:
        """Relative spread of numeric values (max/min - 1), for ranking the largest ones."""
        nums = [Decimal(v) for v in self.values.values() if _num(v)]
        pos = [n for n in nums if n > 0]
        if len(pos) < 2:
            return 0.0
        return float(max(pos) / min(pos) - 1)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-friendly dict."""
        return {"offering": self.offering, "field": self.field, "values": self.values, "chosen": self.chosen,
                "reason": self.reason}


def _num(v: str) -> bool:
    return bool(v) and v != "-1" and v.replace(".", "", 1).isdigit()


@dataclass(slots=True)
class Result:
    """Everything one reconcile pass produced."""

    files: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # relative path -> rows
    disagreements: list[Disagreement] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    #: (source a, source b) -> [offerings with both prices, agreeing within 1% on input and output]
    agreement: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)


# --- snapshots -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One committed catalog snapshot, as described by MANIFEST.json."""

    source: str
    file: str
    uploaded: str
    sha256: str
    info: dict[str, Any]


def read_manifest(snap_dir: Path) -> list[Snapshot]:
    """Read ``MANIFEST.json``; raise CatalogError with one line if it is missing or malformed."""
    path = snap_dir / "MANIFEST.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        return [Snapshot(s["source"], s["file"], s["uploaded"], s["sha256"], s) for s in doc["snapshots"]]
    except FileNotFoundError:
        raise CatalogError(f"{path}: not found; the snapshots directory needs its MANIFEST.json") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise CatalogError(f"{path}: malformed manifest ({exc})") from None


def load_snapshot(snap_dir: Path, snap: Snapshot) -> bytes:
    """Return the snapshot's original bytes (gunzipped), checked against the manifest's sha256."""
    path = snap_dir / snap.file
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogError(f"{path}: cannot read ({exc.strerror})") from None
    if path.suffix == ".gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise CatalogError(f"{path}: corrupt gzip ({exc})") from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != snap.sha256:
        raise CatalogError(f"{path}: sha256 {digest[:12]}… does not match the manifest ({snap.sha256[:12]}…)")
    return data


def catalog_rows_from_snapshots(snap_dir: Path, stats: dict[str, Any], *, skip: set[str] | None = None,
                                ) -> list[dict[str, str]]:
    """Parse every manifest snapshot with its importer; rows carry the snapshot's upload date."""
    mods = importers()
    rows: list[dict[str, str]] = []
    for snap in read_manifest(snap_dir):
        mod = mods.get(snap.source)
        if mod is None or snap.source in (skip or set()):
            continue
        st = ImportStats()
        rows.extend(mod.parse(mod.load(load_snapshot(snap_dir, snap)), updated=snap.uploaded, stats=st))
        stats[f"import {snap.source}"] = {"rows": st.rows, "skipped": dict(sorted(st.skipped.items())),
                                          "snapshot": snap.uploaded}
    return rows


#: A downloaded catalog may list at most this fraction fewer offerings than the snapshot it replaces.
MAX_SNAPSHOT_SHRINK = 0.20


def save_snapshot(snap_dir: Path, source: str, raw: bytes, *, url: str, today: str) -> Snapshot:
    """Save a downloaded catalog document as the source's snapshot and record it in MANIFEST.json.

    The document is checked first (it must load and parse with the source's importer, and list no
    more than 20% fewer offerings than the snapshot it replaces); then it is gzipped with mtime 0
    (same bytes -> same file) and written atomically, and the manifest entry gets ``uploaded`` =
    ``today`` (the ``updated`` date of every row taken from it), the sha256 of the document and the
    URL it came from (the wheel fields of an earlier offline snapshot are dropped). Raise
    :class:`CatalogError` (one line) and change nothing if the document is refused.
    """
    from modelsuite_tools.atomic import atomic_write_bytes

    mods = importers()
    mod = mods.get(source)
    if mod is None:
        raise CatalogError(f"{source}: no importer for this source")
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise CatalogError(f"{url}: corrupt gzip data ({exc})") from None
    new_rows = len(mod.parse(mod.load(raw), updated=today))
    manifest_path = snap_dir / "MANIFEST.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        manifest = {"snapshots": []}
    except ValueError as exc:
        raise CatalogError(f"{manifest_path}: malformed manifest ({exc})") from None
    entries = manifest.setdefault("snapshots", [])
    entry = next((e for e in entries if e.get("source") == source), None)
    if entry is not None:
        try:
            old = read_manifest(snap_dir)
            old_snap = next(s for s in old if s.source == source)
            old_rows = len(mod.parse(mod.load(load_snapshot(snap_dir, old_snap)), updated=old_snap.uploaded))
        except (CatalogError, StopIteration):
            old_rows = 0
        if new_rows < old_rows * (1 - MAX_SNAPSHOT_SHRINK):
            raise CatalogError(f"{url}: the downloaded catalog has {new_rows} offerings, over 20% fewer than the "
                               f"saved snapshot's {old_rows}; keeping the snapshot")
    else:
        entry = {"source": source, "file": mod.SNAPSHOT}
        entries.append(entry)
    for stale in ("package", "version", "wheel", "wheel_sha256", "path_in_wheel"):
        entry.pop(stale, None)
    # the downloaded document is the online form (genai-prices: data.json, where the wheel has data.py)
    old_file = str(entry.get("file") or "")
    entry.update(file=mod.SNAPSHOT, uploaded=today, sha256=hashlib.sha256(raw).hexdigest(),
                 url=url, online_url=url, origin=f"downloaded from {url} by `modelsuite import` on {today}")
    atomic_write_bytes(snap_dir / mod.SNAPSHOT, gzip.compress(raw, compresslevel=9, mtime=0))
    atomic_write_bytes(manifest_path, (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    if old_file and old_file != mod.SNAPSHOT and "/" not in old_file:
        (snap_dir / old_file).unlink(missing_ok=True)
    return Snapshot(source, str(entry["file"]), today, str(entry["sha256"]), entry)


def official_rows(snap_dir: Path) -> list[dict[str, str]]:
    """Return the curated official-page observations (``official.csv``), validated."""
    path = snap_dir / "official.csv"
    if not path.exists():
        return []
    parsed = read_csv(path)
    report = Report()
    for row in parsed.rows:
        validate_row(row, report)
    problems = parsed.problems + report.errors
    if problems:
        raise CatalogError(f"{problems[0]} ({len(problems)} problem(s) in official.csv)")
    return [dict(r.values) for r in parsed.rows]


# --- provider-API files --------------------------------------------------------------------------


def is_api_row(row: Mapping[str, str]) -> bool:
    """Return True when a row was written by a provider-API fetcher."""
    return any(source_tier(s) == 1 for s in row.get("source", "").split("+"))


def api_observation(row: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """Return the API's own values of an annotated row (catalog fills undone) and the other notes."""
    obs = dict(row)
    marked, kept = marked_columns(row.get("notes", ""))
    for col in marked:
        obs[col] = COLUMN_BY_NAME[col].unknown or ""
    added = {*importers(), "official"}  # the sources this pass adds; everything else is the fetcher's
    obs["source"] = "+".join(s for s in row.get("source", "").split("+") if s not in added)
    return obs, kept


def read_api_files(data_dir: Path) -> dict[str, list[dict[str, str]]]:
    """Return the rows of every provider-API CSV under ``data_dir`` by relative path."""
    out: dict[str, list[dict[str, str]]] = {}
    for category in CATEGORIES:
        folder = data_dir / category
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.csv")):
            provider = path.stem
            meta = PROVIDER_BY_ID.get(provider)
            parsed = read_csv(path)
            if parsed.problems:
                raise CatalogError(f"{parsed.problems[0]} (fix the fetcher's file first)")
            if (meta is not None and meta.fetched) or any(is_api_row(r.values) for r in parsed.rows):
                out[f"{category}/{path.name}"] = [dict(r.values) for r in parsed.rows]
    return out


# --- reconcile -----------------------------------------------------------------------------------


#: Columns that belong to one catalog entry and are never filled from another entry of the same offering.
_OWN_COLUMNS = ("id", "name", "notes", "_key", ZERO_KEY)


def _merge_same_source(rows: list[dict[str, str]]) -> dict[str, str]:
    """Merge one source's several entries for one offering: a provider-prefixed key wins.

    LiteLLM lists some offerings under a bare key and a provider-prefixed key (``gemini-exp-1206`` and
    ``gemini/gemini-exp-1206``); when they disagree the prefixed entry, which names the provider
    route explicitly, wins and the bare entry only fills what it leaves unknown (prices only when
    the two agree on the input and output price).
    """
    rows = sorted(rows, key=lambda r: (r.get("_key", "") == raw_id_of(r["id"]), len(r.get("_key", "")),
                                       r.get("_key", "")))
    base = dict(rows[0])
    for other in rows[1:]:
        # notes describe their own entry (e.g. its unit): never borrowed; prices are borrowed only from
        # an entry that agrees on the input and output price (never mix two price lists)
        # (a held catalog zero, see ZERO_KEY, is a price the entry states: not a gap to fill)
        same = _same_price(base, other) and not base.get(ZERO_KEY)
        skip = _OWN_COLUMNS if same else (*_OWN_COLUMNS, *PRICE_COLUMNS, "tiers")
        for col, val in other.items():
            if base.get(col, "") in ("", "-1") and val not in ("", "-1") and col not in skip:
                base[col] = val
    return base


def _close(a: str, b: str) -> bool:
    da, db = Decimal(a), Decimal(b)
    if da == db:
        return True
    hi = max(da, db)
    return hi > 0 and abs(da - db) / hi <= TOLERANCE


def _same_price(a: Mapping[str, str], b: Mapping[str, str]) -> bool:
    return all(a[f] == "-1" or b[f] == "-1" or _close(a[f], b[f]) for f in ("input_per_1m", "output_per_1m"))


def reconcile(catalog: list[dict[str, str]], official: list[dict[str, str]],
              api_files: Mapping[str, list[dict[str, str]]]) -> Result:
    """Combine all observations into rows per provider file; see the module docstring."""
    res = Result()
    stats = res.stats
    # 1. observations per offering (one per source)
    per_source: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    regional = 0
    matchers = [r for r in catalog if r.get(MATCH_KEY)]
    for row in [*(r for r in catalog if not r.get(MATCH_KEY)), *official]:
        if row.get("region"):
            regional += 1
            continue
        per_source[(row["id"].lower(), row["source"])].append(row)
    stats["regional prices not compared"] = regional
    offerings: dict[str, list[Obs]] = defaultdict(list)
    for (key, source), rows in per_source.items():
        merged = _merge_same_source(rows)
        offerings[key].append(Obs(source, merged["updated"], merged))
    api_rows: dict[str, tuple[str, int]] = {}  # offering key -> (file, index)
    api_notes: dict[str, list[str]] = {}
    for rel, rows in api_files.items():
        for i, row in enumerate(rows):
            key = row["id"].lower()
            obs, notes = api_observation(row)
            api_rows[key] = (rel, i)
            api_notes[key] = notes
            tokens = obs["source"].split("+")
            # one observation per source that measured the values (API, provider catalog); markers such
            # as `estimated` travel with the row but are not independent sources
            for src in [t for t in tokens if source_tier(t) in (1, 3)] or tokens[:1]:
                offerings[key].append(Obs(src, obs["updated"], obs))
    # catalogs that name models by match rule (genai-prices) confirm the offerings the others list
    attached = attach_by_match(matchers, {key: obs[0].row["id"] for key, obs in offerings.items()})
    for row in attached:
        offerings[row["id"].lower()].append(Obs(row["source"], row["updated"], row))
    stats["match-rule observations attached"] = len(attached)
    stats["match-rule entries naming no listed offering (not added)"] = \
        len({r["_key"] for r in matchers}) - len({r["_key"] for r in attached})
    fetched = {p.id for p in PROVIDER_BY_ID.values() if p.fetched}
    fetched |= {provider_of(r["id"]) for rows in api_files.values() for r in rows}
    stats["catalog zero prices confirmed by an independent source"] = _restore_zeros(offerings)
    stats["id spellings merged (version dots)"] = _merge_dotted(offerings)

    # 2. undated ids absorbed by their one dated id
    aliases: dict[str, str] = {}
    absorbed_notes: dict[str, str] = {}
    by_provider: dict[str, set[str]] = defaultdict(set)
    for key in offerings:
        by_provider[provider_of(key)].add(key)
    for provider, keys in by_provider.items():
        if provider in fetched:
            continue
        dated: dict[str, list[str]] = defaultdict(list)
        for key in keys:
            base = f"{provider}/{strip_date_suffix(raw_id_of(key))}"
            if base != key and base in keys:
                dated[base].append(key)
        for base, targets in dated.items():
            if len(targets) != 1:
                continue
            target = targets[0]
            tsrc = {o.source: o.row for o in offerings[target]}
            if not all(o.source not in tsrc or _same_price(o.row, tsrc[o.source]) for o in offerings[base]):
                continue
            raw_base = raw_id_of(next(o.row["id"] for o in offerings[base]))
            target_id = offerings[target][0].row["id"]
            for o in offerings.pop(base):
                if o.source not in tsrc:
                    o.row = {**o.row, "id": target_id}  # the row is the dated offering's, whoever ranks first
                    offerings[target].append(o)
                else:  # the same source lists both ids: fill what the dated entry leaves unknown
                    same = tsrc[o.source]
                    for col, val in o.row.items():
                        if same.get(col, "") in ("", "-1") and val not in ("", "-1") and col not in _OWN_COLUMNS:
                            same[col] = val
            if category_of(provider) == "core":
                aliases[target] = raw_base
            else:  # the id with its provider (`alibaba/qwen-flash`) still finds the row, and nothing else
                aliases[target] = f"{provider}/{raw_base}"
                absorbed_notes[target] = f"also listed as {raw_base}"
    stats["undated ids absorbed"] = len(aliases)

    # 3. choose values per offering
    chosen_rows: dict[str, dict[str, str]] = {}
    for key in sorted(offerings):
        ranked = rank_observations(offerings[key])
        chosen_rows[key] = _choose(ranked, res)
        _agreement(ranked, res.agreement)

    # 4. provider-API files: annotate in place
    catalog_only = 0
    not_added: set[str] = set()
    out_files: dict[str, list[dict[str, str]]] = {rel: [dict(r) for r in rows] for rel, rows in api_files.items()}
    for key, row in chosen_rows.items():
        if key in api_rows:
            rel, i = api_rows[key]
            out_files[rel][i] = _annotate(api_files[rel][i], row, api_notes[key])
            continue
        provider = provider_of(row["id"])
        if provider in fetched:
            catalog_only += 1
            not_added.add(row["id"])
            continue
        category = category_of(provider)
        if category is None:
            continue
        if key in aliases:
            row["alias"] = aliases[key]
        if key in absorbed_notes:
            row["notes"] = _clip("; ".join(n for n in (absorbed_notes[key], row.get("notes", "")) if n))
        out_files.setdefault(f"{category}/{provider}.csv", []).append(row)
    stats["catalog-only offerings of API-fetched providers (not added)"] = catalog_only
    # the audit covers the registry's rows: sources disagreeing on an offering that is not added are
    # counted, not listed
    listed = [d for d in res.disagreements if d.offering not in not_added]
    stats["disagreements on offerings not added"] = len(res.disagreements) - len(listed)
    res.disagreements = listed
    _unique_aliases(out_files)

    # 5. link, validate, drop what cannot be written
    all_rows = [r for rows in out_files.values() for r in rows]
    stats["linked"] = link_rows(all_rows)
    for rel in sorted(out_files):
        kept = []
        for row in out_files[rel]:
            if not is_api_row(row):
                errors = _sanitize(row, rel)
                if errors:
                    res.dropped.append(f"{row['id']}: {errors[0]}")
                    continue
            kept.append({c: row.get(c, "") for c in COLUMN_NAMES})
        out_files[rel] = kept
    res.files = out_files
    stats["rows"] = sum(len(r) for r in out_files.values())
    return res


def _restore_zeros(offerings: Mapping[str, list[Obs]]) -> int:
    """Restore a catalog's 0 (kept -1 by its importer) when another independent source also says 0."""
    restored = 0
    for key, obs in offerings.items():
        provider = provider_of(key)
        for o in obs:
            for col in filter(None, o.row.get(ZERO_KEY, "").split(",")):
                mine = origin_of(o.source, provider)
                if any(other.row.get(col) == "0" and origin_of(other.source, provider) != mine for other in obs):
                    o.row[col] = "0"
                    restored += 1
    return restored


def _merge_dotted(offerings: dict[str, list[Obs]]) -> int:
    """Merge ``x-3-7-y`` into ``x-3.7-y`` for providers whose table entry says both spell one id.

    Only when some source lists the dotted spelling (the id the provider's API uses); a source that
    lists both keeps its dotted entry and only fills what it leaves unknown.
    """
    merged = 0
    for key in sorted(offerings):
        dotted = dotted_version_id(provider_of(key), raw_id_of(key))
        if dotted is None or f"{provider_of(key)}/{dotted}" not in offerings:
            continue
        target = offerings[f"{provider_of(key)}/{dotted}"]
        have = {o.source: o for o in target}
        for o in offerings.pop(key):
            if o.source in have:
                for col, val in o.row.items():
                    if have[o.source].row.get(col, "") in ("", "-1") and val not in ("", "-1") and \
                            col not in _OWN_COLUMNS:
                        have[o.source].row[col] = val
            else:
                o.row = {**o.row, "id": target[0].row["id"]}
                target.append(o)
        merged += 1
    return merged


def _sanitize(row: dict[str, str], rel: str) -> list[str]:
    """Unset (to -1) a number the validator rejects, with a note; return the errors that remain."""
    for _ in range(3):
        report = Report()
        validate_row(Row({c: row.get(c, "") for c in COLUMN_NAMES}, rel), report)
        if not report.errors:
            return []
        fixable = [e for e in report.errors if e.column in FILLABLE]
        if not fixable:
            break
        for err in fixable:
            note = f"{err.column} {row[err.column]} from {row['source']} rejected as out of range"
            row[err.column] = "-1"
            row["notes"] = f"{row['notes']}; {note}" if row.get("notes") else note
        row["quality"] = _quality(row, [])
    return [f"{e.column}: {e.message}" for e in report.errors]


def _choose(obs: list[Obs], res: Result) -> dict[str, str]:
    top = obs[0]
    row = dict(top.row)
    offering = top.row["id"]
    has_api = source_tier(top.source) == 1
    chosen_input: str | None = None

    def consistent(o: Obs) -> bool:
        # a source whose own input price disagrees with the chosen one has an out-of-date (or other)
        # price list: its cache, batch and tier prices are not mixed into the row
        own = o.row.get("input_per_1m", "-1")
        return chosen_input is None or own in ("", "-1") or _close(own, chosen_input)

    for col in (*PRICE_COLUMNS, *INT_FIELDS):
        known = [(o, o.row.get(col, "-1")) for o in obs if o.row.get(col, "-1") not in ("", "-1")]
        if col in _DEPENDENT_PRICES:
            known = [(o, v) for o, v in known if consistent(o)]
        if col == "max_context":  # an input limit stands in for the window only when nothing gives the window
            known.sort(key=lambda ov: source_kind(ov[0].source).context_is_input_limit)
        row[col] = known[0][1] if known else "-1"
        if col == "input_per_1m" and known:
            chosen_input = known[0][1]
        if len(known) < 2 or col not in (*PRICE_FIELDS, *INT_FIELDS):
            continue
        first = known[0][1]
        differs = any(not _close(first, v) for _, v in known[1:]) if col in PRICE_FIELDS else \
            any(v != first for _, v in known[1:])
        if differs:
            weak = [o.source for o, _ in known[1:] if source_kind(o.source).context_is_input_limit]
            if col == "max_context" and weak:
                why = (f"{known[0][0].source}: context window; {', '.join(weak)} gives the input limit, "
                       "not the context window (used only when nothing else gives the window)")
            else:
                why = _why(known[0][0], [o for o, _ in known])
            res.disagreements.append(Disagreement(offering, col, {o.source: v for o, v in known}, first, why))
    row["tiers"] = next((o.row["tiers"] for o in obs if o.row.get("tiers") and consistent(o)), "")
    for col in ("input_modalities", "output_modalities", "deprecation_date", "hf_id", "kind", "_family",
                "source_url"):
        row[col] = next((o.row[col] for o in obs if o.row.get(col)), "")
    official_url = next((o.row["source_url"] for o in obs if o.source == "official" and o.row.get("source_url")), "")
    if official_url:
        row["source_url"] = official_url
    row["name"] = next((o.row["name"] for o in obs if o.row.get("name") and o.row["name"] != raw_id_of(o.row["id"])),
                       top.row.get("name") or raw_id_of(offering))
    # an empty caps column means "none" from an API but "not stated" from a page or catalog
    caps_sets = {o.source: o.row.get("caps", "") for o in obs if o.row.get("caps") or source_tier(o.source) == 1}
    if has_api:
        row["caps"] = top.row.get("caps", "")
        reason = "provider API"
    else:
        letters = set("".join(caps_sets.values()))
        row["caps"] = "".join(ch for ch in "VTJSKC" if ch in letters)
        reason = "union of the catalogs' capabilities"
    if len(set(caps_sets.values())) > 1:
        res.disagreements.append(Disagreement(offering, "caps", caps_sets, row["caps"], reason))
    if has_api:
        row["status"] = top.row["status"]
    elif any(o.row.get("status") == "D" for o in obs):
        row["status"] = "D"
    price_src = next((o for o in obs if o.row.get("input_per_1m", "-1") != "-1"), top)
    confirming = [o.date for o in obs if o.row.get("input_per_1m", "-1") != "-1"
                  and _close(o.row["input_per_1m"], price_src.row["input_per_1m"])
                  and _close(o.row.get("output_per_1m", "-1"), price_src.row.get("output_per_1m", "-1"))]
    row["updated"] = max(confirming, default=price_src.date)
    sources = list(dict.fromkeys(o.source for o in obs))
    row["source"] = "+".join(sources)
    if row["deprecation_date"] and row["deprecation_date"] <= row["updated"]:
        row["status"] = "D"
    row["quality"] = _quality(row, obs)
    catalogs = set(importers())
    notes = [f"{o.source}: {o.row['notes']}" for o in obs if o.source in catalogs and o.row.get("notes")]
    row["notes"] = _clip("; ".join(dict.fromkeys(notes)))
    return row


def _clip(text: str, limit: int = 1000) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _why(winner: Obs, others: list[Obs]) -> str:
    tier = source_tier(winner.source)
    same = [o for o in others if o is not winner and source_tier(o.source) == tier]
    if same:
        agreeing = [o.source for o in same if _same_price(o.row, winner.row)
                    and o.row.get("input_per_1m", "-1") != "-1"]
        if agreeing and any(not _same_price(o.row, winner.row) for o in same):
            return f"{winner.source}: {TIER_NAMES[tier]}, price confirmed by {', '.join(sorted(agreeing))}"
        return f"{winner.source}: {TIER_NAMES[tier]}, newer snapshot ({winner.date})"
    lower = sorted({TIER_NAMES[source_tier(o.source)] for o in others if o is not winner})
    newer = sorted(f"{o.source} {o.date}" for o in others if o is not winner and o.date > winner.date)
    note = f"; note: {winner.source} ({winner.date}) is older than {', '.join(newer)}" if newer else ""
    return f"{winner.source}: {TIER_NAMES[tier]} outranks {', '.join(lower)}{note}"


def _quality(row: Mapping[str, str], obs: Iterable[Obs]) -> str:
    """``verified`` when two independent sources (different origins, see ``DERIVED_SOURCES``) observed the
    row's input and output price within 1%; a value carried or filled into an API row is not the
    API's observation (undone by :func:`api_observation` before this runs)."""
    pin, pout = row["input_per_1m"], row["output_per_1m"]
    if pin == "-1" or pout == "-1":
        return "partial"
    provider = provider_of(row["id"])
    agree = {origin_of(o.source, provider) for o in obs
             if o.row.get("input_per_1m", "-1") != "-1" and o.row.get("output_per_1m", "-1") != "-1"
             and _close(o.row["input_per_1m"], pin) and _close(o.row["output_per_1m"], pout)}
    return "verified" if len(agree) >= 2 else "partial"


def _agreement(obs: list[Obs], table: dict[tuple[str, str], list[int]]) -> None:
    priced = [o for o in obs if o.row.get("input_per_1m", "-1") != "-1" and o.row.get("output_per_1m", "-1") != "-1"]
    for i, a in enumerate(priced):
        for b in priced[i + 1:]:
            provider = provider_of(a.row["id"])
            pair = tuple(sorted((a.source, b.source)))
            if origin_of(a.source, provider) == origin_of(b.source, provider):
                pair = (pair[0], f"{pair[1]} [derived, not independent]")
            cell = table.setdefault((pair[0], pair[1]), [0, 0])
            cell[0] += 1
            if _close(a.row["input_per_1m"], b.row["input_per_1m"]) and \
                    _close(a.row["output_per_1m"], b.row["output_per_1m"]):
                cell[1] += 1


def _annotate(api_row: Mapping[str, str], chosen: Mapping[str, str], other_notes: list[str]) -> dict[str, str]:
    obs, _ = api_observation(api_row)
    if set(chosen["source"].split("+")) <= set(obs["source"].split("+")):
        # no other source lists it: the fetcher's row stands as written (earlier fills undone)
        out = dict(api_row)
        out.update({col: obs.get(col, "-1") or "-1" for col in FILLABLE}, source=obs["source"] or out["source"],
                   notes="; ".join(other_notes))
        if out["quality"] == "verified" and len(set(out["source"].split("+"))) < 2:
            out["quality"] = "partial"
        if out.get("deprecation_date") and out["deprecation_date"] <= out["updated"]:
            out["status"] = "D"
        return out
    out = dict(api_row)
    filled = []
    unit_mismatch = any(UNIT_MISMATCH_RE.search(n) for n in other_notes)
    for col in FILLABLE:
        if unit_mismatch and col in PRICE_COLUMNS:  # the fetcher left it -1 on purpose: another unit
            out[col] = obs.get(col, "-1") or "-1"
        elif obs.get(col, "-1") in ("", "-1") and chosen.get(col, "-1") not in ("", "-1"):
            out[col] = chosen[col]
            filled.append(col)
        else:
            out[col] = obs.get(col, "-1") or "-1"
    if not out.get("tiers") and chosen.get("tiers"):
        out["tiers"] = chosen["tiers"]
    tokens = obs["source"].split("+")
    out["source"] = "+".join(dict.fromkeys([*tokens, *chosen["source"].split("+")]))
    if "estimated" in tokens:
        out["quality"] = "estimated"
    else:
        out["quality"] = chosen["quality"] if out["input_per_1m"] == chosen["input_per_1m"] else "partial"
    if unit_mismatch and out["input_per_1m"] == "-1":
        out["quality"] = "partial"
    if out.get("deprecation_date") and out["deprecation_date"] <= out["updated"]:
        out["status"] = "D"
    notes = list(other_notes)
    if filled:
        notes.append(FILLED_MARK + ",".join(filled))
    out["notes"] = _clip("; ".join(notes))
    return out


def _unique_aliases(files: Mapping[str, list[dict[str, str]]]) -> None:
    """Drop an alias that equals another alias or another core row's own id (lookups stay unambiguous).

    An alias may equal the raw id of a non-core offering: alias lookups outrank raw-id lookups and
    core rows come first (plan §2.4), so ``claude-sonnet-4-5`` still finds Anthropic's own row.
    """
    raw_ids = {raw_id_of(r["id"]).lower() for rel, rows in files.items() if rel.startswith("core/") for r in rows}
    count: dict[str, int] = defaultdict(int)
    for rows in files.values():
        for r in rows:
            if r.get("alias"):
                count[r["alias"].lower()] += 1
    for rows in files.values():
        for r in rows:
            a = r.get("alias", "").lower()
            if a and (count[a] > 1 or a in raw_ids):
                r["alias"] = ""


# --- writing -------------------------------------------------------------------------------------


def write_result(data_dir: Path, res: Result, *, dry_run: bool = False) -> list[str]:
    """Write every changed file through the guarded writer (validated, locked, atomic).

    Return the relative paths that changed (or would change, with ``dry_run``). An unchanged file
    is not touched, so running the pass twice writes nothing the second time.
    """
    from modelsuite_tools.guarded_write import GuardError, write_rows

    changed = []
    all_ids = {r["id"] for rows in res.files.values() for r in rows}
    for rel in sorted(res.files):
        path = data_dir / rel
        text = format_csv(res.files[rel])
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        changed.append(rel)
        # a file may shrink only when every row it loses moved to another file of the result
        # (e.g. a provider split in the providers table); any other loss is refused by the guard
        moved = path.exists() and all(_renamed(r.values["id"]) & all_ids for r in read_csv(path).rows)
        if not dry_run:
            try:
                write_rows(path, res.files[rel], allow_shrink=moved)
            except GuardError as exc:
                raise CatalogError(f"{rel}: {exc}") from None
    return changed


def _renamed(model_id: str) -> set[str]:
    """Return the ids an existing row may live under after the providers table's id rules."""
    provider, raw = provider_of(model_id), raw_id_of(model_id)
    out = {model_id, "/".join(canonical_offering(provider, raw))}
    dotted = dotted_version_id(provider, raw)
    if dotted:
        out.add(f"{provider}/{dotted}")
    return out


def run_pipeline(data_dir: Path, snap_dir: Path, *, replace: Mapping[str, list[dict[str, str]]] | None = None,
                 ) -> Result:
    """Reconcile the snapshots with the API files under ``data_dir``.

    ``replace`` maps a source id to rows that stand in for that source's snapshot (an online or
    ``--from-file`` import).
    """
    stats: dict[str, Any] = {}
    replace = replace or {}
    rows = list(catalog_rows_from_snapshots(snap_dir, stats, skip=set(replace)))
    for rows_of_source in replace.values():
        rows.extend(rows_of_source)
    res = reconcile(rows, official_rows(snap_dir), read_api_files(data_dir))
    res.stats.update(stats)
    return res


def stale_rows(rows: Iterable[Mapping[str, str]], *, days: int, today: _dt.date) -> list[Mapping[str, str]]:
    """Return the rows whose ``updated`` date is more than ``days`` days before ``today``."""
    cutoff = (today - _dt.timedelta(days=days)).isoformat()
    return [r for r in rows if r.get("updated", "") < cutoff]


def summary(res: Result) -> dict[str, Any]:
    """Return counts, the verified share and the agreement rate of each pair of sources."""
    rows = [r for f in res.files.values() for r in f]
    verified = sum(1 for r in rows if r["quality"] == "verified")
    by_category: dict[str, int] = defaultdict(int)
    by_provider: dict[str, int] = defaultdict(int)
    for rel, f in res.files.items():
        by_category[rel.split("/", 1)[0]] += len(f)
        by_provider[Path(rel).stem] += len(f)
    pairs = [{"a": a, "b": b, "shared": n, "agree": ok, "rate": round(100 * ok / n, 1) if n else 0.0}
             for (a, b), (n, ok) in sorted(res.agreement.items())]
    return {
        "rows": len(rows),
        "providers": len(by_provider),
        "verified": verified,
        "verified_share": round(100 * verified / max(1, len(rows)), 1),
        "disagreements": len(res.disagreements),
        "by_category": dict(sorted(by_category.items())),
        "by_provider": dict(sorted(by_provider.items())),
        "agreement": pairs,
        "stats": res.stats,
        "dropped": res.dropped,
    }
