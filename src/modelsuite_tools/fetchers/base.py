"""The small interface every provider fetcher shares, and the helpers that turn API values into cells.

A fetcher is a :class:`Fetcher`: ``fetch(client)`` talks to the live API (through
:class:`~modelsuite_tools.fetchers.http.HttpClient`, or boto3/huggingface_hub) and returns a
JSON-serialisable *document*; ``parse(document, updated=...)`` is pure and turns that document into
registry rows (dicts with every schema column). ``load(paths)`` reads a saved document for
``--from-file`` (by default one JSON file, exactly what ``fetch`` returns or the API's raw response).

Every fetcher also has a :class:`Shape`: where its API's model entries sit in a document and the
fields one entry must carry. ``parse`` calls :meth:`Shape.models` first, so a document from another
API (say OpenRouter's list replayed as Together's) is refused with one line naming the API it looks
like, instead of being turned into rows under the wrong provider.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Protocol

from modelsuite_tools.schema import CAPS_ORDER, COLUMN_NAMES, KINDS, RAW_ID_RE, UNKNOWN_NUMBER, empty_row
from modelsuite_tools.validate import MIN_CHAT_CONTEXT, TEXT_LIMITS

if TYPE_CHECKING:
    from modelsuite_tools.fetchers.http import HttpClient

__all__ = [
    "FetchParseError",
    "Fetcher",
    "Shape",
    "clean_text",
    "collect_rows",
    "format_decimal",
    "is_number",
    "kind_from_modalities",
    "load_json_files",
    "new_row",
    "per_1m",
    "per_token_to_per_1m",
    "positive_int",
    "recognise",
]

ONE_MILLION: Final = Decimal(1_000_000)
#: Prices are stored with at most this many decimal places (schema PRICE_RE allows 12).
PRICE_PLACES: Final = Decimal("1e-12")
_MAX_PRICE_INT_DIGITS: Final = 7
_PRICE_CEILING: Final = Decimal(10) ** _MAX_PRICE_INT_DIGITS
_SPACE_RE: Final = re.compile(r"\s+")


class FetchParseError(Exception):
    """The document does not have the shape this fetcher expects (one line, user-facing)."""


class ParseFn(Protocol):
    """``parse(document, *, updated)``: a pure function from an API document to registry rows."""

    def __call__(self, document: Any, *, updated: str) -> list[dict[str, str]]: ...


@dataclass(frozen=True, slots=True)
class Shape:
    """What one API's response looks like, to tell it apart from every other source's.

    ``entries(document)`` returns the list of model entries, or None when the envelope is wrong;
    ``entry_ok(entry)`` says whether one entry carries the fields specific to this API. A document
    has the shape when its envelope is right and it is empty or at least half of its entries are
    right (one odd entry is skipped by the parser, it does not make the document foreign).
    """

    label: str  #: the API's name in messages, e.g. ``OpenRouter``
    envelope: str  #: the expected envelope, for messages (``an object with a 'data' list``)
    fields: str  #: the fields an entry must carry, for messages
    entries: Callable[[Any], list[Any] | None]
    entry_ok: Callable[[dict[str, Any]], bool]

    def _matching(self, items: list[Any]) -> int:
        return sum(1 for e in items if isinstance(e, dict) and self.entry_ok(e))

    def recognises(self, document: Any) -> bool:
        """Return True if ``document`` is a non-empty response of this API."""
        items = self.entries(document)
        return bool(items) and 2 * self._matching(items) >= len(items)  # type: ignore[arg-type]

    def models(self, document: Any) -> list[Any]:
        """Return the model entries of ``document``; raise :class:`FetchParseError` if it is not this API's."""
        items = self.entries(document)
        if items is not None and (not items or 2 * self._matching(items) >= len(items)):
            return items
        other = recognise(document, exclude=self.label)
        if other is not None:
            raise FetchParseError(f"this looks like {_article(other)} {other} response, not {self.label}'s")
        if items is None:
            raise FetchParseError(f"not {_article(self.label)} {self.label} response: expected {self.envelope}")
        raise FetchParseError(f"not {_article(self.label)} {self.label} response: only {self._matching(items)} of "
                              f"{len(items)} entries have {self.fields}")


