"""The documentation is executable and cannot drift from the code and the data.

- ``docs/guide.md`` runs as a doctest against the committed registry;
- the column table in ``data/models/README.md`` matches :mod:`modelsuite_tools.schema`, and the
  README's worked example is a valid CSV that builds and is found by the runtime;
- ``docs/providers.md`` (the generated coverage table) lists every provider and is up to date;
- the commands, scripts and links the Markdown files mention exist.
"""

from __future__ import annotations

import doctest
import io
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from modelsuite import _registry, estimate_cost, get_model_info
from modelsuite.cli import build_parser
from modelsuite_tools.csvio import parse_csv_bytes
from modelsuite_tools.generate import build, default_targets
from modelsuite_tools.generate.build import DEFAULT_DATA_DIR, REPO_ROOT, make_stamp
from modelsuite_tools.generate.coverage import (
    COLUMNS_BEGIN,
    COLUMNS_END,
    coverage,
    render,
    render_column_table,
    replace_marked_section,
    update_readme,
)
from modelsuite_tools.merge import load_registry
from modelsuite_tools.schema import CATEGORIES, COLUMNS, SOURCES
from modelsuite_tools.validate import validate_rows
from tests.support import TODAY, build_module, make_row, registry_from, write_data_dir

DOCS = REPO_ROOT / "docs"
DATA_README = DEFAULT_DATA_DIR / "README.md"
MARKDOWN = [
    DATA_README,
    REPO_ROOT / "CONTRIBUTING.md",
    REPO_ROOT / "CHANGELOG.md",
    DOCS / "guide.md",
    DOCS / "updates.md",
    DOCS / "providers.md",
]


@pytest.fixture
def committed_registry() -> Iterator[None]:
    """Make sure the runtime serves the committed data (not a test's synthetic registry)."""
    _registry.use_data_module(None)
    yield
    _registry.clear_cache()


# --------------------------------------------------------------------------------------------
# docs/guide.md


def test_guide_examples_run_against_the_committed_registry(committed_registry: None) -> None:
    out = io.StringIO()
    parser = doctest.DocTestParser()
    text = (DOCS / "guide.md").read_text(encoding="utf-8")
    test = parser.get_doctest(text, {}, "guide.md", str(DOCS / "guide.md"), 0)
    assert len(test.examples) >= 20, "the guide lost its examples"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test, out=out.write)
    assert runner.failures == 0, out.getvalue()


def test_guide_fails_when_an_example_is_wrong(committed_registry: None) -> None:
    # The runner above really compares outputs: a wrong expectation is reported.
    bad = '>>> import modelsuite\n>>> modelsuite.get_model_info("no-such-model") is None\nFalse\n'
    test = doctest.DocTestParser().get_doctest(bad, {}, "bad", "bad", 0)
    runner = doctest.DocTestRunner()
    runner.run(test, out=lambda _s: None)
    assert runner.failures == 1


# --------------------------------------------------------------------------------------------
# data/models/README.md


def test_readme_column_table_matches_the_schema() -> None:
    ok, message = update_readme(DATA_README, check=True)
    assert ok, message
    text = DATA_README.read_text(encoding="utf-8")
    section = text.split(COLUMNS_BEGIN, 1)[1].split(COLUMNS_END, 1)[0]
    listed = re.findall(r"^\| \d+ \| `([a-z0-9_]+)` \|", section, re.MULTILINE)
    assert listed == [c.name for c in COLUMNS]


def test_readme_column_check_detects_drift(tmp_path: Path) -> None:
    stale = tmp_path / "README.md"
    stale.write_text(f"# t\n{COLUMNS_BEGIN}\n| old |\n{COLUMNS_END}\n", encoding="utf-8")
    ok, message = update_readme(stale, check=True)
    assert not ok
    assert "out of date" in message
    assert "| old |" in stale.read_text(encoding="utf-8")  # --check writes nothing
    ok, _ = update_readme(stale)
    assert ok
    assert render_column_table() in stale.read_text(encoding="utf-8")
    assert update_readme(stale, check=True)[0]


def test_readme_column_update_without_markers_is_a_clear_error(tmp_path: Path) -> None:
    plain = tmp_path / "README.md"
    plain.write_text("no markers here\n", encoding="utf-8")
    ok, message = update_readme(plain)
    assert not ok
    assert "markers" in message
    assert plain.read_text(encoding="utf-8") == "no markers here\n"
    with pytest.raises(ValueError, match="markers"):
        replace_marked_section(f"{COLUMNS_END}\n{COLUMNS_BEGIN}\n", "x")


