"""Name normalisation shared by duplicate detection and offering linking.

``normalize_model_name`` folds the spellings providers use for the same model into one key:
``OpenAI: GPT-4o-mini``, ``openai/gpt-4o-mini``, ``gpt_4o_mini`` and ``GPT-4o Mini`` all become
``gpt-4o-mini``.
"""

from __future__ import annotations

import re

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
