"""Find models by what they can do and what they cost; list every provider's offering of a model.

Standard library only, and lazy: the first query reads the generated rows once into parallel
filter columns (plain tuples of ints, floats and strings, one entry per row) and keeps them until
the registry is reloaded. A query walks those columns and materializes a :class:`ModelInfo` only
for the rows it returns, so a filtered query over thousands of offerings takes about a millisecond.

Example::

    from modelsuite import find_models, offerings
    cheap_vision = find_models(vision=True, tools=True, max_input_price="1", sort_by="input_price", limit=5)
    for o in offerings("llama-3.3-70b-versatile"):  # every provider's offering, cheapest first
        print(o.id, o.pricing.input_per_1m, o.pricing.output_per_1m)
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from modelsuite import _registry
from modelsuite._model import ModelInfo

__all__ = [
    "SORT_KEYS",
    "ModelNotFoundError",
    "blended_price",
    "find_models",
    "link_key",
    "offerings",
    "quality_per_dollar",
    "quality_score",
    "resolve_model",
]

#: Capability flag names, in the order of the ``caps`` letters ``VTJSKC``.
CAPABILITIES = ("vision", "tools", "json_mode", "structured_output", "thinking", "caching")
_CAP_BITS = {letter: 1 << n for n, letter in enumerate("VTJSKC")}
_STATUS_CODES = {"current": "C", "legacy": "L", "deprecated": "D", "c": "C", "l": "L", "d": "D"}
#: The benchmark columns :func:`quality_score` averages (scores 0-100).
SCORE_FIELDS = ("mmlu", "humaneval", "math", "gpqa", "swe_bench", "ifeval", "mmmu", "mgsm")

# Field positions in a generated row (see modelsuite._registry.FIELDS).
_F = {name: n for n, name in enumerate(_registry.FIELDS)}


class ModelNotFoundError(LookupError):
    """No model has this id, alias or provider's id.

    Recoverable: the caller can correct the name (``modelsuite search`` lists close ones).
    """

    def __init__(self, key: object) -> None:
        super().__init__(f"no model {key!r} in the registry")
        self.key = key


# ---------------------------------------------------------------------------------------------
# name normalisation (kept in step with modelsuite_tools.naming.normalize_model_name; a test
# checks they agree — the runtime cannot import the build-time package)
_NORMALIZERS: list[tuple[re.Pattern[str], str]] = []


def _normalize(text: str) -> str:
    if not _NORMALIZERS:  # compiled on first use (importing the package stays cheap); one assignment
        _NORMALIZERS[:] = [(re.compile(r"^[^:/]{1,40}:\s+"), ""), (re.compile(r":[a-z0-9._-]*$"), ""),
                           (re.compile(r"[\s_.]+"), "-"), (re.compile(r"-{2,}"), "-")]  # fmt: skip
    (label, _), variant, separators, dashes = _NORMALIZERS[:4]
    s = label.sub("", text.strip())
    s = s.lower().rsplit("/", 1)[-1]
    for pattern, repl in (variant, separators, dashes):
        s = pattern.sub(repl, s)
    return s.strip("-")


# ---------------------------------------------------------------------------------------------
# the precomputed columns


def _price(s: str) -> float | None:
    return None if s in ("-1", "") else float(s)


def _count(s: str) -> int | None:
    return None if s in ("-1", "") else int(s)


def _score(fields: Sequence[str]) -> float | None:
    known = [float(x) for x in fields if x != "-"]
    return sum(known) / len(known) if known else None


class _Columns:
    """Per-row filter and sort values, built once per loaded registry."""

    def __init__(self, rows: tuple[str, ...]) -> None:
        f = _F
        # one transposition: column[k] is the tuple of field k of every row
        column: list[tuple[str, ...]] = list(zip(*(r.split("\t") for r in rows), strict=True)) or [()] * len(f)
        self.rows = rows
        self.n = len(rows)
        self.ids = column[f["id"]]
        self.provider = tuple(i.partition("/")[0] for i in self.ids)
        self.category = column[f["category"]]
        self.status = column[f["status"]]
        self.kind = tuple(k or "chat" for k in column[f["kind"]])
        self.quality = column[f["quality"]]
        self.classify = tuple(v == "Y" for v in column[f["can_classify"]])
        caps_bits: dict[str, int] = {}
        for letters in set(column[f["caps"]]):
            caps_bits[letters] = sum(_CAP_BITS.get(ch, 0) for ch in letters)
        self.caps = tuple(map(caps_bits.__getitem__, column[f["caps"]]))
        self.context = tuple(map(_count, column[f["max_context"]]))
        self.max_output = tuple(map(_count, column[f["max_output"]]))
        self.input_raw = column[f["input_per_1m"]]
        self.output_raw = column[f["output_per_1m"]]
        self.input_price = tuple(map(_price, self.input_raw))
        self.output_price = tuple(map(_price, self.output_raw))
        self.cache_price = tuple(map(_price, column[f["cache_per_1m"]]))
        self.names = column[f["name"]]
        self.aliases = column[f["alias"]]
        self.updated = column[f["updated"]]
        self.base = tuple(b.lower() for b in column[f["base_model"]])
        self._scores = [column[f[name]] for name in SCORE_FIELDS]
        self._score: tuple[float | None, ...] | None = None
        self._haystack: tuple[tuple[str, ...], tuple[str, ...]] | None = None
        self._links: tuple[dict[str, list[int]], dict[str, list[int]], dict[str, list[int]]] | None = None
        self._sort: dict[str, Sequence[Any]] | None = None

    @property
    def score(self) -> tuple[float | None, ...]:
        """Return every row's :func:`quality_score` (built on first use)."""
        if self._score is None:
            self._score = tuple(map(_score, zip(*self._scores, strict=True))) if self.n else ()
        return self._score

    def sort_values(self, key: str) -> Sequence[Any]:
        """Return the sort column ``key`` (all sort columns are built together, once)."""
        if self._sort is None:
            self._sort = _sort_columns(self)
        return self._sort[key]

    def haystack(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Return, lower-cased, every row's ``id name alias description`` and its ``id name`` (built once)."""
        if self._haystack is None:
            d = _F["description"]
            head = tuple(f"{mid}\n{name}".lower() for mid, name in zip(self.ids, self.names, strict=True))
            full = tuple(
                f"{h}\n{alias.lower()}\n{r.split(chr(9), d + 1)[d].lower()}"
                for h, alias, r in zip(head, self.aliases, self.rows, strict=True)
            )
            self._haystack = (full, head)
        return self._haystack

    def links(self) -> tuple[dict[str, list[int]], dict[str, list[int]], dict[str, list[int]]]:
        """Return the link indexes (built once): linked rows by ``base_model`` and by its
        normalized name, and unlinked rows (empty ``base_model``) by their normalized id."""
        if self._links is None:
            by_base: dict[str, list[int]] = {}
            by_norm_linked: dict[str, list[int]] = {}
            by_norm_unlinked: dict[str, list[int]] = {}
            for i, (base, mid) in enumerate(zip(self.base, self.ids, strict=True)):
                if base:
                    by_base.setdefault(base, []).append(i)
                    by_norm_linked.setdefault(_normalize(base), []).append(i)
                else:
                    by_norm_unlinked.setdefault(_normalize(mid), []).append(i)
            self._links = (by_base, by_norm_linked, by_norm_unlinked)
        return self._links

    def group(self, base_model: str, model_id: str = "") -> list[int]:
        """Return the rows linked to ``base_model`` (or, when it is empty, to ``model_id``), in order.

        Rows with a ``base_model`` link when it is equal (ignoring case); a row without one links
        by normalized name to any row. A ``base_model`` without an organisation (``llama-3.3-70b``)
        matches by normalized name too.
        """
        by_base, by_norm_linked, by_norm_unlinked = self.links()
        base = base_model.strip().lower()
        if base:
            norm = _normalize(base)
            rows = by_base.get(base, []) + by_norm_unlinked.get(norm, [])
            if "/" not in base:
                rows += by_norm_linked.get(norm, [])
        else:
            norm = _normalize(model_id)
            rows = by_norm_unlinked.get(norm, []) + by_norm_linked.get(norm, [])
        return sorted(set(rows))


_lock = threading.Lock()
_cache: _Columns | None = None


def _columns() -> _Columns:
    global _cache
    rows = _registry.raw_rows()
    cols = _cache
    if cols is None or cols.rows is not rows:
        with _lock:
            cols = _cache
            if cols is None or cols.rows is not rows:
                cols = _cache = _Columns(rows)
    return cols


# ---------------------------------------------------------------------------------------------
# helpers on one model


def resolve_model(model: str | ModelInfo) -> ModelInfo:
    """Return the model for an id, alias or provider's id (or the ``ModelInfo`` itself).

    Raises :class:`ModelNotFoundError` (a ``LookupError``) when nothing matches.
    """
    if isinstance(model, ModelInfo):
        return model
    if not isinstance(model, str):
        raise TypeError(f"model must be an id, alias or ModelInfo, not {type(model).__name__}")
    found = _registry.get_model_info(model)
    if found is None:
        raise ModelNotFoundError(model)
    return found


def link_key(model: str | ModelInfo) -> str:
    """Return the name linking offerings of one underlying model across providers.

    It is the ``base_model`` column (lower-cased), or the normalized id when that is empty
    (``openrouter/meta-llama/Llama_3.3 70B:free`` -> ``llama-3-3-70b``). See :func:`offerings`.
    """
    m = resolve_model(model)
    return m.base_model.lower() or _normalize(m.id)


def blended_price(model: str | ModelInfo, input_weight: object = 1, output_weight: object = 1) -> Decimal | None:
    """Return ``input_weight * input price + output_weight * output price`` (USD per 1M), exact.

    ``None`` when a price with a nonzero weight is unknown.
    """
    p = resolve_model(model).pricing
    wi, wo = _decimal(input_weight, "input_weight"), _decimal(output_weight, "output_weight")
    total = Decimal(0)
    for weight, price in ((wi, p.input_per_1m), (wo, p.output_per_1m)):
        if weight:
            if price is None:
                return None
            total += weight * price
    return total


def quality_score(model: str | ModelInfo) -> float | None:
    """Return the mean of the model's known benchmark scores (0-100), or ``None`` if none is known.

    Averages whichever of :data:`SCORE_FIELDS` a source states for the model, so two models'
    scores are only comparable when the same benchmarks are known for both; the mean is a coarse
    ranking aid, not a measurement.
    """
    b = resolve_model(model).benchmarks
    known = [v for v in (getattr(b, name) for name in SCORE_FIELDS) if v is not None]
    return sum(known) / len(known) if known else None


def quality_per_dollar(model: str | ModelInfo, input_weight: object = 1, output_weight: object = 1) -> float | None:
    """Return :func:`quality_score` divided by :func:`blended_price` (score points per USD).

    ``None`` when the score or a needed price is unknown; ``float('inf')`` for a free offering.
    """
    m = resolve_model(model)
    score = quality_score(m)
    price = blended_price(m, input_weight, output_weight)
    if score is None or price is None:
        return None
    return float("inf") if price == 0 else score / float(price)


def _decimal(value: object, what: str) -> Decimal:
    if isinstance(value, bool):
        raise TypeError(f"{what} must be a number, not bool")
    if isinstance(value, Decimal):
        d = value
    elif isinstance(value, (int, str)):
        try:
            d = Decimal(value)
        except InvalidOperation:
            raise ValueError(f"{what} must be a number, not {value!r}") from None
    elif isinstance(value, float):
        d = Decimal(repr(value))
    else:
        raise TypeError(f"{what} must be a number, not {type(value).__name__}")
    if not d.is_finite() or d < 0:
        raise ValueError(f"{what} must be a finite number >= 0, not {value!r}")
    return d


# ---------------------------------------------------------------------------------------------
# find_models


def _sort_columns(c: _Columns) -> dict[str, Sequence[Any]]:
    return {
        "id": c.ids,
        "name": tuple(n.lower() for n in c.names),
        "provider": c.provider,
        "input_price": c.input_price,
        "output_price": c.output_price,
        "cache_price": c.cache_price,
        "price": tuple(
            None if a is None or b is None else a + b for a, b in zip(c.input_price, c.output_price, strict=True)
        ),
        "context": c.context,
        "max_output": c.max_output,
        "updated": c.updated,
        "score": c.score,
        "value": tuple(
            None if s is None or a is None or b is None else (float("inf") if a + b == 0 else s / (a + b))
            for s, a, b in zip(c.score, c.input_price, c.output_price, strict=True)
        ),
    }


#: ``sort_by`` values accepted by :func:`find_models` (prefix ``-`` for descending).
SORT_KEYS = ("id", "name", "provider", "input_price", "output_price", "cache_price", "price", "context",
             "max_output", "updated", "score", "value")  # fmt: skip
_SORT_ALIASES = {"input": "input_price", "output": "output_price", "cache": "cache_price",
                 "input_per_1m": "input_price", "output_per_1m": "output_price", "cache_per_1m": "cache_price",
                 "cached_input_per_1m": "cache_price",
                 "max_context": "context", "quality_score": "score", "quality_per_dollar": "value"}  # fmt: skip


def _as_set(value: str | Iterable[str] | None, what: str, fold: Callable[[str], str] = str.lower) -> set[str] | None:
    if value is None:
        return None
    items = [value] if isinstance(value, str) else list(value)
    out: set[str] = set()
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"{what} must be a string or strings, not {type(item).__name__}")
        out.update(fold(x.strip()) for x in item.split(",") if x.strip())
    return out