def _worked_example() -> str:
    text = DATA_README.read_text(encoding="utf-8")
    after = text.split("worked-example", 1)[1]
    block = after.split("```csv\n", 1)[1].split("```", 1)[0]
    return "\n".join(line.strip() for line in block.strip().splitlines()) + "\n"


def test_readme_worked_example_validates_builds_and_is_found(tmp_path: Path) -> None:
    csv_text = _worked_example()
    (tmp_path / "data" / "core").mkdir(parents=True)
    (tmp_path / "data" / "core" / "acme.csv").write_text(csv_text, encoding="utf-8")
    reg = load_registry(tmp_path / "data", today=TODAY)
    assert reg.report.errors == []
    module = build_module(tmp_path / "data", tmp_path / "out")
    with registry_from(module):
        m = get_model_info("acme-chat-2")
        assert m is not None
        assert m.id == "acme/acme-chat-2"
        assert (m.pricing.input_per_1m, m.pricing.output_per_1m) == (Decimal("1.5"), Decimal(6))
        assert m.pricing.cache_write_per_1m is None  # the example's -1
        assert m.caps == "VTJC"
        assert m.benchmarks.mmlu is None
        assert m.source_url == "https://acme.example/pricing"
        assert estimate_cost(m, 1_000_000, 1_000_000) == Decimal("7.5")


def test_readme_error_example_is_what_the_validator_says() -> None:
    text = DATA_README.read_text(encoding="utf-8")
    documented = re.search(r"^\s*data/models/core/acme\.csv:(\d+): (.+)$", text, re.MULTILINE)
    assert documented is not None
    bad = _worked_example().replace(",1.5,6,", ",$1.50,6,")
    parsed = parse_csv_bytes(bad.encode(), "data/models/core/acme.csv")
    report = validate_rows(parsed.rows)
    assert [str(p) for p in report.errors] == [f"data/models/core/acme.csv:{documented[1]}: {documented[2]}"]


# --------------------------------------------------------------------------------------------
# docs/providers.md: the generated coverage table


def _providers_target(root: Path = REPO_ROOT) -> list:  # type: ignore[type-arg]
    return [t for t in default_targets(root=root) if t.name == "providers"]


def test_coverage_table_is_a_build_target() -> None:
    assert [t.path for t in _providers_target()] == [DOCS / "providers.md"]
    assert [t.path.name for t in default_targets("out") if t.name == "providers"] == ["providers.md"]


def test_committed_coverage_table_lists_every_provider_and_is_up_to_date() -> None:
    reg = load_registry(DEFAULT_DATA_DIR)
    assert not reg.report.errors
    providers = {r["id"].partition("/")[0] for r in reg.rows}
    text = (DOCS / "providers.md").read_text(encoding="utf-8")
    categories = "|".join(CATEGORIES)
    listed = re.findall(rf"^\| `([a-z0-9_-]+)` \| (?:{categories}) \| \d+ \|", text, re.MULTILINE)
    assert len(listed) == len(set(listed))
    assert set(listed) == providers
    assert text == render(reg, make_stamp(reg, DEFAULT_DATA_DIR)), "run `modelsuite build` and commit"


SYNTHETIC_ANTHROPIC = [
    make_row(
        "anthropic/a",
        input_per_1m="3",
        output_per_1m="15",
        source="litellm+models.dev",
        quality="verified",
        updated="2026-11-01",
    ),
    make_row("anthropic/b", source="official", updated="2026-10-01"),  # prices unknown
]


def test_coverage_counts_sources_share_and_dates(data_dir: Path) -> None:
    reg = load_registry(data_dir, today=TODAY)
    cov = {c.provider: c for c in coverage(reg)}
    assert set(cov) == {"anthropic", "google", "openrouter", "groq"}
    assert [c.provider for c in coverage(reg)] == ["anthropic", "google", "groq", "openrouter"]  # category order
    a = cov["anthropic"]
    assert (a.category, a.offerings, a.priced, a.verified) == ("core", 1, 1, 1)
    assert a.sources == ("litellm", "models.dev")
    assert a.verified_share == "100%"
    o = cov["openrouter"]
    assert (o.category, o.offerings, o.verified, o.verified_share) == ("aggregators", 2, 0, "0%")
    assert o.sources == ("openrouter-api",)
    assert o.last_updated == "2026-08-19"


def test_coverage_priced_and_mixed_quality(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path / "data", {"core/anthropic": SYNTHETIC_ANTHROPIC})
    reg = load_registry(data, today=TODAY)
    (c,) = coverage(reg)
    assert (c.offerings, c.priced, c.verified, c.verified_share) == (2, 1, 1, "50%")
    assert c.sources == ("litellm", "models.dev", "official")
    assert c.last_updated == "2026-11-01"


