"""Fill ``base_model``: the underlying model an offering serves, so offerings link across providers.

For every row a candidate name is taken from, in this order of trust:

0. the fetcher's ``base_model`` (OpenRouter's ``canonical_slug``, verbatim; its date is dropped);
1. ``hf_id`` (the Hugging Face repository of the weights);
2. the offering's own id when it is ``org/Model`` (Together, DeepInfra, OpenRouter, Groq ``openai/…``);
3. the offering's own id otherwise (``llama-3.3-70b-versatile``, ``meta.llama3-3-70b-instruct-v1:0``).

Each candidate is normalised by the rules in :mod:`modelsuite_tools.naming` (the one place that
holds them): :func:`~modelsuite_tools.naming.model_key` groups the offerings of one model and
:func:`~modelsuite_tools.naming.link_name` spells its name. The organisation comes from the model
family (:func:`~modelsuite_tools.naming.family_org`, Hugging Face org for open weights), else from
the candidate's own ``org/`` prefix, else from the models.dev ``family``. Every member of a group
gets the group's one ``base_model``: the spelling most members use, trusted candidates first.
Rows whose organisation cannot be told are left unlinked rather than guessed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import MutableMapping, Sequence

from modelsuite_tools.naming import clean_repo_name, family_org, link_name, model_key
from modelsuite_tools.schema import RAW_ID_RE, raw_id_of


def candidate(row: MutableMapping[str, str]) -> tuple[str, str, int] | None:
    """Return ``(group key, display base_model, trust rank)`` for a row, or None if unknown."""
    raw = raw_id_of(row["id"])
    options: list[tuple[str, int]] = []
    if row.get("base_model"):
        options.append((row["base_model"], 0))
    if row.get("hf_id"):
        options.append((row["hf_id"], 1))
    if raw.count("/") == 1 and not raw.startswith(("@", "accounts/")):
        options.append((raw, 2))
    options.append((raw, 3))
    for text, rank in options:
        cleaned = clean_repo_name(text)
        name = link_name(cleaned, keep_instruct=True)
        if not name:
            continue
        explicit = cleaned.split("/", 1)[0] if rank < 3 and "/" in cleaned else ""
        org = family_org(name) or explicit or family_org(row.get("_family", "").lower())
        if not org:
            continue
        display = f"{org}/{name}"
        if RAW_ID_RE.fullmatch(display):
            return model_key(name), display, rank
    return None


def link_rows(rows: Sequence[MutableMapping[str, str]]) -> int:
    """Set ``base_model`` on every row that can be linked; return how many rows are linked."""
    groups: dict[str, list[tuple[int, str, int]]] = defaultdict(list)
    for i, row in enumerate(rows):
        got = candidate(row)
        if got is None:  # nothing to link by: a fetcher's own base_model (if any) stays
            continue
        key, display, rank = got
        groups[key].append((i, display, rank))
    linked = 0
    for members in groups.values():
        best_rank = min(rank for _, _, rank in members)
        votes = Counter(d for _, d, r in members if r == best_rank)
        display = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        for i, _, _ in members:
            rows[i]["base_model"] = display
            linked += 1
    return linked
