"""Stage 4: the archive -> a plan of pages (address, template, context) -> HTML bytes."""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import jinja2
from markupsafe import Markup

from ..archive import Archive, latest_membership
from ..config import SiteConfig
from ..diagnostics import SourcePos, relative_label
from ..model import AttendanceRole, MeetingStatus
from .describe import describe
from .filters import FILTERS, relative_url
from .published import Subscription
from .structured import breadcrumb_list, page_structured_data, script


@dataclass(frozen=True)
class Page:
    """One page to write: its address on the site ('' is the home page) and how to render it.

    `inputs` holds what the template reads from the archive besides `context` and the registries,
    so the page's fingerprint (render/fingerprint.py) covers it: a template that starts reading
    more of the archive must name it here, or incremental builds would miss its changes (the
    incremental/clean equivalence tests catch such a miss).
    """

    url: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    title: str = ""
    inputs: Any = None

    @property
    def output_path(self) -> str:
        if self.url == "" or self.url.endswith("/"):
            return self.url + "index.html"
        return self.url


def plan_pages(archive: Archive) -> list[Page]:
    """Every page of the site. No page lists the whole archive except the browse indexes."""
    pages = [
        Page(
            "",
            "home.html",
            {"latest": archive.latest_with_minutes(10), "upcoming": archive.upcoming()},
            "Home",
            inputs=tuple(archive.by_year),
        ),
        Page("committees/", "committees.html", {}, "Committees", inputs=archive.by_committee),
        Page("meetings/", "years.html", {}, "Meetings by year", inputs=archive.by_year),
        Page("search/", "search.html", {}, "Search"),
        Page("404.html", "404.html", {}, "Page not found"),
        Page(
            "accessibility/",
            "accessibility.html",
            {"has_attachments": any(m.published_attachments for m in archive.meetings)},
            "Accessibility statement",
        ),
    ]
    from .gaps import known_meetings  # it reads the resolve stage's patterns

    for committee in archive.committees:
        meetings = archive.by_committee.get(committee.slug, ())
        known = known_meetings(archive, committee.slug)
        years = archive.by_municipal_year(meetings)
        known_years = {archive.municipal_year_of(k.date) for k in known}
        years = sorted(
            years + [(year, ()) for year in known_years - {year for year, _ in years}],
            key=lambda pair: pair[0],
            reverse=True,
        )
        pages.append(
            Page(
                f"committees/{committee.slug}/",
                "committee.html",
                {
                    "committee": committee,
                    "years": years,
                    "known": {
                        year: [k for k in known if archive.municipal_year_of(k.date) == year]
                        for year in known_years
                    },
                    "latest_membership": latest_membership(meetings),
                },
                committee.name,
                inputs=(
                    archive.actions.get(committee.slug, []),
                    [archive.membership_at[m.url] for m in meetings],
                ),
            )
        )
    for committee in archive.committees:
        actions = archive.actions.get(committee.slug, [])
        pages.append(
            Page(
                f"committees/{committee.slug}/actions/",
                "actions.html",
                {
                    "committee": committee,
                    "outstanding": [a for a in actions if a.outstanding],
                    "closed": [a for a in actions if not a.outstanding],
                },
                f"Requests and recommendations: {committee.name}",
            )
        )
    if archive.people:
        meeting_counts = {slug: len(archive.meetings_attended(slug)) for slug in archive.appearances}
        pages.append(Page("people/", "people.html", {}, "People", inputs=meeting_counts))
    for person in archive.people:
        slug = person.slug
        pages.append(
            Page(
                person.url,
                "person.html",
                {"person": person},
                person.name,
                inputs=(
                    archive.attendance_years.get(slug),
                    archive.appearances.get(slug),
                    archive.person_committees(slug),
                    archive.declarations.get(slug),
                    archive.task_groups.get(slug),
                    archive.mentions.get(slug),
                    archive.authored.get(slug),
                    archive.votes.get(slug),
                ),
            )
        )
    if archive.topics:
        pages.append(Page("topics/", "topics.html", {}, "Topics", inputs=archive.topic_entries))
    for topic in archive.topics:
        entries = archive.topic_entries.get(topic.slug, [])
        pages.append(
            Page(
                topic.url,
                "topic.html",
                {"topic": topic, "entries": entries},
                topic.title,
                inputs=archive.related_topics(topic),
            )
        )
    for year, meetings in archive.by_year.items():
        pages.append(
            Page(
                f"meetings/{year}/", "year.html", {"year": year, "meetings": meetings}, f"Meetings in {year}"
            )
        )
    actions_by_meeting: dict[str, dict[int, list]] = {}
    for actions in archive.actions.values():
        for action in actions:
            actions_by_meeting.setdefault(action.meeting.url, {}).setdefault(action.item.number, []).append(
                action
            )
    for meeting in archive.meetings:
        neighbours = archive.neighbours[meeting.url]
        pages.append(
            Page(
                meeting.url,
                "meeting.html",
                {
                    "meeting": meeting,
                    "previous": neighbours.previous,
                    "next": neighbours.next,
                    "municipal_year": archive.municipal_year(meeting),
                    "approval": archive.approvals.get(meeting.url),
                    "membership": archive.membership_at.get(meeting.url),
                    "actions_by_item": actions_by_meeting.get(meeting.url, {}),
                },
                meeting.title,
                inputs=[archive.backlinks.get((meeting.url, item.number)) for item in meeting.items],
            )
        )
        for document in meeting.published_documents:
            pages.append(
                Page(
                    f"{meeting.url}{document.slug}/",
                    "document.html",
                    {"meeting": meeting, "document": document},
                    document.title,
                )
            )
    from .decisions import plan_decision_pages  # it builds on Page

    pages += plan_decision_pages(archive)
    return pages


