"""Name normalisation shared by duplicate detection and offering linking.

``normalize_model_name`` folds the spellings providers use for the same model into one key:
``OpenAI: GPT-4o-mini``, ``openai/gpt-4o-mini``, ``gpt_4o_mini`` and ``GPT-4o Mini`` all become
``gpt-4o-mini``.
"""

from __future__ import annotations

import re

from modelsuite_tools.providers import vendor_id_prefixes

_VENDOR_LABEL = re.compile(r"^[^:/]{1,40}:\s+")  # "OpenAI: GPT-4o" display-name prefix
_VARIANT = re.compile(r":[a-z0-9._-]*$")  # ":free", ":thinking", bedrock ":0"
_SEPARATORS = re.compile(r"[\s_.]+")
_DASHES = re.compile(r"-{2,}")


def normalize_model_name(text: str) -> str:
    """Return a comparison key for a model id or display name.

    >>> normalize_model_name("OpenAI: GPT-4o-mini")
    'gpt-4o-mini'
    >>> normalize_model_name("openrouter/meta-llama/Llama_3.3 70B:free")
    'llama-3-3-70b'
    """
    s = text.strip()
    s = _VENDOR_LABEL.sub("", s)
    s = s.lower().rsplit("/", 1)[-1]
    s = _VARIANT.sub("", s)
    s = _SEPARATORS.sub("-", s)
    s = _DASHES.sub("-", s)
    return s.strip("-")


# --- Linking offerings to the model they serve (used by modelsuite_tools.linking) ---------------
#
# Rules, applied in this order by :func:`model_key` (each is tested in tests/test_linking.py):
#  1. lower-case; drop a ``:variant`` suffix (``:free``, Bedrock ``:0``) and keep the last path
#     segment (``accounts/fireworks/models/x`` -> ``x``, ``meta-llama/Llama-3.3-70B`` -> ``llama-3.3-70b``);
#  2. Bedrock ids: drop the geo prefix of an inference profile (``us.``, ``eu.``, ``apac.``, ``global.``…)
#     and the vendor prefix (``meta.``, ``anthropic.``…) with its ``-v1`` version suffix; a bare
#     version after a vendor becomes ``vendor-version`` (``deepseek.r1`` -> ``deepseek-r1``);
#  3. drop release dates (``-20250929``, ``-2024-08-06``, ``@20250929``, ``-251222``) and Vertex
#     version tags (``@001``, ``@default``);
#  4. drop serving suffixes that do not change the model (``-turbo``, ``-fp8``, ``-versatile``,
#     ``-maas``, ``-tput``, ``-free``…) and the ``-instruct``/``-it`` suffix (providers serve the
#     instruction-tuned weights under both spellings);
#  5. spell versions one way: ``v3p3``/``3p1`` -> ``3.3``/``3.1``, ``3-5`` -> ``3.5`` between single
#     digits, ``meta-llama-3`` -> ``llama-3``, Claude 4+ ``claude-4.5-sonnet`` -> ``claude-sonnet-4.5``;
#  6. drop a dash between a name and its version (``llama-3.3`` = ``llama3.3``, ``qwen-3`` = ``qwen3``).
# :func:`family_org` names the organisation that publishes a model family (Hugging Face org for
# open weights: ``meta-llama``, ``qwen``, ``deepseek-ai``, ``mistralai``…).

_GEO = re.compile(r"^(us-gov|us|eu|apac|global|au|jp|ca|us-east|apne|ap)\.")
# vendor prefixes of ids (``anthropic.`` on Bedrock) come from the providers table
_VENDOR = re.compile(r"^(" + "|".join(map(re.escape, vendor_id_prefixes())) + r")\.(.+)$")
_DATES = (
    re.compile(r"[-_@](20\d{2})-?(0[1-9]|1[0-2])-?([0-2]\d|3[01])$"),
    re.compile(r"[-@]\d{2}(0[1-9]|1[0-2])([0-2]\d|3[01])$"),
    re.compile(r"@[a-z0-9]+$"),
)
_SERVING = re.compile(r"-(turbo|fp8|fp4|fp16|bf16|int4|int8|awq|gptq|tput|free|versatile|instant|specdec|maas|"
                      r"serverless|gguf|mxfp4|nvfp4|mlx|hf|instruct|it)$")
_SERVING_ONLY = re.compile(r"-(turbo|fp8|fp4|fp16|bf16|int4|int8|awq|gptq|tput|free|versatile|instant|specdec|maas|"
                           r"serverless|gguf|mxfp4|nvfp4|mlx|hf)$")