def test_rendered_table_is_stamped_deterministic_and_complete(data_dir: Path) -> None:
    reg = load_registry(data_dir, today=TODAY)
    stamp = make_stamp(reg, data_dir)
    text = render(reg, stamp)
    assert text == render(load_registry(data_dir, today=TODAY), stamp)
    assert text.startswith("<!-- GENERATED by `modelsuite build`")
    assert "DO NOT EDIT" in text.splitlines()[0]
    assert stamp.version in text
    rows = re.findall(
        r"^\| `([a-z0-9_-]+)` \| (\w+) \| (\d+) \| (\d+) \| ([^|]*) \| (\d+%) \| ([\d-]+) \|$", text, re.MULTILINE
    )
    assert ("anthropic", "core", "1", "1", "litellm, models.dev", "100%", "2026-10-25") in rows
    assert ("openrouter", "aggregators", "2", "2", "openrouter-api", "0%", "2026-08-19") in rows
    assert len(rows) == 4
    for src in ("litellm", "models.dev", "openrouter-api", "groq-api"):  # the legend names each source used
        assert f"| `{src}` | {SOURCES[src][0]} |" in text
    assert "`together-api`" not in text  # ...and only those


def test_rendered_table_of_an_empty_registry(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    reg = load_registry(tmp_path / "data", today=TODAY)
    text = render(reg, make_stamp(reg, tmp_path / "data"))
    assert "no offerings yet" in text
    assert "| `" not in text


def test_build_writes_and_checks_the_coverage_table(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build(data_dir, default_targets(out), today=TODAY)
    assert not result.errors
    page = out / "providers.md"
    assert page in result.written
    assert "`groq`" in page.read_text(encoding="utf-8")
    assert build(data_dir, default_targets(out), check_only=True, today=TODAY).drifted == []
    page.write_text(page.read_text(encoding="utf-8").replace("`groq`", "`grok`"), encoding="utf-8")
    assert build(data_dir, default_targets(out), check_only=True, today=TODAY).drifted == [page]


# --------------------------------------------------------------------------------------------
# everything the Markdown mentions exists


def _commands() -> set[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return set(sub.choices)  # type: ignore[arg-type]


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: p.name)
def test_markdown_mentions_only_real_commands_scripts_and_files(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    commands = _commands()
    for name in re.findall(r"(?:`|\$ )modelsuite ([a-z][a-z-]*)", text):
        assert name in commands, f"{path.name} mentions `modelsuite {name}`, which is not a command"
    for script in re.findall(r"scripts/([a-z_]+\.py)", text):
        assert (REPO_ROOT / "scripts" / script).is_file(), f"{path.name} mentions missing scripts/{script}"
    for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text):
        assert (path.parent / target).exists(), f"{path.name} links to missing {target}"


def test_source_tables_list_every_fetcher_with_its_file_and_key() -> None:
    from modelsuite_tools.fetchers import FETCHERS

    readme = DATA_README.read_text(encoding="utf-8")
    updates = (DOCS / "updates.md").read_text(encoding="utf-8")
    table = readme.split("<!-- fetchers:", 1)[1].split("\n\n", 1)[0]
    listed = re.findall(r"^\| `([a-z0-9_]+)` \|", table, re.MULTILINE)
    assert sorted(listed) == sorted(FETCHERS)
    for name, fetcher in FETCHERS.items():
        line = next(row for row in table.splitlines() if row.startswith(f"| `{name}` |"))
        assert f"`{fetcher.default_output}`" in line, name
        assert f"`{fetcher.source_id}`" in line, name
        assert f"`{fetcher.default_output}`" in updates, f"docs/updates.md does not say where {name} writes"
        for var in fetcher.credentials:
            if not var.startswith("AWS_"):
                assert f"`{var}`" in line and f"`{var}`" in updates, (name, var)


def test_changelog_follows_keep_a_changelog_and_lists_every_command() -> None:
    text = (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith("# Changelog\n")
    headings = re.findall(r"^## \[([^\]]+)\]", text, re.MULTILINE)
    assert headings[0] == "Unreleased"
    for heading in headings:
        assert re.search(rf"^\[{re.escape(heading)}\]: https://", text, re.MULTILINE), f"no link for [{heading}]"
    assert re.search(r"^### (Added|Changed|Deprecated|Removed|Fixed|Security)$", text, re.MULTILINE)
    for command in sorted(_commands()):
        assert f"`{command}`" in text, f"CHANGELOG.md does not mention the `{command}` command"
