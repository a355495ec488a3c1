"""The static catalog site: generation, safe data embedding, determinism, the CLI command.

The page's behaviour in a browser is tested in tests/test_site_browser.py.
"""

from __future__ import annotations

import copy
import json
import re
import types
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from modelsuite.cli import main
from modelsuite_tools.generate import build, default_targets
from modelsuite_tools.site import (
    ASSET_NAMES,
    DATA_FIELDS,
    SiteError,
    build_site,
    encode_data_js,
    models_from_runtime,
    offerings_from_runtime,
    render_site,
    write_site,
)
from tests.conftest import SAMPLE
from tests.support import TODAY, make_row, registry_from, write_data_dir

HOSTILE_NAME = "</script><img src=x onerror=alert(1)>"
#: A right-to-left override (the data validator rejects it; the site must still show it as text).
RTL_NAME = "invoice\u202egnp.exe & <b>bold</b>\u2028next"

#: SAMPLE plus rows that exercise the page: batch prices, 12-decimal prices with a tier, another
#: kind, a deprecated model and a hostile name. Every row passes the real validator.
SITE_SAMPLE: dict[str, list[dict[str, str]]] = {
    **SAMPLE,
    "core/openai": [
        make_row(
            "openai/gpt-test",
            name="GPT Test",
            input_per_1m="1.25",
            output_per_1m="10",
            cache_per_1m="0.125",
            batch_input_per_1m="0.625",
            batch_output_per_1m="5",
            max_context="400000",
            max_output="128000",
            caps="VTJS",
            base_model="openai/gpt-test",
        ),
    ],
    "specialized/precise": [
        make_row(
            "precise/tiny-price",
            name="Tiny Price",
            input_per_1m="0.000000000001",
            output_per_1m="987.123456789012",
            cache_per_1m="0.333333333333",
            cache_write_per_1m="0.1",
            max_context="32768",
            tiers="16000=0.000000000003/1974.246913578024/0.666666666666",
        ),
        make_row(
            "precise/embed-1",
            name="Embed One",
            kind="embedding",
            input_per_1m="0.02",
            output_per_1m="0",
            max_context="8192",
            status="D",
        ),
    ],
    "community/evil": [
        make_row(
            "evil/x1",
            name=HOSTILE_NAME,
            input_per_1m="1",
            output_per_1m="2",
            max_context="8192",
            description="<script>alert(2)</script> & \"quotes\" 'too'",
        ),
    ],
}


def build_sample(base: Path, files: dict[str, list[dict[str, str]]] | None = None) -> Path:
    """Build ``files`` (default :data:`SITE_SAMPLE`) through the real pipeline; return the output folder."""
    data = write_data_dir(base / "data", files or SITE_SAMPLE)
    out = base / "out"
    result = build(data, default_targets(out), today=TODAY)
    assert not result.errors, [str(e) for e in result.errors]
    return out


def load_module(out: Path) -> types.ModuleType:
    from modelsuite_tools.generate.json_export import load_generated

    return load_generated((out / "_data.py").read_text(encoding="utf-8"))


def rtl_model(template: dict[str, Any]) -> dict[str, Any]:
    """A model dict the validator would refuse (bidi override in its name), for the site only."""
    m = copy.deepcopy(template)
    m.update(id="evil/rtl", alias="", name=RTL_NAME, base_model="", description=HOSTILE_NAME, notes=RTL_NAME)
    return m


def parse_data_js(text: str) -> dict[str, Any]:
    """Return the object ``data.js`` assigns to ``window.MODELSUITE_DATA`` (decoding it as JavaScript would)."""
    m = re.fullmatch(r"/\*[^\n]*\*/\nwindow\.MODELSUITE_DATA = JSON\.parse\('(.*)'\);\n", text, flags=re.DOTALL)
    assert m, text[:200]
    literal = m.group(1)
    assert re.search(r"(?<!\\)(?:\\\\)*'", literal) is None  # no unescaped quote ends the string early
    # JavaScript string escapes used: \\ \' and backslash-newline (a line continuation: nothing)
    json_text = re.sub(r"\\(.)", lambda e: "" if e.group(1) == "\n" else e.group(1), literal, flags=re.DOTALL)
    doc: dict[str, Any] = json.loads(json_text)
    return doc


@pytest.fixture(scope="module")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample(tmp_path_factory.mktemp("site-sample"))