_SINGLE_DIGIT_DASH = re.compile(r"(?<=\b\d)-(?=\d(?:-|$))|(?<=[a-z]\d)-(?=\d(?:-|$))")
_FAMILY_ORG: tuple[tuple[str, str], ...] = (
    ("gpt-oss", "openai"), ("llama", "meta-llama"), ("codellama", "meta-llama"), ("claude", "anthropic"),
    ("gpt", "openai"), ("chatgpt", "openai"), ("o1", "openai"), ("o3", "openai"), ("o4", "openai"),
    ("text-embedding", "openai"), ("dall-e", "openai"), ("whisper", "openai"), ("codex", "openai"),
    ("gemini", "google"), ("gemma", "google"), ("imagen", "google"), ("veo", "google"),
    ("mistral", "mistralai"), ("mixtral", "mistralai"), ("codestral", "mistralai"), ("ministral", "mistralai"),
    ("devstral", "mistralai"), ("magistral", "mistralai"), ("pixtral", "mistralai"), ("voxtral", "mistralai"),
    ("open-mistral", "mistralai"), ("open-mixtral", "mistralai"),
    ("deepseek", "deepseek-ai"), ("qwen", "qwen"), ("qwq", "qwen"), ("qvq", "qwen"),
    ("glm", "zai-org"), ("chatglm", "zai-org"), ("kimi", "moonshotai"), ("moonshot", "moonshotai"),
    ("minimax", "minimaxai"), ("grok", "x-ai"), ("command", "cohere"), ("c4ai", "cohere"), ("aya", "cohere"),
    ("jamba", "ai21labs"), ("nova", "amazon"), ("titan", "amazon"), ("phi", "microsoft"),
    ("granite", "ibm-granite"), ("nemotron", "nvidia"), ("sonar", "perplexity"), ("ernie", "baidu"),
    ("hunyuan", "tencent"), ("doubao", "bytedance"), ("seed", "bytedance"), ("step", "stepfun-ai"),
    ("mimo", "xiaomimimo"), ("hermes", "nousresearch"),
)


def strip_date_suffix(name: str) -> str:
    """Drop trailing release dates and Vertex version tags.

    >>> strip_date_suffix("claude-sonnet-4-5-20250929"), strip_date_suffix("gpt-4o-2024-08-06")
    ('claude-sonnet-4-5', 'gpt-4o')
    >>> strip_date_suffix("claude-haiku-4-5@20251001"), strip_date_suffix("deepseek-r1-0528")
    ('claude-haiku-4-5', 'deepseek-r1-0528')
    """
    s = name
    changed = True
    while changed:
        changed = False
        for rx in _DATES:
            new = rx.sub("", s)
            if new != s and new:
                s, changed = new, True
    return s


def link_name(raw_id: str, *, keep_instruct: bool = False) -> str:
    """Return the model's name from an offering id, normalised for display (rules 1-5).

    With ``keep_instruct`` the ``-instruct``/``-it`` suffix is kept (for display).

    >>> link_name("accounts/fireworks/models/llama-v3p3-70b-instruct", keep_instruct=True)
    'llama-3.3-70b-instruct'
    >>> link_name("us.anthropic.claude-sonnet-4-5-20250929-v1:0"), link_name("deepseek.r1-v1:0")
    ('claude-sonnet-4.5', 'deepseek-r1')
    """
    s = raw_id.strip().lower()
    s = _VARIANT.sub("", s).rstrip("/")
    s = s.rsplit("/", 1)[-1]
    s = _GEO.sub("", s)
    m = _VENDOR.match(s)
    if m:
        vendor, s = m.group(1), m.group(2)
        s = re.sub(r"-v?\d+$", "", s)
        if re.match(r"^[rv]?\d", s):
            s = f"{vendor}-{s}"
    s = _SEPARATORS.sub("-", s) if "_" in s or " " in s else s
    s = strip_date_suffix(s)
    serving = _SERVING_ONLY if keep_instruct else _SERVING
    while True:
        new = serving.sub("", s)
        if new == s or not new:
            break
        s = new
    s = re.sub(r"(\d)p(\d)", r"\1.\2", s)
    s = re.sub(r"\bllama-v(\d)", r"llama-\1", s)
    s = re.sub(r"^meta-llama-", "llama-", s)
    s = re.sub(r"^llama(\d)", r"llama-\1", s)
    s = _SINGLE_DIGIT_DASH.sub(".", s)
    m2 = re.match(r"^claude-(\d(?:\.\d)?)-(opus|sonnet|haiku)(.*)$", s)
    if m2 and int(m2.group(1)[0]) >= 4:
        s = f"claude-{m2.group(2)}-{m2.group(1)}{m2.group(3)}"
    return _DASHES.sub("-", s).strip("-")


def model_key(raw_id: str) -> str:
    """Return the key that groups offerings of the same model (rules 1-6).

    >>> model_key("meta-llama/Llama-3.3-70B-Instruct-Turbo") == model_key("llama-3.3-70b-versatile")
    True
    >>> model_key("anthropic/claude-4.5-sonnet-20250929") == model_key("claude-sonnet-4-5@20250929")
    True
    """
    s = link_name(raw_id)
    s = re.sub(r"-(instruct|it)(?=-|$)", "", s)
    return re.sub(r"(?<=[a-z])-(?=\d)", "", s)


def family_org(name: str) -> str | None:
    """Return the organisation publishing the model family of ``name`` (a :func:`link_name`), if known.

    >>> family_org("llama-3.3-70b-instruct"), family_org("gpt-oss-120b"), family_org("qwen3-32b")
    ('meta-llama', 'openai', 'qwen')
    """
    for prefix, org in _FAMILY_ORG:
        if name.startswith(prefix) and (len(name) == len(prefix) or not name[len(prefix)].isalpha()
                                        or prefix in ("qwen", "glm", "gpt", "phi", "step", "kimi")):
            return org
    return None



def clean_repo_name(name: str) -> str:
    """Lower-case an ``org/Model`` name and drop dates and serving suffixes (not ``-instruct``).

    >>> clean_repo_name("meta-llama/Llama-3.3-70B-Instruct-Turbo")
    'meta-llama/llama-3.3-70b-instruct'
    >>> clean_repo_name("anthropic/claude-4.5-sonnet-20250929")
    'anthropic/claude-4.5-sonnet'
    """
    s = _VARIANT.sub("", name.strip().lower())
    s = strip_date_suffix(s)
    while True:
        new = _SERVING_ONLY.sub("", s)
        if new == s or not new:
            return s
        s = new