def _article(word: str) -> str:
    return "an" if word[:1].upper() in "AEIOU" else "a"


def recognise(document: Any, *, exclude: str = "") -> str | None:
    """Return the label of the source whose API ``document`` looks like (None if none does)."""
    from modelsuite_tools.fetchers import FETCHERS  # the registry imports this module: import lazily

    for fetcher in FETCHERS.values():
        shape = fetcher.shape
        if shape is not None and shape.label != exclude and shape.recognises(document):
            return shape.label
    return None


def is_number(value: object) -> bool:
    """Return True for a JSON number (int or float, not a bool)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@dataclass(frozen=True, slots=True)
class Fetcher:
    """One source: its name, where its rows go, how to fetch live and how to parse a document."""

    name: str  #: CLI name, e.g. ``openrouter``
    source_id: str  #: a key of :data:`modelsuite_tools.schema.SOURCES`
    category: str  #: data category folder (``aggregators``, ``specialized``, …)
    provider: str  #: provider prefix of the ids and the CSV file name
    fetch: Callable[[HttpClient], Any]  #: live fetch -> JSON-serialisable document
    parse: ParseFn  #: pure: document -> rows
    load: Callable[[Sequence[Path]], Any] | None = None  #: ``--from-file`` loader (default: one JSON file)
    credentials: tuple[str, ...] = ()  #: environment variables the live fetch needs
    summary: str = ""
    shape: Shape | None = None  #: how this API's response looks (checked by ``parse``)

    @property
    def default_output(self) -> str:
        """Return the CSV path relative to the data directory: ``<category>/<provider>.csv``."""
        return f"{self.category}/{self.provider}.csv"

    def load_files(self, paths: Sequence[Path]) -> Any:
        """Read a saved document from ``paths`` (the fetcher's loader or one JSON file)."""
        if self.load is not None:
            return self.load(paths)
        return load_json_files(paths)


def load_json_files(paths: Sequence[Path]) -> Any:
    """Load exactly one JSON file; raise :class:`FetchParseError` with one clear line otherwise."""
    if len(paths) != 1:
        raise FetchParseError(f"expected one --from-file, got {len(paths)}")
    return read_json(paths[0])


def read_json(path: Path) -> Any:
    """Read one JSON file, turning every failure into a one-line :class:`FetchParseError`."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FetchParseError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise FetchParseError(f"{path}: not UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise FetchParseError(f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise FetchParseError(f"{path}: JSON nested too deeply") from None


# --------------------------------------------------------------------------------------------------
# cell helpers


def new_row(model_id: str, *, source: str, updated: str, **values: str) -> dict[str, str]:
    """Return a row with every schema column: unknown markers, then defaults, then ``values``."""
    row = empty_row()
    row.update(id=model_id, status="C", can_classify="N", source=source, quality="partial", updated=updated)
    for key, value in values.items():
        if key not in row:
            raise KeyError(f"unknown column {key!r}")
        row[key] = value
    assert tuple(row) == COLUMN_NAMES
    return row


_BIDI_AND_CONTROL: Final = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)


def clean_text(value: object, limit: str | int = "description") -> str:
    """Return API text as one safe line: control/bidi characters -> spaces, spaces collapsed, cut to the limit.

    ``limit`` is a column name of :data:`modelsuite_tools.validate.TEXT_LIMITS` or a length.
    Non-strings give ``""``.

    >>> clean_text("  Fast\\n\\tmodel\\u202e!  ")
    'Fast model !'
    >>> clean_text("x" * 10, 5)
    'xxxx…'
    """
    if not isinstance(value, str):
        return ""
    text = unicodedata.normalize("NFC", value)
    text = _BIDI_AND_CONTROL.sub(" ", text)
    text = _SPACE_RE.sub(" ", text).strip()
    size = TEXT_LIMITS[limit] if isinstance(limit, str) else int(limit)
    if len(text) > size:
        text = text[: size - 1].rstrip() + "…"
    return text


def format_decimal(value: Decimal) -> str:
    """Return ``value`` in canonical form: no exponent, no trailing zeros.

    >>> format_decimal(Decimal("0.150000")), format_decimal(Decimal("15.0")), format_decimal(Decimal("1E+1"))
    ('0.15', '15', '10')
    """
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _to_decimal(value: object) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        value = repr(value)
    if not isinstance(value, str):
        return None
    try:
        dec = Decimal(value.strip())
    except (InvalidOperation, ValueError):
        return None
    if not dec.is_finite():
        return None
    return dec


def _price_cell(dec: Decimal | None) -> str:
    if dec is None or dec < 0 or dec >= _PRICE_CEILING:
        return UNKNOWN_NUMBER
    if dec.as_tuple().exponent < -12:  # type: ignore[operator]
        rounded = dec.quantize(PRICE_PLACES, rounding=ROUND_HALF_EVEN)
        if rounded == 0 and dec > 0:
            return UNKNOWN_NUMBER  # too small to write: unknown, never "free"
        dec = rounded
    text = format_decimal(dec)
    if len(text.split(".")[0]) > _MAX_PRICE_INT_DIGITS:
        return UNKNOWN_NUMBER
    return text


def per_token_to_per_1m(value: object) -> str:
    """Convert a USD-per-token decimal (string or number) to USD per 1M tokens; unknown -> ``-1``.

    ``"-1"``, negatives, missing and unparsable values are unknown. Exact decimal arithmetic.

    >>> per_token_to_per_1m("0.00000015"), per_token_to_per_1m("0.0000006"), per_token_to_per_1m("-1")
    ('0.15', '0.6', '-1')
    >>> per_token_to_per_1m("0.000015"), per_token_to_per_1m("0"), per_token_to_per_1m(None)
    ('15', '0', '-1')
    """
    dec = _to_decimal(value)
    return _price_cell(None if dec is None or dec < 0 else dec * ONE_MILLION)


def per_1m(value: object, *, per: Decimal = Decimal(1)) -> str:
    """Return a price in USD per ``per`` million tokens as USD per 1M (``per=0.001`` for a $/1K price).

    >>> per_1m(0.88), per_1m(2), per_1m("0.0080000000", per=Decimal("0.001")), per_1m(-1)
    ('0.88', '2', '8', '-1')
    """
    dec = _to_decimal(value)
    return _price_cell(None if dec is None or dec < 0 else dec / per)


def positive_int(value: object) -> str:
    """Return a positive whole number as text, else ``-1`` (0, null, negatives, non-numbers).

    >>> positive_int(128000), positive_int(0), positive_int(None), positive_int("4096"), positive_int(True)
    ('128000', '-1', '-1', '4096', '-1')
    """
    if isinstance(value, bool):
        return UNKNOWN_NUMBER
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and 0 < value < 10**10:
        return str(value)
    return UNKNOWN_NUMBER


def caps_string(letters: Iterable[str]) -> str:
    """Return capability letters in the schema's canonical order (``{"T", "V"}`` -> ``"VT"``)."""
    present = set(letters)
    return "".join(ch for ch in CAPS_ORDER if ch in present)


_MODALITY_KIND: Final = {
    "text": "chat",
    "image": "image",
    "embeddings": "embedding",
    "embedding": "embedding",
    "speech": "speech",
    "audio": "audio",
    "transcription": "transcription",
    "rerank": "rerank",
    "video": "video",
    "moderation": "moderation",
}


def kind_from_modalities(outputs: Iterable[str]) -> str:
    """Return the schema ``kind`` for a model's output modalities (text first: a chat model may also draw).

    >>> kind_from_modalities(["text"]), kind_from_modalities(["image", "text"]), kind_from_modalities(["embeddings"])
    ('chat', 'chat', 'embedding')
    >>> kind_from_modalities([]), kind_from_modalities(["hologram"])
    ('', 'other')
    """
    outs = [str(o).lower() for o in outputs]
    if not outs:
        return ""
    if "text" in outs:
        return "chat"
    for out in outs:
        kind = _MODALITY_KIND.get(out)
        if kind:
            return kind
    return "other"


def modalities(values: object) -> str:
    """Return a list of modality names as the schema's ``a+b`` form (lower-case letters only, sorted as given).

    >>> modalities(["text", "image", "file"]), modalities(None), modalities(["IMAGE", "x y"])
    ('text+image+file', '', 'image')
    """
    if not isinstance(values, list):
        return ""
    out: list[str] = []
    for v in values:
        name = str(v).lower()
        if name == "embeddings":
            name = "embedding"
        if re.fullmatch(r"[a-z]+", name) and name not in out:
            out.append(name)
    return "+".join(out)


def as_dict(value: object) -> dict[str, Any]:
    """Return ``value`` if it is a JSON object, else an empty dict (wrong-typed API fields)."""
    return value if isinstance(value, dict) else {}


def as_list(value: object) -> list[Any]:
    """Return ``value`` if it is a JSON array, else an empty list (wrong-typed API fields)."""
    return value if isinstance(value, list) else []


def safe_id_part(value: object) -> str | None:
    """Return ``value`` if it is a valid raw model id for the schema, else None."""
    if isinstance(value, str) and RAW_ID_RE.fullmatch(value):
        return value
    return None


def check_kind(kind: str) -> str:
    """Return ``kind`` if the schema knows it, else ``other``."""
    return kind if kind in KINDS or kind == "" else "other"


def fit_small_context(row: dict[str, str], notes: list[str]) -> None:
    """Give a text model whose context is under the validator's chat minimum a non-chat ``kind``.

    Such models (prompt-injection guards, classifiers) are not chat models; a ``guard`` in the id
    makes them ``moderation``, anything else ``other``. A note records the context size.
    """
    ctx = row["max_context"]
    if row["kind"] in ("", "chat", "completion") and ctx != UNKNOWN_NUMBER and int(ctx) < MIN_CHAT_CONTEXT:
        row["kind"] = "moderation" if "guard" in row["id"].lower() else "other"
        notes.append(f"context window of {ctx} tokens: a classifier, not a chat model")


def join_notes(parts: Iterable[str]) -> str:
    """Join note fragments with ``; `` and clean them to the ``notes`` limit."""
    return clean_text("; ".join(p for p in parts if p), "notes")


def collect_rows(
    source: str,
    entries: Iterable[object],
    make_row: Callable[[dict[str, Any]], dict[str, str] | None],
    *,
    keep: Callable[[dict[str, Any]], bool] | None = None,
) -> list[dict[str, str]]:
    """Turn API entries into rows, one per id: entries that are not objects, have no valid id, or
    repeat an id already seen are skipped with a warning (a bad entry never fails the whole fetch).

    ``keep`` filters entries the source deliberately leaves out (private models, a licence that
    forbids commercial use): those are skipped silently, before ``make_row`` sees them.
    """
    import logging

    log = logging.getLogger(f"modelsuite_tools.fetchers.{source}")
    rows: dict[str, dict[str, str]] = {}
    for n, entry in enumerate(entries):
        if isinstance(entry, dict) and keep is not None and not keep(entry):
            continue
        row = make_row(entry) if isinstance(entry, dict) else None
        if row is None:
            log.warning("%s: entry %d skipped: no valid model id", source, n)
        elif row["id"] in rows:
            log.warning("%s: duplicate id %s skipped", source, row["id"])
        else:
            rows[row["id"]] = row
    return list(rows.values())