def make_environment(config: SiteConfig, compiled: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """`compiled` may hold the templates compiled by an earlier build (keyed by their text), so a
    rebuild after an edit to the content does not compile them all again."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(config.templates_dir)),
        bytecode_cache=compiled,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.globals.update(
        config=config,
        AttendanceRole=AttendanceRole,
        MeetingStatus=MeetingStatus,
        breadcrumb_data=lambda trail: script(breadcrumb_list(trail, config)),
        webcal=lambda target: "webcal://" + config.absolute_url(target).split("://", 1)[1],
    )
    return env


class TemplateProblem(Exception):
    """A template that cannot be rendered, located at its file and line."""

    def __init__(self, pos: SourcePos, message: str, hint: str) -> None:
        super().__init__(f"{pos}: {message}")
        self.pos, self.message, self.hint = pos, message, hint


def render_page(
    env: jinja2.Environment,
    page: Page,
    archive: Archive,
    asset_versions: dict[str, str],
    subscriptions: list[Subscription] | None = None,
) -> bytes:
    """`subscriptions`: the feeds and calendars this page offers (linked in its head and body)."""
    try:
        return _render_page(env, page, archive, asset_versions, subscriptions)
    except jinja2.TemplateSyntaxError as exc:
        where = (
            Path(exc.filename) if exc.filename else Path(env.globals["config"].templates_dir) / page.template
        )
        raise TemplateProblem(
            _template_pos(where, exc.lineno, env),
            f"the template could not be read: {exc.message}",
            "check the {% ... %} and {{ ... }} tags on this line: each opened block needs its end tag",
        ) from exc
    except jinja2.TemplateError as exc:
        lines = _template_lines(exc, env) or [
            _template_pos(Path(env.globals["config"].templates_dir) / page.template, 0, env)
        ]
        caller = next((pos for pos in reversed(lines) if pos.path != lines[-1].path), None)
        called_from = f" (called from {caller})" if caller else ""
        raise TemplateProblem(
            lines[-1],
            f"the template failed while making {page.output_path}: {exc.message}{called_from}",
            "check the names on this line: a misspelt variable, filter or field, or one this kind of page is not given",
        ) from exc


def _template_lines(exc: Exception, env: jinja2.Environment) -> list[SourcePos]:
    """The template lines that were running, outermost first: Jinja puts them into the traceback
    as frames of the template files themselves."""
    templates_dir = Path(env.globals["config"].templates_dir).resolve()
    return [
        _template_pos(Path(frame.filename), frame.lineno or 0, env)
        for frame in traceback.extract_tb(exc.__traceback__)
        if frame.filename.endswith(".html") and Path(frame.filename).resolve().is_relative_to(templates_dir)
    ]


def _template_pos(path: Path, line: int, env: jinja2.Environment) -> SourcePos:
    return SourcePos(relative_label(path, env.globals["config"].root), line)


def _render_page(
    env: jinja2.Environment,
    page: Page,
    archive: Archive,
    asset_versions: dict[str, str],
    subscriptions: list[Subscription] | None,
) -> bytes:
    config = env.globals["config"]
    url_for = _url_builder(page.url, config)

    def asset(path: str) -> str:
        return f"{url_for('assets/' + path)}?v={asset_versions.get(path, '')}"

    def markup(html: str) -> Markup:
        """HTML the validate stage sanitised, with the resolve stage's links made relative."""
        return Markup(site_links(html, url_for))

    template = env.get_template(page.template)
    html = template.render(
        page=page,
        archive=archive,
        url=url_for,
        asset=asset,
        markup=markup,
        subscriptions=subscriptions or [],
        structured_data=page_structured_data(page.template, page.context, archive, config),
        description=describe(page.template, page.context, page.title, archive, config),
        **page.context,
    )
    return html.encode("utf-8")


def _url_builder(current: str, config: SiteConfig) -> Callable[[str], str]:
    # The 404 page is served at any depth, so only base-URL-absolute links work there.
    if current == "404.html":
        return lambda target: config.base_path + target
    return lambda target: relative_url(target, current)


_SITE_LINK = re.compile(r'href="site:/([^"]*)"')


def site_links(html: str, url_for: Callable[[str], str]) -> str:
    """Links made by the resolve stage point at 'site:/<address>'; make them work from this page."""
    return _SITE_LINK.sub(lambda match: f'href="{url_for(match.group(1))}"', html)


def theme_assets(theme_dir: Path) -> dict[str, bytes]:
    assets = {}
    for path in sorted(theme_dir.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            assets[path.relative_to(theme_dir).as_posix()] = path.read_bytes()
    return assets


def theme_css(config: SiteConfig) -> bytes:
    """Colours from site_config.yaml, as a stylesheet so pages need no inline styles."""
    return (
        ":root {\n"
        f"  --brand-colour: {config.theme.brand_colour};\n"
        f"  --link-colour: {config.theme.link_colour};\n"
        "}\n"
    ).encode("utf-8")