@pytest.fixture
def site_registry(site_build: Path) -> Iterator[types.ModuleType]:
    with registry_from(load_module(site_build)) as module:
        yield module


def test_data_js_holds_every_model_with_its_prices_and_provenance(site_registry: types.ModuleType) -> None:
    import modelsuite

    models, version = models_from_runtime()
    doc = parse_data_js(encode_data_js(models, version, offerings=offerings_from_runtime(models)))
    assert doc["fields"] == list(DATA_FIELDS)
    assert doc["registry_version"] == version == modelsuite.REGISTRY_VERSION
    assert doc["model_count"] == len(doc["rows"]) == len(modelsuite.get_all_models())
    rows = {r[0]: dict(zip(doc["fields"], r, strict=True)) for r in doc["rows"]}
    for m in modelsuite.get_all_models():
        row = rows[m.id]
        p = m.pricing
        for key, value in (
            ("input", p.input_per_1m),
            ("output", p.output_per_1m),
            ("cached", p.cached_input_per_1m),
            ("cache_write", p.cache_write_per_1m),
            ("batch_input", p.batch_input_per_1m),
            ("batch_output", p.batch_output_per_1m),
        ):
            assert (None if row[key] is None else Decimal(row[key])) == value, (m.id, key)
            assert row[key] is None or "E" not in row[key]  # plain decimals, never exponent notation
        assert row["tiers"] == [
            [
                t.above_tokens,
                *(
                    None if v is None else format(v, "f")
                    for v in (t.input_per_1m, t.output_per_1m, t.cached_input_per_1m)
                ),
            ]
            for t in p.tiers
        ]
        assert (row["name"], row["provider"], row["caps"], row["kind"], row["status"]) == (
            m.name,
            m.provider,
            m.caps,
            m.kind,
            m.status,
        )
        assert (row["context"], row["max_output"]) == (m.capabilities.max_context, m.capabilities.max_output)
        assert (row["source"], row["quality"], row["updated"]) == (m.source, m.quality, m.updated)
        group = list(doc["offer_groups"][row["offers"]]) if row["offers"] is not None else None
        expected = [o.id for o in modelsuite.offerings(m)]
        if len(expected) > 1:
            assert group is not None and [doc["rows"][n][0] for n in group] == expected, m.id
        else:
            assert group is None, m.id
    tiny = rows["precise/tiny-price"]
    assert tiny["input"] == "0.000000000001"  # str(Decimal) would have written 1E-12
    assert tiny["tiers"] == [[16000, "0.000000000003", "1974.246913578024", "0.666666666666"]]
    linked = rows["anthropic/claude-sonnet-4-5"]["offers"]
    assert linked is not None and linked == rows["openrouter/anthropic/claude-sonnet-4.5"]["offers"]
    assert len(doc["offer_groups"]) == len({json.dumps(g) for g in doc["offer_groups"]})  # each list stored once
    assert set(doc["sources"]) >= {"litellm", "openrouter-api", "groq-api"}


def test_hostile_strings_cannot_break_out_of_the_script(site_registry: types.ModuleType) -> None:
    models, version = models_from_runtime()
    models.append(rtl_model(models[0]))
    text = encode_data_js(models, version)
    assert text.isascii()
    for raw in ("<", ">", "&", "\u2028", "\u2029", "\u202e"):
        assert raw not in text
    # inside the JavaScript string the JSON escapes have their backslash doubled
    assert r"\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e" in text
    assert r"\\u202e" in text and r"\\u2028" in text
    rows = {r[0]: r for r in parse_data_js(text)["rows"]}
    name = DATA_FIELDS.index("name")
    assert rows["evil/x1"][name] == HOSTILE_NAME
    assert rows["evil/rtl"][name] == RTL_NAME
    assert rows["evil/rtl"][DATA_FIELDS.index("notes")] == RTL_NAME


def test_the_page_never_parses_data_as_html_and_loads_nothing_remote() -> None:
    files = render_site([], "v1")
    app = re.sub(r"/\*.*?\*/", "", files["app.js"].decode(), flags=re.DOTALL)  # code, not comments
    for sink in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
        "fetch(",
        "XMLHttpRequest",
    ):
        assert sink not in app, sink
    page = files["index.html"].decode()
    assert "{{" not in page
    refs = [r for r in re.findall(r'(?:src|href)="([^"]*)"', page) if r != "data:,"]  # data:, = no favicon
    assert refs and all(not re.match(r"[a-z]+:", r) and not r.startswith("//") for r in refs), refs
    assert "Content-Security-Policy" in page and "script-src 'self'" in page
    css = files["style.css"].decode()
    assert "url(" not in css and "@import" not in css


