"""Synthetic registries for the benchmarks: ``N`` valid rows in the real CSV schema.

The rows are invented (they are never data): providers of every category, aliases on direct
providers' rows, nested raw ids on aggregators, a realistic mix of prices, limits, capability
letters, benchmark scores, long-context tiers and descriptions, so the generated module and the
runtime see the same shapes as the real catalog. Sizes are calibrated on the real registry
(7,288 rows: ~330 bytes of row text and ~2 lookup keys per row, 1 row in 10 with a
description); the synthetic rows come out slightly larger. Deterministic for a given seed.

    python benchmarks/synth.py 10000 /tmp/synth-10k   # write the CSVs of a 10k-row data directory
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [p for p in (str(HERE.parent / "src"),) if p not in sys.path]

from modelsuite_tools.csvio import write_csv  # noqa: E402
from modelsuite_tools.schema import empty_row  # noqa: E402

#: (category, provider name stem, share of the rows) - shaped like the real catalog: a few
#: aggregators and community hubs hold most offerings, direct providers hold fewer.
LAYOUT: tuple[tuple[str, str, float], ...] = (
    ("core", "maker", 0.12),
    ("regional", "regional", 0.08),
    ("specialized", "platform", 0.25),
    ("aggregators", "router", 0.30),
    ("community", "hub", 0.25),
)
PROVIDERS_PER_CATEGORY = {"core": 12, "regional": 10, "specialized": 18, "aggregators": 6, "community": 3}
PRICES = ("0.02", "0.05", "0.075", "0.1", "0.15", "0.2", "0.25", "0.3", "0.4", "0.5", "0.6", "0.8", "0.9",
          "1", "1.1", "1.25", "2", "2.5", "3", "4", "5", "10", "12", "15", "20", "30", "60", "75")  # fmt: skip
CONTEXTS = ("4096", "8192", "16384", "32768", "65536", "128000", "131072", "200000", "262144", "400000",
            "1000000", "1048576", "-1")  # fmt: skip
OUTPUTS = ("2048", "4096", "8192", "16384", "32768", "64000", "65536", "100000", "128000", "-1")
CAPS = ("", "T", "TJ", "VTJ", "VTJS", "VTJSC", "VTJSKC", "TJSK", "VT", "J")
FAMILIES = ("llama", "qwen", "mistral", "gemma", "phi", "deepseek", "glm", "command", "granite", "falcon",
            "mixtral", "yi", "olmo", "nemotron", "jamba", "hermes", "solar", "internlm", "minimax", "kimi")  # fmt: skip
SIZES = ("0.5b", "1b", "3b", "7b", "8b", "13b", "14b", "27b", "32b", "70b", "72b", "110b", "405b", "8x7b", "8x22b")
VARIANTS = ("", "-instruct", "-chat", "-it", "-turbo", "-preview", "-fp8", "-awq", "-coder", "-vision")
WORDS = ("fast", "general", "purpose", "model", "for", "reasoning", "coding", "with", "tool", "use", "long",
         "context", "multilingual", "chat", "instruction", "tuned", "vision", "language", "efficient",
         "open", "weights", "served", "at", "low", "latency", "and", "high", "throughput", "the", "a")  # fmt: skip
SOURCES = ("litellm", "models.dev", "openrouter-api", "together-api", "groq-api", "huggingface-api", "official")


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[:1].upper() + text[1:] + "." if text else ""


def make_rows(n: int, seed: int = 1) -> dict[str, list[dict[str, str]]]:
    """Return ``{"<category>/<provider>": [row, ...]}`` holding exactly ``n`` valid rows."""
    rng = random.Random(seed)
    files: dict[str, list[dict[str, str]]] = {}
    made = 0
    seen: set[str] = set()
    pool = _base_models(rng, n)
    for ci, (category, stem, share) in enumerate(LAYOUT):
        want = n - made if ci == len(LAYOUT) - 1 else round(n * share)
        nprov = PROVIDERS_PER_CATEGORY[category]
        for k in range(want):
            provider = f"{stem}{k % nprov}"
            rows = files.setdefault(f"{category}/{provider}", [])
            row = _row(rng, category, provider, made + k, pool)
            if row["id"] in seen:
                row["id"] += f"-s{made + k}"
            seen.add(row["id"])
            rows.append(row)
        made += want
    return files


def _base_models(rng: random.Random, n: int) -> list[tuple[str, str]]:
    """Return about ``n // 4`` distinct (family, base name) pairs: the models the offerings serve."""
    pool: dict[str, str] = {}
    while len(pool) < max(8, n // 4):
        family = rng.choice(FAMILIES)
        base = f"{family}-{rng.randint(1, 4)}.{rng.randint(0, 9)}-{rng.choice(SIZES)}{rng.choice(VARIANTS)}"
        pool.setdefault(base, family)
    return [(family, base) for base, family in pool.items()]


def _row(rng: random.Random, category: str, provider: str, serial: int, pool: list[tuple[str, str]]) -> dict[str, str]:
    family, base = rng.choice(pool)
    # about half the raw ids are shared by several providers (the same open model served by many)
    raw = base if rng.random() < 0.5 else f"{base}-s{serial}"
    if category in ("aggregators", "community"):
        raw = f"{rng.choice(('meta-llama', 'qwen', 'mistralai', 'google', 'org' + str(serial % 97)))}/{raw}"
    row = empty_row()
    pin = rng.choice(PRICES)
    pout = rng.choice([p for p in PRICES if float(p) >= float(pin)] or [pin])
    ctx = rng.choice(CONTEXTS)
    out = rng.choice([o for o in OUTPUTS if ctx == "-1" or o == "-1" or int(o) <= int(ctx)])
    multi = rng.random() < 0.3
    sources = "+".join(sorted(rng.sample(SOURCES, 2))) if multi else rng.choice(SOURCES)
    row.update(
        id=f"{provider}/{raw}",
        alias=f"{base}-a{serial}" if category == "core" and rng.random() < 0.6 else "",
        name=f"{family.title()} {base.split('-', 1)[1]} ({provider})",
        status=rng.choice("CCCCCCLLD"),
        input_per_1m=pin if rng.random() < 0.95 else "-1",
        output_per_1m=pout if rng.random() < 0.95 else "-1",
        cache_per_1m=f"{float(pin) / 10:g}" if rng.random() < 0.3 and float(pin) >= 0.1 else "-1",
        max_context=ctx,
        max_output=out,
        caps=rng.choice(CAPS),
        # about 1 row in 10 has a description, as in the real catalog (mostly aggregator rows)
        description=_sentence(rng, rng.choice((12, 25, 40, 60))) if rng.random() < 0.1 else "",
        can_classify=rng.choice("NNNY"),
        source=sources,
        quality="verified" if multi else rng.choice(("partial", "partial", "unknown")),
        updated=f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}",
        input_modalities=rng.choice(("text", "text+image", "text+image+audio", "")),
        output_modalities=rng.choice(("text", "text", "")),
        base_model=f"{family}/{base}" if rng.random() < 0.7 else "",
        source_url=f"https://example.com/{provider}/pricing" if rng.random() < 0.85 else "",
    )
    if rng.random() < 0.15:
        for col in ("mmlu", "humaneval", "math", "gpqa", "swe_bench", "ifeval"):
            if rng.random() < 0.6:
                row[col] = f"{rng.uniform(20, 95):.1f}"
    if rng.random() < 0.1:
        row["tps"] = f"{rng.uniform(20, 900):.1f}"
        row["ttft_ms"] = f"{rng.uniform(100, 2000):.0f}"
    if rng.random() < 0.05 and row["input_per_1m"] != "-1" and row["output_per_1m"] != "-1":
        row["tiers"] = f"200000={float(row['input_per_1m']) * 2:g}/{float(row['output_per_1m']) * 1.5:g}/-1"
    if rng.random() < 0.1:
        row["cache_write_per_1m"] = row["input_per_1m"]
    if rng.random() < 0.05:
        row["kind"] = rng.choice(("embedding", "image", "rerank"))
        row["max_context"] = "8192" if row["max_context"] == "-1" else row["max_context"]
    if rng.random() < 0.05:
        row["notes"] = _sentence(rng, 8)
    if rng.random() < 0.03:
        row["bench_extra"] = f"aa_intelligence={rng.uniform(10, 70):.1f}"
    return row


def write_synthetic(base: Path, n: int, seed: int = 1) -> Path:
    """Write a data directory of ``n`` synthetic rows under ``base``; return ``base``."""
    for rel, rows in make_rows(n, seed).items():
        write_csv(base / f"{rel}.csv", rows)
    return base


def sample_keys(files: dict[str, list[dict[str, str]]], count: int, seed: int = 2) -> tuple[list[str], list[str]]:
    """Return up to ``count`` full ids and ``count`` aliases from ``files``, spread over the registry."""
    rows = [r for rows in files.values() for r in rows]
    rng = random.Random(seed)
    ids = [r["id"] for r in rng.sample(rows, min(count, len(rows)))]
    aliased = [r["alias"] for r in rows if r["alias"]]
    aliases = rng.sample(aliased, min(count, len(aliased)))
    return ids, aliases


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit():
        print("usage: python benchmarks/synth.py ROWS OUT_DIR", file=sys.stderr)
        return 2
    write_synthetic(Path(argv[1]), int(argv[0]))
    print(f"wrote {argv[0]} synthetic rows under {argv[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