def _known(values: set[str] | None, present: Iterable[str], what: str) -> set[str] | None:
    """Reject a filter value the registry does not have (a typo would otherwise match nothing)."""
    if values is None:
        return None
    have = set(present)
    unknown = sorted(values - have)
    if unknown:
        if len(have) <= 12:
            hint = f"the registry has: {', '.join(sorted(have))}"
        else:
            import difflib

            close = difflib.get_close_matches(unknown[0], sorted(have), n=3)
            hint = f"did you mean {', '.join(close)}?" if close else "see `modelsuite providers`"
        raise ValueError(f"unknown {what} {unknown[0]!r}; {hint}")
    return values


def _status_code(s: str) -> str:
    code = _STATUS_CODES.get(s.lower())
    if code is None:
        raise ValueError(f"unknown status {s!r}; use current (C), legacy (L) or deprecated (D)")
    return code


def _limit_value(value: object, what: str) -> tuple[float, Decimal] | None:
    if value is None:
        return None
    d = _decimal(value, what)
    return float(d), d


def _within(
    c_raw: tuple[str, ...], c_float: tuple[float | None, ...], cand: list[int], limit: tuple[float, Decimal]
) -> list[int]:
    fl, exact = limit
    out = []
    for i in cand:
        v = c_float[i]
        if v is not None and (v < fl or (v == fl and Decimal(c_raw[i]) <= exact)):
            out.append(i)
    return out