def test_index_references_each_file_by_content_hash() -> None:
    import hashlib

    files = render_site([], "2026-11-25+abc")
    page = files["index.html"].decode()
    for name in ("data.js", "app.js", "style.css"):
        tag = hashlib.sha256(files[name]).hexdigest()[:12]
        assert f'"{name}?v={tag}"' in page
    assert "2026-11-25+abc" in page
    assert sorted(files) == sorted((*ASSET_NAMES, "data.js"))


def test_version_is_escaped_in_the_page() -> None:
    page = render_site([], "<img src=x>")["index.html"].decode()
    assert "<img" not in page and "&lt;img src=x&gt;" in page


def test_same_registry_gives_byte_identical_files(tmp_path: Path, site_registry: types.ModuleType) -> None:
    first = build_site(tmp_path / "a")
    assert sorted(first.written) == sorted(first.files)
    again = build_site(tmp_path / "a")
    assert again.written == []  # nothing rewritten
    # a different registry changes data.js (and the page that names its hash), nothing else
    models, version = models_from_runtime()
    other = render_site(models[:-1], version)
    same = {n for n in other if other[n] == (tmp_path / "a" / n).read_bytes()}
    assert same == {"app.js", "style.css"}
    # an independent build of the same data gives the same site, byte for byte
    with registry_from(load_module(build_sample(tmp_path / "rebuild"))):
        second = build_site(tmp_path / "b")
    assert second.version == first.version and second.models == first.models
    for name in first.files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_write_site_keeps_other_files_and_refuses_a_file_as_folder(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    keep = tmp_path / "site" / "CNAME"
    keep.write_text("catalog.example\n")
    files = render_site([], "v1")
    assert sorted(write_site(tmp_path / "site", files)) == sorted(files)
    assert keep.read_text() == "catalog.example\n"
    (tmp_path / "site" / "app.js").write_bytes(b"stale")
    assert write_site(tmp_path / "site", files) == ["app.js"]
    target = tmp_path / "plain-file"
    target.write_text("x")
    with pytest.raises(SiteError, match="not a folder"):
        write_site(target, files)
    assert target.read_text() == "x"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m.pop("pricing"), "not a registry model record"),
        (lambda m: m["pricing"].update(input_per_1m="abc"), "not a decimal price"),
        (lambda m: m["capabilities"].update(max_context="big"), "not a token count"),
        (lambda m: m["benchmarks"].update(mmlu=float("nan")), "JSON cannot represent"),
        (lambda m: m.update(name=7), "name is not text"),
    ],
)
def test_bad_model_records_fail_with_one_line_and_write_nothing(
    site_registry: types.ModuleType, tmp_path: Path, change: Any, message: str
) -> None:
    models, version = models_from_runtime()
    change(models[1])
    with pytest.raises(SiteError, match=message) as info:
        build_site(tmp_path / "out", models, version)
    assert "\n" not in str(info.value)
    assert not (tmp_path / "out").exists()


def test_duplicate_ids_are_refused(site_registry: types.ModuleType) -> None:
    models, version = models_from_runtime()
    with pytest.raises(SiteError, match="more than once"):
        encode_data_js([*models, models[0]], version)


def test_cli_writes_the_site_and_reports_errors_in_one_line(
    site_registry: types.ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["site", "--output", str(tmp_path / "site")]) == 0
    out = capsys.readouterr().out
    assert f"{sum(len(v) for v in SITE_SAMPLE.values())} offerings" in out
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == sorted((*ASSET_NAMES, "data.js"))
    first = {p.name: p.read_bytes() for p in (tmp_path / "site").iterdir()}
    assert main(["site", "-o", str(tmp_path / "site2")]) == 0
    assert first == {p.name: p.read_bytes() for p in (tmp_path / "site2").iterdir()}
    capsys.readouterr()

    (tmp_path / "file").write_text("x")
    assert main(["site", "--output", str(tmp_path / "file")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("modelsuite: error: ") and "not a folder" in err and err.count("\n") == 1
    with pytest.raises(SystemExit) as exit_info:
        main(["site"])
    assert exit_info.value.code == 2
