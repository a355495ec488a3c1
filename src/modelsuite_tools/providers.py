"""The one table that maps provider names across every source, and each provider's category.

Every source spells providers its own way: LiteLLM's ``litellm_provider`` says ``together_ai``,
models.dev says ``togetherai``, the fetchers write ``together``; Bedrock is ``bedrock``,
``bedrock_converse`` and ``bedrock_mantle`` in LiteLLM and ``amazon-bedrock`` in models.dev; the
Gemini API is ``gemini`` in LiteLLM and ``google`` in models.dev; Vertex is ``vertex_ai`` plus one
``vertex_ai-<family>_models`` name per partner family in LiteLLM and ``google-vertex``/
``google-vertex-anthropic`` in models.dev; ``fireworks_ai`` is ``fireworks-ai``; and so on.
:data:`PROVIDERS` lists, for each canonical provider id used in ``data/models`` (the file name and
the id prefix), its category folder and every name the sources use for it. Nothing else in the
code base keeps a list of provider names: importers, verification, linking and the CLI all ask
:func:`canonical_provider` and :func:`category_of`.

Rules of the table

* The canonical id is what the provider calls itself, lower-case (``together``, ``bedrock``,
  ``google`` for the Gemini API, ``vertex`` for Vertex AI, ``alibaba`` for Model Studio/DashScope).
* Different endpoints with different price lists are different providers (``alibaba`` international
  vs ``alibaba-cn``, ``minimax`` vs ``minimax-cn``, ``moonshot`` vs ``moonshot-cn``, ``azure`` OpenAI
  vs ``azure-ai`` Foundry).
* Categories: ``core`` sells its own models directly; ``regional`` serves a regional market (China,
  Korea, Russia, India, Japan); ``specialized`` runs inference on its own hardware/platform;
  ``aggregators`` resell or route many vendors' models (gateways, clouds' model marketplaces);
  ``community`` is community or local hosting (Hugging Face, Ollama, LM Studio).
* Sources that are not per-token model offerings are not listed (web-search tools, subscription
  "coding plans" whose per-token price is not a price, local placeholders): rows from a source name
  that is not in the table are skipped by the importers and counted as skipped.
* Per-provider behaviour lives in the table's flags, never in ``if provider == …`` code: ``local``
  (a price of 0 is real), ``subscription`` (GitHub Copilot, GitLab Duo: no per-token price; rows get
  -1 and the note "subscription; no per-token price"), ``billing_currency`` (a provider that bills
  only in another currency, Zhipu's CNY: a catalog's USD figure is not a list price, rows get -1 and a
  note quoting it), ``hf_repo_ids`` (ids are Hugging Face repos),
  id-spelling rules (``bare_id_prefix``, ``version_dots``, ``vendor_ids_to``: see
  :func:`canonical_offering`) and ``vendor_id_prefixes`` (Bedrock's ``anthropic.``… used by linking).
  Perplexity's own Sonar models are ``perplexity`` (core); the third-party models it resells through
  its Agent API (models.dev ``perplexity-agent``; ``perplexity/anthropic/…`` keys in LiteLLM) are the
  separate provider ``perplexity-agent`` (aggregators).
* Sources: :data:`SOURCE_KINDS` weighs each source id (precedence tier, whether its context number is
  an input limit) and :data:`DERIVED_SOURCES` lists source pairs that are not independent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class Provider:
    """One canonical provider and every spelling of it in the sources."""

    id: str
    category: str
    #: LiteLLM ``litellm_provider`` values
    litellm: tuple[str, ...] = ()
    #: models.dev provider ids
    modelsdev: tuple[str, ...] = ()
    #: other spellings (fetchers, OpenRouter provider names, documentation)
    aliases: tuple[str, ...] = ()
    #: LiteLLM key prefixes (first path segment) that are not a litellm_provider value
    key_prefixes: tuple[str, ...] = ()
    #: True when ``modelsuite fetch`` writes this provider's CSV from its API (catalogs only annotate it)
    fetched: bool = False
    #: runs models locally/self-hosted: a catalog price of 0 is a real price (nothing to pay per token)
    local: bool = False
    #: sold by subscription: catalogs' per-token numbers are not prices (rows get -1 and a note)
    subscription: bool = False
    #: the provider's model ids are Hugging Face repository ids (``org/Model``): they give ``hf_id``
    hf_repo_ids: bool = False
    #: id spelling rule: a bare id (no ``/``) is called as this prefix + id (Fireworks resolves
    #: ``glm-5p1`` to ``accounts/fireworks/models/glm-5p1``), so both spellings are one offering
    bare_id_prefix: str = ""
    #: id spelling rule: ``x-3-7-y`` and ``x-3.7-y`` name the same model (dash between single-digit
    #: version numbers); applied only when a source lists the dotted spelling (never invents an id)
    version_dots: bool = False
    #: ids of the form ``vendor/model`` in this provider's catalog entries are third-party models it
    #: resells through a separate product, listed as this other provider
    vendor_ids_to: str = ""
    #: vendor prefixes of the provider's ids (``anthropic.claude-…``, Bedrock), dropped when linking
    vendor_id_prefixes: tuple[str, ...] = ()
    #: genai-prices provider ids whose prices apply to this provider (when not the canonical id or an
    #: alias); one genai-prices section may serve several providers (its ``google`` covers Gemini and Vertex)
    genai_prices: tuple[str, ...] = ()
    #: the only currency the provider bills in, when it is not USD (Zhipu's open.bigmodel.cn: CNY).
    #: A catalog's "USD" number for it is a conversion or another endpoint's price, not a list price:
    #: rows get -1 and a note quoting the catalog's figure
    billing_currency: str = ""


def _p(pid: str, category: str, litellm: str = "", modelsdev: str = "", aliases: str = "",  # noqa: PLR0917
       key_prefixes: str = "", *, fetched: bool = False, local: bool = False, subscription: bool = False,
       hf_repo_ids: bool = False, bare_id_prefix: str = "", version_dots: bool = False, vendor_ids_to: str = "",
       vendor_id_prefixes: str = "", genai_prices: str = "", billing_currency: str = "") -> Provider:
    return Provider(pid, category, tuple(litellm.split()), tuple(modelsdev.split()), tuple(aliases.split()),
                    tuple(key_prefixes.split()), fetched, local, subscription, hf_repo_ids, bare_id_prefix,
                    version_dots, vendor_ids_to, tuple(vendor_id_prefixes.split()), tuple(genai_prices.split()),
                    billing_currency)


#: The table. Columns: canonical id, category, LiteLLM names, models.dev names, other spellings,
#: extra LiteLLM key prefixes.
PROVIDERS: Final[tuple[Provider, ...]] = (
    # --- core: model makers selling their own models ---
    _p("anthropic", "core", "anthropic", "anthropic", "claude"),
    _p("openai", "core", "openai text-completion-openai", "openai"),
    _p("google", "core", "gemini", "google", "google-ai-studio gemini-api", genai_prices="google"),
    _p("mistral", "core", "mistral codestral text-completion-codestral", "mistral", "mistralai mistral-ai"),
    _p("deepseek", "core", "deepseek", "deepseek"),
    _p("xai", "core", "xai", "xai", "x-ai grok"),
    _p("cohere", "core", "cohere cohere_chat", "cohere"),
    _p("ai21", "core", "ai21", "", "ai21labs"),
    _p("perplexity", "core", "perplexity", "perplexity", vendor_ids_to="perplexity-agent"),
    _p("meta", "core", "meta meta_llama", "llama", "meta-llama llama-api"),
    _p("amazon", "core", "amazon_nova", "nova", "amazon-nova", "amazon-nova"),
    # --- regional ---
    _p("alibaba", "regional", "dashscope", "alibaba", "qwen dashscope-intl model-studio"),
    _p("alibaba-cn", "regional", "", "alibaba-cn", "dashscope-cn"),
    _p("qwen-ai-platform", "regional", "qwen_ai_platform"),
    _p("qwencloud", "regional", "qwencloud"),
    # open.bigmodel.cn bills only in CNY ("Zhipu AI does not publish USD prices; CNY is the only billing
    # currency": genai-prices' zhipuai section, citing https://open.bigmodel.cn/pricing)
    _p("zhipu", "regional", "", "zhipuai", "zhipuai bigmodel", billing_currency="CNY"),
    _p("zai", "regional", "zai", "zai", "z-ai z.ai"),
    _p("moonshot", "regional", "moonshot", "moonshotai", "moonshotai kimi"),
    _p("moonshot-cn", "regional", "", "moonshotai-cn"),
    _p("minimax", "regional", "minimax", "minimax", "minimaxi"),
    _p("minimax-cn", "regional", "", "minimax-cn"),
    _p("stepfun", "regional", "", "stepfun", "stepfun-ai"),
    _p("tencent", "regional", "tencent", "tencent-tokenhub", "hunyuan"),
    _p("volcengine", "regional", "volcengine", "", "doubao bytedance"),
    _p("xiaomi", "regional", "xiaomi_mimo", "xiaomi", "xiaomimimo"),
    _p("siliconflow", "regional", "", "siliconflow"),
    _p("siliconflow-cn", "regional", "", "siliconflow-cn"),
    _p("iflow", "regional", "", "iflowcn"),
    _p("qiniu", "regional", "", "qiniu-ai"),
    _p("modelscope", "regional", "", "modelscope"),
    _p("gigachat", "regional", "gigachat", "", "sber"),
    _p("upstage", "regional", "", "upstage"),
    _p("sarvam", "regional", "sarvam", "sarvam"),
    _p("bailing", "regional", "", "bailing", "inclusionai"),
    _p("moark", "regional", "", "moark"),
    _p("drun", "regional", "", "drun"),
    _p("jiekou", "regional", "", "jiekou"),
    _p("qihang", "regional", "", "qihang-ai"),
    _p("baidu", "regional", "", "", "qianfan ernie"),
    _p("rakuten", "regional", "", "", "rakuten-ai"),
    # --- specialized: own inference platforms ---
    _p("groq", "specialized", "groq", "groq", fetched=True),
    _p("cerebras", "specialized", "cerebras", "cerebras"),
    _p("sambanova", "specialized", "sambanova", "", "sambanova-cloud"),
    _p("novita", "specialized", "novita", "novita-ai", "novitaai"),
    _p("deepinfra", "specialized", "deepinfra", "deepinfra", "deep-infra"),
    _p("hyperbolic", "specialized", "hyperbolic", ""),
    _p("lambda", "specialized", "lambda_ai", "", "lambda-ai lambdalabs"),
    _p("fireworks", "specialized", "fireworks_ai fireworks_ai-embedding-models", "fireworks-ai firepass",
       "fireworks-ai fireworks_ai", bare_id_prefix="accounts/fireworks/models/"),
    _p("nebius", "specialized", "nebius", "nebius", "nebius-ai-studio"),
    _p("baseten", "specialized", "baseten", "baseten"),
    _p("friendli", "specialized", "friendliai", "friendli", "friendliai"),
    _p("nscale", "specialized", "nscale", ""),
    _p("crusoe", "specialized", "crusoe", ""),
    _p("featherless", "specialized", "featherless_ai", "", "featherless-ai"),
    _p("inception", "specialized", "inception text-completion-inception", "inception", "inceptionlabs"),
    _p("morph", "specialized", "morph", "morph"),
    _p("chutes", "specialized", "", "chutes"),
    _p("cortecs", "specialized", "", "cortecs"),
    _p("io-net", "specialized", "", "io-net"),
    _p("inference-net", "specialized", "", "inference"),
    _p("nvidia", "specialized", "nvidia_nim", "nvidia", "nvidia-nim"),
    _p("scaleway", "specialized", "scaleway", "scaleway"),
    _p("ovhcloud", "specialized", "ovhcloud", "ovhcloud"),
    _p("wandb", "specialized", "wandb", "wandb"),
    _p("gmi", "specialized", "gmi", "gmicloud"),
    _p("lilac", "specialized", "", "lilac"),
    _p("berget", "specialized", "", "berget"),
    _p("evroc", "specialized", "", "evroc"),
    _p("stackit", "specialized", "", "stackit"),
    _p("regolo", "specialized", "", "regolo-ai"),
    _p("vultr", "specialized", "", "vultr"),
    _p("digitalocean", "specialized", "gradient_ai", "digitalocean", "gradient-ai"),
    _p("cloudflare", "specialized", "cloudflare", "cloudflare-workers-ai", "workers-ai"),
    _p("voyage", "specialized", "voyage", "", "voyageai"),
    _p("deepgram", "specialized", "deepgram", ""),
    _p("elevenlabs", "specialized", "elevenlabs", ""),
    _p("assemblyai", "specialized", "assemblyai", ""),
    _p("stability", "specialized", "stability", "", "stabilityai"),
    _p("fal", "specialized", "fal_ai", "", "fal-ai"),
    _p("runway", "specialized", "runwayml", "", "runwayml"),
    _p("black-forest-labs", "specialized", "black_forest_labs", "", "bfl"),
    _p("recraft", "specialized", "recraft", ""),
    _p("jina", "specialized", "jina_ai", "", "jina-ai"),
    _p("replicate", "specialized", "replicate", ""),
    _p("anyscale", "specialized", "anyscale", ""),
    _p("nlp-cloud", "specialized", "nlp_cloud", ""),
    _p("soniox", "specialized", "soniox", ""),
    _p("hpc-ai", "specialized", "", "hpc-ai"),
    _p("mixlayer", "specialized", "", "mixlayer"),
    _p("neuralwatt", "specialized", "", "neuralwatt"),
    _p("submodel", "specialized", "", "submodel"),
    _p("synthetic", "specialized", "", "synthetic"),
    _p("privatemode", "specialized", "", "privatemode-ai"),
    _p("nearai", "specialized", "", "nearai", "near-ai"),
    _p("cloudferro", "specialized", "", "cloudferro-sherlock"),
    _p("meganova", "specialized", "", "meganova"),
    _p("dinference", "specialized", "", "dinference"),
    _p("tensormesh", "specialized", "tensormesh"),
    _p("libertai", "specialized", "libertai"),
    _p("publicai", "specialized", "publicai"),
    _p("llamagate", "specialized", "llamagate"),
    _p("sail", "specialized", "sail"),
    _p("inferenceapis", "specialized", "inferenceapis"),
    _p("coralbricks", "specialized", "coralbricks"),
    _p("pinstripes", "specialized", "pinstripes"),
    _p("scx-ai", "specialized", "scx-ai"),
    _p("openinfer", "specialized", "openinfer"),
    _p("darkbloom", "specialized", "darkbloom"),
    _p("prism", "specialized", "prism"),
    _p("bespoke", "specialized", "bespoke"),
    _p("cognition", "specialized", "cognition"),
    _p("v0", "specialized", "v0", "v0"),
    # --- aggregators: gateways, routers, cloud model marketplaces ---
    _p("openrouter", "aggregators", "openrouter", "openrouter", fetched=True),
    _p("together", "aggregators", "together_ai", "togetherai", "together-ai togetherai together_ai", fetched=True),
    _p("bedrock", "aggregators", "bedrock bedrock_converse bedrock_mantle", "amazon-bedrock",
       "amazon-bedrock aws-bedrock", fetched=True,
       vendor_id_prefixes="meta anthropic deepseek openai mistral amazon cohere ai21 qwen moonshotai moonshot "
                          "minimax google writer twelvelabs stability zai nvidia luma kimi", genai_prices="aws"),
    _p("vertex", "aggregators",
       "vertex_ai vertex_ai-language-models vertex_ai-anthropic_models vertex_ai-mistral_models "
       "vertex_ai-llama_models vertex_ai-embedding-models vertex_ai-video-models vertex_ai-ai21_models "
       "vertex_ai-deepseek_models vertex_ai-qwen_models vertex_ai-zai_models vertex_ai-openai_models "
       "vertex_ai-text-models vertex_ai-minimax_models vertex_ai-moonshot_models",
       "google-vertex google-vertex-anthropic", "vertex-ai google-vertex", genai_prices="google"),
    _p("azure", "aggregators", "azure azure_text", "azure", "azure-openai"),
    _p("azure-ai", "aggregators", "azure_ai", "azure-cognitive-services", "azure-ai-foundry"),
    _p("vercel", "aggregators", "vercel_ai_gateway", "vercel", "vercel-ai-gateway", version_dots=True),
    _p("perplexity-agent", "aggregators", "", "perplexity-agent"),
    _p("aihubmix", "aggregators", "aihubmix", "aihubmix"),
    _p("databricks", "aggregators", "databricks", "databricks"),
    _p("snowflake", "aggregators", "snowflake", ""),
    _p("oci", "aggregators", "oci", "", "oracle"),
    _p("watsonx", "aggregators", "watsonx", "", "ibm"),
    _p("sagemaker", "aggregators", "sagemaker", ""),
    _p("heroku", "aggregators", "heroku", ""),
    _p("github-copilot", "aggregators", "github_copilot", "github-copilot", subscription=True),
    _p("github-models", "aggregators", "", "github-models"),
    _p("gitlab", "aggregators", "", "gitlab", subscription=True),
    _p("sap-ai-core", "aggregators", "", "sap-ai-core"),
    _p("cloudflare-ai-gateway", "aggregators", "", "cloudflare-ai-gateway"),
    _p("helicone", "aggregators", "", "helicone"),
    _p("kilo", "aggregators", "", "kilo"),
    _p("llmgateway", "aggregators", "", "llmgateway"),
    _p("nano-gpt", "aggregators", "", "nano-gpt", "nanogpt"),
    _p("poe", "aggregators", "", "poe"),
    _p("requesty", "aggregators", "", "requesty"),
    _p("zenmux", "aggregators", "", "zenmux"),
    _p("302ai", "aggregators", "", "302ai"),
    _p("orcarouter", "aggregators", "", "orcarouter"),
    _p("fastrouter", "aggregators", "", "fastrouter"),
    _p("abacus", "aggregators", "", "abacus"),
    _p("opencode", "aggregators", "", "opencode"),
    _p("venice", "aggregators", "", "venice"),
    _p("auriko", "aggregators", "", "auriko"),
    _p("frogbot", "aggregators", "", "frogbot"),
    _p("routing-run", "aggregators", "", "routing-run"),
    _p("the-grid-ai", "aggregators", "", "the-grid-ai"),
    _p("vivgrid", "aggregators", "", "vivgrid"),
    _p("clarifai", "aggregators", "", "clarifai"),
    _p("aiml", "aggregators", "aiml", "", "aimlapi"),
    # --- community ---
    _p("huggingface", "community", "", "huggingface", "hf hugging-face", hf_repo_ids=True),
    _p("ollama", "community", "ollama", "", "ollama-local", local=True),
    _p("ollama-cloud", "community", "", "ollama-cloud"),
    _p("lmstudio", "community", "", "lmstudio", local=True),
    _p("lemonade", "community", "lemonade", "", local=True),
)

PROVIDER_BY_ID: Final[dict[str, Provider]] = {p.id: p for p in PROVIDERS}


def _index() -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for p in PROVIDERS:
        for src, names in (("litellm", p.litellm), ("models.dev", p.modelsdev), ("any", p.aliases)):
            for n in names:
                key = (src, n.lower())
                if key in out and out[key] != p.id:
                    raise ValueError(f"provider name {n!r} maps to {out[key]} and {p.id}")
                out[key] = p.id
        out[("any", p.id)] = p.id
    return out


_INDEX: Final = _index()


def canonical_provider(name: str, source: str = "any") -> str | None:
    """Return the canonical provider id for ``name`` as spelled by ``source``, or None if unknown.

    ``source`` is ``litellm``, ``models.dev`` or ``any`` (canonical ids and other spellings).

    >>> canonical_provider("together_ai", "litellm"), canonical_provider("togetherai", "models.dev")
    ('together', 'together')
    >>> canonical_provider("amazon-bedrock", "models.dev"), canonical_provider("gemini", "litellm")
    ('bedrock', 'google')
    >>> canonical_provider("vertex_ai-anthropic_models", "litellm"), canonical_provider("fireworks_ai")
    ('vertex', 'fireworks')
    >>> canonical_provider("no-such-provider") is None
    True
    """
    low = name.strip().lower()
    if source != "any":
        hit = _INDEX.get((source, low))
        if hit is not None:
            return hit
    return _INDEX.get(("any", low))


def genai_prices_providers(name: str) -> tuple[str, ...]:
    """Return the canonical providers a genai-prices section serves (empty if none).

    A section named in a provider's ``genai_prices`` entry serves every such provider; otherwise the
    name is looked up like any other spelling.

    >>> genai_prices_providers("google"), genai_prices_providers("aws"), genai_prices_providers("x-ai")
    (('google', 'vertex'), ('bedrock',), ('xai',))
    >>> genai_prices_providers("huggingface_novita")
    ()
    """
    low = name.strip().lower()
    listed = tuple(p.id for p in PROVIDERS if low in p.genai_prices)
    if listed:
        return listed
    hit = canonical_provider(low)
    return (hit,) if hit is not None else ()


def category_of(provider_id: str) -> str | None:
    """Return the category folder of a canonical provider id (None if not in the table)."""
    p = PROVIDER_BY_ID.get(provider_id)
    return p.category if p else None


def litellm_key_prefixes(provider_id: str) -> tuple[str, ...]:
    """Return the first key segments LiteLLM uses for ``provider_id`` (stripped from its keys)."""
    p = PROVIDER_BY_ID[provider_id]
    out: list[str] = []
    for name in (*p.litellm, *p.key_prefixes):
        out.append(name)
        base = name.split("-", 1)[0] if name.startswith("vertex_ai-") or name.startswith("fireworks_ai-") else name
        out.append(base)
    return tuple(dict.fromkeys(out))


def canonical_offering(provider_id: str, raw_id: str) -> tuple[str, str]:
    """Apply the provider's unconditional id rules: return the ``(provider, raw id)`` of one offering.

    * ``vendor_ids_to``: a ``vendor/model`` id of a provider that resells third-party models through a
      separate product belongs to that product (Perplexity's ``anthropic/claude-…`` -> ``perplexity-agent``);
    * ``bare_id_prefix``: a bare id is the prefixed id the provider's API resolves it to.

    >>> canonical_offering("perplexity", "anthropic/claude-opus-4-6"), canonical_offering("perplexity", "sonar")
    (('perplexity-agent', 'anthropic/claude-opus-4-6'), ('perplexity', 'sonar'))
    >>> canonical_offering("fireworks", "glm-5p1")
    ('fireworks', 'accounts/fireworks/models/glm-5p1')
    """
    p = PROVIDER_BY_ID.get(provider_id)
    if p is None:
        return provider_id, raw_id
    if p.vendor_ids_to and "/" in raw_id:
        return p.vendor_ids_to, raw_id
    if p.bare_id_prefix and "/" not in raw_id:
        return provider_id, p.bare_id_prefix + raw_id
    return provider_id, raw_id


def dotted_version_id(provider_id: str, raw_id: str) -> str | None:
    """Return the dotted spelling of a dashed version (``claude-3-7-sonnet`` -> ``claude-3.7-sonnet``).

    Only for providers with ``version_dots``; None when the rule does not apply. The caller merges
    the two spellings only when a source lists the dotted one.

    >>> dotted_version_id("vercel", "anthropic/claude-3-7-sonnet"), dotted_version_id("openai", "gpt-3-5")
    ('anthropic/claude-3.7-sonnet', None)
    """
    p = PROVIDER_BY_ID.get(provider_id)
    if p is None or not p.version_dots:
        return None
    import re

    dotted = re.sub(r"(?<=-\d)-(?=\d(?:-|$))", ".", raw_id)
    return dotted if dotted != raw_id else None


def vendor_id_prefixes() -> tuple[str, ...]:
    """Return every provider's vendor id prefixes (``anthropic.`` in ``anthropic.claude-…``), for linking."""
    return tuple(dict.fromkeys(v for p in PROVIDERS for v in p.vendor_id_prefixes))


# --- sources ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceKind:
    """How one source id is weighed when sources are reconciled (see :mod:`modelsuite_tools.verify`)."""

    #: precedence tier: 1 the provider's own API, 2 its official page, 3 a provider-specific catalog,
    #: 4 an aggregator catalog of many providers
    tier: int
    #: the source's context number is the input limit, not the window (used only when nothing else
    #: gives a context window): LiteLLM's ``max_input_tokens`` (GPT-5: 272000 of a 400000 window)
    context_is_input_limit: bool = False


#: Every source id whose weight is not the default (ids ending in ``-api`` are tier 1, everything
#: else not listed here is an aggregator catalog, tier 4).
SOURCE_KINDS: Final[dict[str, SourceKind]] = {
    "official": SourceKind(2),
    "aws-price-list": SourceKind(3),
    "litellm": SourceKind(4, context_is_input_limit=True),
    "models.dev": SourceKind(4),
    "genai-prices": SourceKind(4),
}

#: Sources that are not independent of another for one provider's offerings: (catalog source,
#: provider) -> the source it is derived from. models.dev builds its ``openrouter`` section from
#: OpenRouter's own model API, so ``openrouter-api`` + ``models.dev`` agreeing on an ``openrouter/…``
#: row is one observation, not two. Such pairs never make a row ``verified`` and are reported apart
#: in the agreement table.
DERIVED_SOURCES: Final[dict[tuple[str, str], str]] = {
    ("models.dev", "openrouter"): "openrouter-api",
    # genai-prices generates its `openrouter` section from OpenRouter's model API and its `aws`
    # section from the AWS Price List API (its prices/src/prices/source_openrouter.py, source_aws.py)
    ("genai-prices", "openrouter"): "openrouter-api",
    ("genai-prices", "bedrock"): "aws-price-list",
}


def source_kind(source: str) -> SourceKind:
    """Return the weight of a source id (``*-api`` -> tier 1; unknown catalogs -> tier 4).

    >>> source_kind("groq-api").tier, source_kind("official").tier, source_kind("aws-price-list").tier
    (1, 2, 3)
    """
    kind = SOURCE_KINDS.get(source)
    if kind is not None:
        return kind
    return SourceKind(1) if source.endswith("-api") else SourceKind(4)


def origin_of(source: str, provider_id: str) -> str:
    """Return the independent origin of ``source``'s observation of a ``provider_id`` offering.

    >>> origin_of("models.dev", "openrouter"), origin_of("models.dev", "groq")
    ('openrouter-api', 'models.dev')
    """
    return DERIVED_SOURCES.get((source, provider_id), source)