def find_models(
    *,
    text: str | None = None,
    provider: str | Iterable[str] | None = None,
    category: str | Iterable[str] | None = None,
    vision: bool | None = None,
    tools: bool | None = None,
    json_mode: bool | None = None,
    structured_output: bool | None = None,
    thinking: bool | None = None,
    caching: bool | None = None,
    min_context: int | None = None,
    min_output: int | None = None,
    max_input_price: Decimal | float | int | str | None = None,
    max_output_price: Decimal | float | int | str | None = None,
    status: str | Iterable[str] | None = None,
    kind: str | Iterable[str] | None = None,
    quality: str | Iterable[str] | None = None,
    min_quality_score: float | None = None,
    base_model: str | None = None,
    can_classify: bool | None = None,
    sort_by: str | None = None,
    descending: bool = False,
    limit: int | None = None,
) -> tuple[ModelInfo, ...]:
    """Return the offerings matching every given filter (``None`` means "any").

    - ``text``: every whitespace-separated word must occur (case-insensitively) in the id, name,
      alias or description; without ``sort_by`` the results are ordered by relevance (exact id or
      alias first, then matches in the id or name, then the rest).
    - ``provider``, ``category``, ``status`` (``C``/``current``, ``L``/``legacy``,
      ``D``/``deprecated``), ``kind``, ``quality`` (the data quality: verified, partial, …): one
      value, several, or a comma-separated string; a value the registry does not have raises
      ``ValueError`` (a typo never silently matches nothing).
    - capability flags (``vision``, ``tools``, ``json_mode``, ``structured_output``, ``thinking``,
      ``caching``): ``True`` requires the capability, ``False`` excludes it.
    - ``min_context``, ``min_output``: token limits; offerings whose limit is unknown are left out.
    - ``max_input_price``, ``max_output_price``: USD per 1M tokens, compared exactly; offerings
      whose price is unknown are left out.
    - ``min_quality_score``: see :func:`quality_score`; ``base_model``: see :func:`link_key`.
    - ``sort_by``: one of :data:`SORT_KEYS` (``-`` prefix or ``descending=True`` reverses);
      offerings whose sort value is unknown always come last; ties keep registry order.
    - ``limit``: return at most this many.
    """
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise ValueError(f"limit must be an int >= 0, not {limit!r}")
    c = _columns()
    cand: list[int] | range
    provs = _known(_as_set(provider, "provider"), _registry.list_providers(), "provider")
    if provs is not None:
        ranges = sorted(_registry.provider_range(p) for p in provs)
        cand = [i for a, b in ranges for i in range(a, b)]
    else:
        cand = range(c.n)
    cats = _known(_as_set(category, "category"), c.category, "category")
    if cats is not None:
        col = c.category
        cand = [i for i in cand if col[i] in cats]
    statuses = _as_set(status, "status", _status_code)
    if statuses is not None:
        col = c.status
        cand = [i for i in cand if col[i] in statuses]
    kinds = _known(_as_set(kind, "kind"), c.kind, "kind")
    if kinds is not None:
        col = c.kind
        cand = [i for i in cand if col[i] in kinds]
    qualities = _known(_as_set(quality, "quality"), c.quality, "quality")
    if qualities is not None:
        col = c.quality
        cand = [i for i in cand if col[i] in qualities]
    need = avoid = 0
    for letter, flag in zip("VTJSKC", (vision, tools, json_mode, structured_output, thinking, caching), strict=True):
        if flag is True:
            need |= _CAP_BITS[letter]
        elif flag is False:
            avoid |= _CAP_BITS[letter]
    if need or avoid:
        caps = c.caps
        cand = [i for i in cand if caps[i] & need == need and not caps[i] & avoid]
    if can_classify is not None:
        cls = c.classify
        cand = [i for i in cand if cls[i] is can_classify]
    for value, column, what in ((min_context, c.context, "min_context"), (min_output, c.max_output, "min_output")):
        if value is not None:
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"{what} must be an int, not {type(value).__name__}")
            cand = [i for i in cand if (v := column[i]) is not None and v >= value]
    for lim, raw, fcol, what in (
        (max_input_price, c.input_raw, c.input_price, "max_input_price"),
        (max_output_price, c.output_raw, c.output_price, "max_output_price"),
    ):
        bound = _limit_value(lim, what)
        if bound is not None:
            cand = _within(raw, fcol, list(cand), bound)
    if min_quality_score is not None:
        floor = float(min_quality_score)
        sc = c.score
        cand = [i for i in cand if (s := sc[i]) is not None and s >= floor]
    if base_model is not None:
        members = set(c.group(base_model))
        cand = [i for i in cand if i in members]
    if text is not None:
        words = text.lower().split()
        if words:
            hay, head = c.haystack()
            for w in words:
                cand = [i for i in cand if w in hay[i]]
            if sort_by is None:
                phrase = " ".join(words)
                relevance: dict[int, int] = {}
                for i in cand:
                    mid = c.ids[i].lower()
                    if phrase in (mid, mid.partition("/")[2], c.aliases[i].lower()):
                        relevance[i] = 0
                    else:
                        relevance[i] = 1 if all(w in head[i] for w in words) else 2
                cand = sorted(cand, key=relevance.__getitem__)
    if sort_by is not None:
        cand = _sorted(c, list(cand), sort_by, descending)
    if limit is not None:
        cand = cand[:limit]
    model_at = _registry.model_at
    return tuple(model_at(i) for i in cand)


