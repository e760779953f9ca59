"""Templates are rendered from their page's context, never from the archive: the context is then
all a page depends on, and its digest (the page's fingerprint) cannot miss a change."""

from __future__ import annotations

import dataclasses
import re
import shutil
import typing
from pathlib import Path

import jinja2
import pytest
from jinja2 import meta, nodes

from minutebook.archive import Archive
from minutebook.config import SiteConfig, load_config
from minutebook.diagnostics import Diagnostics
from minutebook.products import fresh
from minutebook.render import Page, TemplateProblem, contexts, make_environment, plan_pages, render_page
from minutebook.render.syndication import syndicate
from tests.conftest import BUILD_DATE, ROOT
from tests.support.lunr_reference import load_archive

# What render_page gives every template besides its context's fields.
SITE_WIDE = {
    "page",
    "url",
    "asset",
    "markup",
    "subscriptions",
    "build_date",
    "minutes_missing",
    "structured_data",
    "description",
}

UNTYPED = re.compile(r"\bAny\b|\b(?:list|dict|tuple)\b(?!\[)")


@pytest.fixture(scope="module")
def seed_pages() -> tuple[Archive, list[Page]]:
    archive = load_archive(ROOT / "site_config.yaml", BUILD_DATE)
    pages = plan_pages(archive)
    config = _config()
    # The open data page comes with the feeds and data files.
    pages += syndicate(archive, config, make_environment(config), pages, "", fresh).pages
    return archive, pages


def _config() -> SiteConfig:
    config = load_config(ROOT / "site_config.yaml", Diagnostics())
    assert config is not None
    return config


def _recording(monkeypatch: pytest.MonkeyPatch, given: dict[str, set[str]]) -> None:
    """Note, per template, the names render_page hands it."""
    render = jinja2.Template.render

    def recorded(template: jinja2.Template, **names):
        given.setdefault(template.name, set()).update(names)
        assert not any(isinstance(value, Archive) for value in names.values()), template.name
        return render(template, **names)

    monkeypatch.setattr(jinja2.Template, "render", recorded)


def test_every_page_of_the_seed_archive_renders_from_its_context_alone(seed_pages, monkeypatch):
    """StrictUndefined makes any name a template reads and is not given fail the render."""
    _, pages = seed_pages
    env = make_environment(_config())
    assert env.undefined is jinja2.StrictUndefined
    given: dict[str, set[str]] = {}
    _recording(monkeypatch, given)
    for page in pages:
        render_page(env, page, BUILD_DATE, {})
    templates = {path.name for path in (ROOT / "templates").glob("*.html")} - {
        "base.html",
        "_macros.html",
        "feed_entry.html",
    }
    assert set(given) == templates, "every kind of page is in the seed archive"
    kinds = {page.template: type(page.context) for page in pages}
    for template, names in given.items():
        fields = {field.name for field in dataclasses.fields(kinds[template])}
        assert names == SITE_WIDE | fields, template
        assert "archive" not in names


def test_no_template_names_the_archive():
    env = make_environment(_config())
    for path in sorted((ROOT / "templates").glob("*.html")):  # templates/handbook/ is not the pages'
        source = path.read_text(encoding="utf-8")
        assert "archive" not in meta.find_undeclared_variables(env.parse(source)), path.name


def test_each_template_reads_only_its_context_and_the_site_wide_names(seed_pages):
    """A page template (with the base it extends) names nothing its context does not hold."""
    _, pages = seed_pages
    env = make_environment(_config())
    shared = set(env.globals) | SITE_WIDE

    def read(name: str) -> set[str]:
        tree = env.parse((ROOT / "templates" / name).read_text("utf-8"))
        # Jinja counts what a template sets or imports outside a block as undeclared inside it.
        own = {node.name for node in tree.find_all(nodes.Name) if node.ctx == "store"}
        own |= {node.name for node in tree.find_all(nodes.Macro)}
        own |= {node.target for node in tree.find_all(nodes.Import)}
        return meta.find_undeclared_variables(tree) - own

    for page in {page.template: page for page in pages}.values():
        fields = {field.name for field in dataclasses.fields(page.context)}
        unknown = (read(page.template) | read("base.html")) - shared - fields
        assert not unknown, (page.template, unknown)


def test_a_template_that_reads_the_archive_fails_to_render(seed_pages, tmp_path):
    """The check above can fail: the archive is not among the names a template gets."""
    _, pages = seed_pages
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    home = templates / "home.html"
    home.write_text(
        home.read_text("utf-8").replace(
            "<h2>Latest minutes</h2>", "<h2>{{ archive.meetings | length }}</h2>"
        ),
        encoding="utf-8",
    )
    env = make_environment(dataclasses.replace(_config(), templates_dir=Path(templates)))
    [home_page] = [page for page in pages if page.template == "home.html"]
    with pytest.raises(TemplateProblem, match="'archive' is undefined"):
        render_page(env, home_page, BUILD_DATE, {})


def test_contexts_and_the_archive_indexes_are_fully_typed():
    """What a page is made from says what it holds: no Any, and no list, dict or tuple of unknowns."""
    kinds = [
        kind
        for kind in vars(contexts).values()
        if dataclasses.is_dataclass(kind) and kind.__module__ == contexts.__name__
    ]
    assert set(typing.get_args(contexts.PageContext)) <= set(kinds)
    for kind in [*kinds, Archive]:
        for field in dataclasses.fields(kind):
            assert not UNTYPED.search(str(field.type)), (kind.__name__, field.name, field.type)
