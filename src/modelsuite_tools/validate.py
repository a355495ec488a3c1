"""Validate registry rows (plan §5): every problem collected, each with file, line, column and fix.

Errors make ``modelsuite validate`` exit 1 and stop ``modelsuite build``; warnings are reported
and do not fail. Cross-provider duplicates (the same model offered by several providers) are
reported, not errors: the registry keeps every offering (plan §2.4).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from modelsuite_tools.csvio import Problem, Row
from modelsuite_tools.naming import normalize_model_name
from modelsuite_tools.schema import (
    ALIAS_RE,
    BENCH_EXTRA_RE,
    BENCHMARK_COLUMNS,
    CAPS_ORDER,
    DATE_RE,
    FORBIDDEN_TEXT_RE,
    ID_RE,
    INT_RE,
    KINDS,
    MEASURE_COLUMNS,
    MEASURE_RE,
    MODALITY_RE,
    PRICE_COLUMNS,
    PRICE_RE,
    QUALITIES,
    RAW_ID_RE,
    SCORE_RE,
    SOURCE_RE,
    SOURCES,
    STATUSES,
    TIER_RE,
    UNKNOWN_NUMBER,
    URL_RE,
    provider_of,
    raw_id_of,
)

#: Lone surrogates (possible in JSON from an API) are not Unicode text and cannot be saved as UTF-8.
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
MAX_PRICE_PER_1M = Decimal(2000)
MAX_CONTEXT = 10_000_000
MIN_CHAT_CONTEXT = 1024
TEXT_LIMITS = {"name": 200, "description": 4000, "notes": 1000}


@dataclass(slots=True)
class Report:
    """The outcome of validating a set of rows."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    #: groups of ids that look like the same model offered by several providers
    cross_provider: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Return True when there is no error (warnings allowed)."""
        return not self.errors


def _date_ok(value: str) -> bool:
    if not DATE_RE.fullmatch(value):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def validate_row(row: Row, report: Report, *, today: _dt.date | None = None, provider: str | None = None) -> None:
    """Check one row, appending every problem found to ``report``."""
    v = row.values
    err = report.errors.append
    warn = report.warnings.append

    def e(col: str, msg: str) -> None:
        err(Problem(row.file, row.line, col, msg))

    def w(col: str, msg: str) -> None:
        warn(Problem(row.file, row.line, col, msg))

    mid = v.get("id", "")
    if not mid:
        e("id", "missing; every row needs an id of the form <provider>/<model id>")
    elif "/" not in mid:
        e("id", f"{mid!r} has no provider prefix; write it as <provider>/{mid if mid.isprintable() else '<id>'}")
    elif not ID_RE.fullmatch(mid):
        prov = provider_of(mid)
        what = "provider" if not raw_id_of(mid) or not RAW_ID_RE.fullmatch(raw_id_of(mid)) else "id"
        what = "provider prefix" if prov != prov.lower() or not prov else what
        e("id", f"{mid!r} is not a valid id ({what}); use lower-case [a-z0-9_-] for the provider and "
          "[A-Za-z0-9._:/@~+=-] for the model id, no spaces")
    elif provider is not None and provider_of(mid) != provider:
        e("id", f"provider prefix {provider_of(mid)!r} does not match the file name {provider!r}.csv; "
          "move the row to the provider's own file")

    alias = v.get("alias", "")
    if alias and not ALIAS_RE.fullmatch(alias):
        e("alias", f"{alias!r} is not a valid alias; use [A-Za-z0-9._:/@~+-], no spaces")

    for col in ("name", "description", "notes"):
        text = v.get(col, "")
        if col == "name" and not text.strip():
            e("name", "missing; give the provider's display name")
            continue
        bad = FORBIDDEN_TEXT_RE.search(text)
        if bad:
            e(col, f"contains control or bidi character U+{ord(bad.group()):04X}; remove it "
              "(names and descriptions are single-line plain text)")
        if _SURROGATE_RE.search(text):
            e(col, "contains a lone surrogate (not valid Unicode text, cannot be saved as UTF-8); remove it")
        if text != text.strip():
            e(col, "has leading or trailing spaces; remove them")
        if len(text) > TEXT_LIMITS[col]:
            e(col, f"is {len(text)} characters long; shorten it to at most {TEXT_LIMITS[col]}")

    if v.get("status", "") not in STATUSES:
        e("status", f"{v.get('status', '')!r} is not one of C (current), L (legacy), D (deprecated)")

    prices: dict[str, Decimal | None] = {}
    for col in PRICE_COLUMNS:
        raw = v.get(col, "")
        if raw in ("", UNKNOWN_NUMBER) and col not in ("input_per_1m", "output_per_1m", "cache_per_1m"):
            prices[col] = None
            continue
        if not PRICE_RE.fullmatch(raw):
            e(col, f"{raw!r} is not a price; write USD per 1M tokens as a plain decimal (e.g. 0.15), "
              "or -1 for unknown")
            prices[col] = None
            continue
        price = Decimal(raw)
        prices[col] = None if raw == UNKNOWN_NUMBER else price
        if price > MAX_PRICE_PER_1M:
            e(col, f"{raw} USD per 1M tokens is implausibly high; check the unit (per token? per 1K?)")
    pin, pout, pcache = prices["input_per_1m"], prices["output_per_1m"], prices["cache_per_1m"]
    if pin is not None and pcache is not None and pcache > pin:
        w("cache_per_1m", f"cached input ({pcache}) costs more than uncached input ({pin}); check the source")
    if pin is not None and pout is not None and pin > 0 and pout < pin * Decimal("0.5") and pout > 0:
        w("output_per_1m", f"output price {pout} is under half the input price {pin}; check the source")

    ints: dict[str, int | None] = {}
    for col in ("max_context", "max_output"):
        raw = v.get(col, "")
        if not INT_RE.fullmatch(raw):
            e(col, f"{raw!r} is not a token count; write a whole number, or -1 for unknown")
            ints[col] = None
            continue
        ints[col] = None if raw == UNKNOWN_NUMBER else int(raw)
        if ints[col] == 0:
            e(col, "0 tokens is not a limit; write -1 if the limit is unknown")
            ints[col] = None
    ctx = ints["max_context"]
    kind = v.get("kind", "")
    if ctx is not None and ctx > MAX_CONTEXT:
        e("max_context", f"{ctx} tokens is implausibly large (over {MAX_CONTEXT:,}); check the source")
    if ctx is not None and ctx < MIN_CHAT_CONTEXT and kind in ("", "chat", "completion"):
        e("max_context", f"{ctx} tokens is too small for a {kind or 'chat'} model; check the source or the kind")
    mout = ints["max_output"]
    if ctx is not None and mout is not None and mout > ctx:
        w("max_output", f"max output {mout} exceeds the context window {ctx}")

    caps = v.get("caps", "")
    if caps:
        order = [CAPS_ORDER.find(ch) for ch in caps]
        if -1 in order or order != sorted(set(order)):
            e("caps", f"{caps!r}: use each of the letters {CAPS_ORDER} at most once, in that order")

    for col in BENCHMARK_COLUMNS:
        raw = v.get(col, "")
        if not SCORE_RE.fullmatch(raw) or (raw != "-" and not 0 <= float(raw) <= 100):
            e(col, f"{raw!r} is not a score; write a number from 0 to 100, or - for unknown")
    for col in MEASURE_COLUMNS:
        raw = v.get(col, "")
        if not MEASURE_RE.fullmatch(raw):
            e(col, f"{raw!r} is not a measurement; write a non-negative number, or - for unknown")

    if v.get("can_classify", "") not in ("Y", "N"):
        e("can_classify", f"{v.get('can_classify', '')!r}: write Y or N")

    source = v.get("source", "")
    tokens = source.split("+") if source else []
    if not source or not SOURCE_RE.fullmatch(source):
        e("source", f"{source!r}: name where the numbers come from, e.g. litellm or official+models.dev")
    else:
        unknown = [t for t in tokens if t not in SOURCES]
        if unknown:
            e("source", f"unknown source id {unknown[0]!r}; use one of {', '.join(sorted(SOURCES))} "
              "or register it in modelsuite_tools/schema.py")
    quality = v.get("quality", "")
    if quality not in QUALITIES:
        e("quality", f"{quality!r} is not one of {', '.join(QUALITIES)}")
    elif quality == "verified" and len(set(tokens)) < 2:
        e("quality", "verified needs at least two independent sources in the source column; use partial")
    if "estimated" in tokens and quality != "estimated":
        e("quality", "the source includes an estimate, so quality must be estimated")

    updated = v.get("updated", "")
    if not _date_ok(updated):
        e("updated", f"{updated!r} is not a date; write YYYY-MM-DD (the source snapshot's date)")
    elif today is not None and _dt.date.fromisoformat(updated) > today:
        e("updated", f"{updated} is in the future; use the date of the source snapshot")

    if kind and kind not in KINDS:
        e("kind", f"{kind!r} is not one of {', '.join(KINDS)}")
    tiers = v.get("tiers", "")
    if tiers:
        last = -1
        for item in tiers.split(";"):
            m = TIER_RE.fullmatch(item)
            if not m:
                e("tiers", f"{item!r}: write THRESHOLD=INPUT/OUTPUT/CACHE_READ, e.g. 200000=2.5/15/0.25")
                break
            if int(m.group(1)) <= last:
                e("tiers", "thresholds must be in increasing order")
                break
            last = int(m.group(1))
    for col in ("input_modalities", "output_modalities"):
        raw = v.get(col, "")
        if raw and not MODALITY_RE.fullmatch(raw):
            e(col, f"{raw!r}: write lower-case modalities joined by +, e.g. text+image")
    for col in ("base_model", "hf_id"):
        raw = v.get(col, "")
        if raw and not RAW_ID_RE.fullmatch(raw):
            e(col, f"{raw!r} is not a valid model name; use [A-Za-z0-9._:/@~+=-], no spaces")
    region = v.get("region", "")
    if region and not (region.replace("-", "").isalnum() and region.islower()):
        e("region", f"{region!r}: write a lower-case region code such as us-east-1")
    dep = v.get("deprecation_date", "")
    if dep and not _date_ok(dep):
        e("deprecation_date", f"{dep!r} is not a date; write YYYY-MM-DD or leave it empty")
    extra = v.get("bench_extra", "")
    if extra and not BENCH_EXTRA_RE.fullmatch(extra):
        e("bench_extra", f"{extra!r}: write key=value pairs joined by ;, e.g. aa_intelligence=61.2")
    url = v.get("source_url", "")
    if url and not URL_RE.fullmatch(url):
        e("source_url", f"{url!r} is not an https URL without spaces or quotes")


def validate_rows(
    rows: Sequence[Row], *, today: _dt.date | None = None, check_file_provider: bool = True
) -> Report:
    """Validate rows from any number of files: each row, exact duplicates, provider placement."""
    report = Report()
    seen: dict[str, Row] = {}
    provider_category: dict[str, tuple[str, str]] = {}
    for row in rows:
        provider = None
        if check_file_provider and row.file.endswith(".csv"):
            provider = row.file.replace("\\", "/").rsplit("/", 1)[-1][:-4]
        validate_row(row, report, today=today, provider=provider)
        mid = row.values.get("id", "")
        if not mid:
            continue
        first = seen.get(mid)
        if first is not None:
            report.errors.append(Problem(row.file, row.line, "id", f"duplicate id {mid!r}, first defined at "
                                         f"{first.file}:{first.line}; keep one row per offering"))
        else:
            seen[mid] = row
        if row.category:
            prov = provider_of(mid)
            placed = provider_category.setdefault(prov, (row.category, row.file))
            if placed[0] != row.category:
                report.errors.append(Problem(row.file, row.line, "id", f"provider {prov!r} is also in "
                                             f"{placed[1]}; keep each provider in one category folder"))
    report.cross_provider = cross_provider_duplicates(seen.values())
    return report


def cross_provider_duplicates(rows: Iterable[Row]) -> list[tuple[str, list[str]]]:
    """Group ids whose raw id or name normalizes to the same model, across different providers."""
    groups: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        mid = row.values["id"]
        groups[normalize_model_name(raw_id_of(mid))].add(mid)
        name = row.values.get("name", "")
        if name:
            groups[normalize_model_name(name)].add(mid)
    out: list[tuple[str, list[str]]] = []
    for key, ids in sorted(groups.items()):
        if key and len({provider_of(i) for i in ids}) > 1:
            out.append((key, sorted(ids)))
    return out