def _sorted(c: _Columns, cand: list[int], sort_by: str, descending: bool) -> list[int]:
    key = sort_by.strip().lower()
    if key.startswith("-"):
        key, descending = key[1:], not descending
    key = _SORT_ALIASES.get(key, key)
    if key not in SORT_KEYS:
        raise ValueError(f"unknown sort_by {sort_by!r}; use one of: {', '.join(SORT_KEYS)}")
    values = c.sort_values(key)
    known = [i for i in cand if values[i] is not None]
    unknown = [i for i in cand if values[i] is None]
    known.sort(key=values.__getitem__, reverse=descending)
    return known + unknown


# ---------------------------------------------------------------------------------------------
# offerings


def offerings(
    model: str | ModelInfo,
    *,
    input_weight: Decimal | float | int | str = 1,
    output_weight: Decimal | float | int | str = 1,
    include_deprecated: bool = True,
) -> tuple[ModelInfo, ...]:
    """Return every provider's offering of the same underlying model as ``model``, cheapest first.

    Offerings are linked by the ``base_model`` column (equal, ignoring case); an offering whose
    ``base_model`` is empty links by normalized name (the variant suffix such as ``:free``, the
    vendor path and separators folded away). The price compared is
    ``input_weight * input + output_weight * output`` (USD per 1M tokens, exact); offerings with an
    unknown needed price come last; ties keep registry order (direct providers first). ``model``
    itself is included. Raises :class:`ModelNotFoundError` for an unknown name.
    """
    m = resolve_model(model)
    _decimal(input_weight, "input_weight")
    _decimal(output_weight, "output_weight")
    c = _columns()
    group = c.group(m.base_model, m.id)
    model_at = _registry.model_at
    ranked = []
    for i in group:
        o = model_at(i)
        if not include_deprecated and o.status == "D" and o.id != m.id:
            continue
        ranked.append((blended_price(o, input_weight, output_weight), i))
    if not ranked:  # a ModelInfo from another registry build: still answer with itself
        return (m,)
    ranked.sort(key=lambda r: (r[0] is None, r[0] or 0))
    return tuple(model_at(i) for _, i in ranked)
