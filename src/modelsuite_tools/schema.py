"""The registry's data format: every CSV column, its type, its unknown marker and its meaning.

This module is the single source of truth for the format. ``data/models/schema.json`` and the
column table in ``data/models/README.md`` are generated from it (``modelsuite build``), and the
validator, the CSV reader/writer, the generators and every fetcher and importer use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

#: Data categories, in lookup-precedence order: an unprefixed id or an alias resolves to the
#: entry of the earliest category (the direct provider's own entry comes first, plan §2.4).
CATEGORIES: Final = ("core", "regional", "specialized", "aggregators", "community")

#: The unknown marker for prices and token limits (plan §2.3).
UNKNOWN_NUMBER: Final = "-1"
#: The unknown marker for benchmark scores and speed measurements (plan §2.3).
UNKNOWN_SCORE: Final = "-"

STATUSES: Final = {"C": "current", "L": "legacy", "D": "deprecated"}
QUALITIES: Final = ("verified", "partial", "estimated", "unknown")
#: Capability letters, in their canonical order inside the ``caps`` column.
CAPS: Final = {
    "V": "vision",
    "T": "tools",
    "J": "json_mode",
    "S": "structured_output",
    "K": "thinking",
    "C": "caching",
}
CAPS_ORDER: Final = "VTJSKC"
KINDS: Final = (
    "chat",
    "completion",
    "embedding",
    "image",
    "video",
    "audio",
    "speech",
    "transcription",
    "rerank",
    "moderation",
    "other",
)

PROVIDER_RE: Final = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
#: A provider's own model id: printable ASCII, no spaces, no ``|`` or ``,`` or quotes.
RAW_ID_RE: Final = re.compile(r"[A-Za-z0-9~@][A-Za-z0-9._:/@~+=-]{0,199}")
ID_RE: Final = re.compile(PROVIDER_RE.pattern + "/" + RAW_ID_RE.pattern)
ALIAS_RE: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/@~+-]{0,199}")
DATE_RE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
PRICE_RE: Final = re.compile(r"-1|\d{1,7}(\.\d{1,12})?")
INT_RE: Final = re.compile(r"-1|\d{1,10}")
SCORE_RE: Final = re.compile(r"-|\d{1,3}(\.\d{1,4})?")
MEASURE_RE: Final = re.compile(r"-|\d{1,7}(\.\d{1,4})?")
SOURCE_RE: Final = re.compile(r"[a-z0-9][a-z0-9._-]*(\+[a-z0-9][a-z0-9._-]*)*")
#: Long-context tiers: ``THRESHOLD=INPUT/OUTPUT/CACHE_READ`` items joined by ``;``.
TIER_RE: Final = re.compile(
    r"(\d{1,9})=(-1|\d{1,7}(?:\.\d{1,12})?)/(-1|\d{1,7}(?:\.\d{1,12})?)/(-1|\d{1,7}(?:\.\d{1,12})?)"
)
MODALITY_RE: Final = re.compile(r"[a-z]+(\+[a-z]+)*")
BENCH_EXTRA_RE: Final = re.compile(r"[a-z0-9_]+=-?\d{1,7}(\.\d{1,6})?(;[a-z0-9_]+=-?\d{1,7}(\.\d{1,6})?)*")
URL_RE: Final = re.compile(r"https://[^\s|\"'<>]{1,500}")

#: Characters never allowed in any text field: C0/C1 controls (newline, tab, NUL, …), the Unicode
#: line/paragraph separators (U+2028/2029, line breaks to str.splitlines and JavaScript), and the
#: Unicode bidirectional overrides/isolates that can make text display differently from what it is.
FORBIDDEN_TEXT_RE: Final = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


@dataclass(frozen=True, slots=True)
class Column:
    """One CSV column: its name, value type, whether it is required, and what it means."""

    name: str
    type: str  # id|alias|text|status|price|int|caps|score|measure|yn|source|quality|date|...
    required: bool
    description: str
    plan: bool = False  # one of the plan's 25 columns

    @property
    def unknown(self) -> str:
        """Return the marker that means "unknown" for this column ('' if it has none)."""
        if self.type in ("price", "int"):
            return UNKNOWN_NUMBER
        if self.type in ("score", "measure"):
            return UNKNOWN_SCORE
        return ""


_P = True
COLUMNS: Final[tuple[Column, ...]] = (
    Column("id", "id", True, "`<provider>/<the provider's own model id>`; unique across the registry.", _P),
    Column("alias", "alias", False, "Another name that finds the row: the undated id of a dated model "
           "(`claude-sonnet-4-5`; with its provider outside core, e.g. `alibaba/qwen-flash`); empty if none.", _P),
    Column("name", "text", True, "Display name as the provider publishes it.", _P),
    Column("status", "status", True, "C current, L legacy (still served, superseded), D deprecated/retired.", _P),
    Column("input_per_1m", "price", True, "USD per 1M uncached input tokens; -1 unknown.", _P),
    Column("output_per_1m", "price", True, "USD per 1M output tokens; -1 unknown.", _P),
    Column("cache_per_1m", "price", True,
           "USD per 1M cached (cache-read) input tokens; -1 unknown or not offered.", _P),
    Column("max_context", "int", True, "Context window in tokens; -1 unknown.", _P),
    Column("max_output", "int", True, "Maximum output tokens per request; -1 unknown.", _P),
    Column("caps", "caps", False, "Capability letters in the order VTJSKC: V vision, T tools, J JSON mode, "
           "S structured output, K thinking, C prompt caching.", _P),
    Column("mmlu", "score", True, "MMLU score 0-100, only as stated by a source; - unknown.", _P),
    Column("humaneval", "score", True, "HumanEval pass@1 0-100; - unknown.", _P),
    Column("math", "score", True, "MATH score 0-100; - unknown.", _P),
    Column("gpqa", "score", True, "GPQA (Diamond) score 0-100; - unknown.", _P),
    Column("swe_bench", "score", True, "SWE-bench (Verified) score 0-100; - unknown.", _P),
    Column("ifeval", "score", True, "IFEval score 0-100; - unknown.", _P),
    Column("mmmu", "score", True, "MMMU score 0-100; - unknown.", _P),
    Column("mgsm", "score", True, "MGSM score 0-100; - unknown.", _P),
    Column("ttft_ms", "measure", True, "Median time to first token in milliseconds; - unknown.", _P),
    Column("tps", "measure", True, "Median output tokens per second; - unknown.", _P),
    Column("description", "text", False, "One-line description; may be empty.", _P),
    Column("can_classify", "yn", True, "Y if suited as a cheap classifier/router model, else N.", _P),
    Column("source", "source", True, "Where the numbers come from: one or more source ids joined by `+` "
           "(see the Sources table).", _P),
    Column("quality", "quality", True, "verified (two independent sources agree), partial (one source), "
           "estimated (some value is an estimate), unknown.", _P),
    Column("updated", "date", True, "Date (YYYY-MM-DD) of the source snapshot the row was taken from.", _P),
    # --- columns after the plan's 25 ---
    Column("kind", "kind", False, "What the model produces: " + ", ".join(KINDS) + "; empty means chat."),
    Column("cache_write_per_1m", "price", False, "USD per 1M tokens written to the prompt cache; -1 unknown."),
    Column("batch_input_per_1m", "price", False, "USD per 1M input tokens through the batch API; -1 unknown."),
    Column("batch_output_per_1m", "price", False, "USD per 1M output tokens through the batch API; -1 unknown."),
    Column("tiers", "tiers", False, "Long-context prices: `THRESHOLD=INPUT/OUTPUT/CACHE_READ` items joined by `;`. "
           "A request whose prompt exceeds THRESHOLD tokens is billed entirely at that tier's rates "
           "(OpenRouter's `min_prompt_tokens: N`, from N tokens on, is written N-1)."),
    Column("input_modalities", "modalities", False, "Input modalities joined by `+` (text+image+audio+video+file)."),
    Column("output_modalities", "modalities", False, "Output modalities joined by `+`."),
    Column("base_model", "base_model", False, "The underlying model this offering serves (links offerings "
           "of the same model across providers), e.g. `meta-llama/llama-3.3-70b-instruct`."),
    Column("hf_id", "base_model", False, "Hugging Face repository id of the weights, if public."),
    Column("region", "region", False, "Region of a region-specific price (plan §2.3), e.g. `us-east-1`."),
    Column("deprecation_date", "date", False, "Date the provider retires the model, if announced."),
    Column("bench_extra", "bench_extra", False, "Other scores as `key=value;…`, e.g. OpenRouter's Artificial Analysis "
           "indices `aa_intelligence_index=61.2;aa_coding_index=55`."),
    Column("source_url", "url", False, "The page or API the row's numbers were read from."),
    Column("notes", "text", False, "Free-text remarks (e.g. 'inference profile only')."),
)

COLUMN_NAMES: Final = tuple(c.name for c in COLUMNS)
PLAN_COLUMNS: Final = tuple(c.name for c in COLUMNS if c.plan)
EXTRA_COLUMNS: Final = tuple(c.name for c in COLUMNS if not c.plan)
COLUMN_BY_NAME: Final = {c.name: c for c in COLUMNS}
PRICE_COLUMNS: Final = tuple(c.name for c in COLUMNS if c.type == "price")
INT_COLUMNS: Final = tuple(c.name for c in COLUMNS if c.type == "int")
BENCHMARK_COLUMNS: Final = ("mmlu", "humaneval", "math", "gpqa", "swe_bench", "ifeval", "mmmu", "mgsm")
MEASURE_COLUMNS: Final = ("ttft_ms", "tps")

#: Known source ids for the ``source`` column: id -> (what it is, URL). Add one here when a new
#: fetcher or importer is written; the validator rejects unknown source ids.
SOURCES: Final[dict[str, tuple[str, str]]] = {
    "official": ("The provider's own pricing or model documentation page (see source_url)", ""),
    "openrouter-api": ("OpenRouter model list API", "https://openrouter.ai/api/v1/models"),
    "together-api": ("Together AI model list API", "https://api.together.xyz/v1/models"),
    "groq-api": ("Groq model list API", "https://api.groq.com/openai/v1/models"),
    "bedrock-api": ("AWS Bedrock ListFoundationModels", "https://docs.aws.amazon.com/bedrock/latest/APIReference/"),
    "aws-price-list": ("AWS Price List API (AmazonBedrock, AmazonBedrockFoundationModels)",
                       "https://pricing.us-east-1.amazonaws.com"),
    "huggingface-api": ("Hugging Face Hub model API", "https://huggingface.co/api/models"),
    "replicate-api": ("Replicate model list API", "https://api.replicate.com/v1/models"),
    "artificialanalysis-api": ("Artificial Analysis data API (https://artificialanalysis.ai/)",
                               "https://artificialanalysis.ai/api/v2/data/llms/models"),
    "litellm": ("LiteLLM model_prices_and_context_window.json",
                "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json"),
    "models.dev": ("models.dev api.json", "https://models.dev/api.json"),
    "genai-prices": ("Pydantic genai-prices data (hand-curated from providers' pricing pages)",
                     "https://github.com/pydantic/genai-prices"),
    "community": ("Community-maintained data", ""),
    "estimated": ("An estimate, not a published figure", ""),
}


def empty_row() -> dict[str, str]:
    """Return a row with every column set to its unknown marker (or empty)."""
    return {c.name: c.unknown for c in COLUMNS}


def provider_of(model_id: str) -> str:
    """Return the provider prefix of a full id (`openrouter/openai/gpt-4o` -> `openrouter`)."""
    return model_id.partition("/")[0]


def raw_id_of(model_id: str) -> str:
    """Return the provider's own id of a full id (`openrouter/openai/gpt-4o` -> `openai/gpt-4o`)."""
    return model_id.partition("/")[2]
