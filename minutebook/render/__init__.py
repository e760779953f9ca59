"""Stage 4: the archive -> a plan of pages (address, template, context) -> HTML bytes."""

from __future__ import annotations

import datetime as dt
import re
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..archive import Archive
from ..config import SiteConfig
from ..diagnostics import SourcePos, relative_label
from ..model import AttendanceRole, Committee, Meeting, MeetingStatus, Person, Topic, minutes_missing
from ..resolve.actions import Action
from .contexts import (
    AccessibilityPage,
    ActionsPage,
    CommitteePage,
    CommitteesPage,
    CommitteeYear,
    DocumentPage,
    HomePage,
    MeetingPage,
    NotFoundPage,
    PageContext,
    PeoplePage,
    PersonPage,
    SearchPage,
    TopicPage,
    TopicsPage,
    YearPage,
    YearsPage,
    template_names,
)
from .describe import describe
from .filters import FILTERS, relative_url
from .gaps import KnownMeeting, known_meetings
from .published import Subscription
from .structured import breadcrumb_list, page_structured_data, script


@dataclass(frozen=True)
class Page:
    """One page to write: its address on the site ('' is the home page), its template, and the
    context the template is rendered from (render/contexts.py): all a page shows of the archive."""

    url: str
    template: str
    context: PageContext
    title: str = ""

    @property
    def output_path(self) -> str:
        if self.url == "" or self.url.endswith("/"):
            return self.url + "index.html"
        return self.url


def plan_pages(archive: Archive) -> list[Page]:
    """Every page of the site. No page lists the whole archive except the browse indexes."""
    known = {committee.slug: known_meetings(archive, committee) for committee in archive.committees}
    pages = [
        Page(
            "",
            "home.html",
            HomePage(
                latest=archive.latest_with_minutes(10),
                upcoming=archive.upcoming(),
                committees=archive.committees,
                years=tuple(archive.by_year),
                meeting_count=len(archive.meetings),
            ),
            "Home",
        ),
        Page(
            "committees/",
            "committees.html",
            CommitteesPage(archive.committees, archive.by_committee),
            "Committees",
        ),
        Page(
            "meetings/",
            "years.html",
            YearsPage(
                {year: len(meetings) for year, meetings in archive.by_year.items()},
                dict(Counter(gap.date.year for gaps in known.values() for gap in gaps)),
            ),
            "Meetings by year",
        ),
        Page("search/", "search.html", SearchPage(), "Search"),
        Page("404.html", "404.html", NotFoundPage(), "Page not found"),
        Page(
            "accessibility/",
            "accessibility.html",
            AccessibilityPage(any(m.published_attachments for m in archive.meetings)),
            "Accessibility statement",
        ),
    ]
    pages += [_committee_page(archive, committee, known[committee.slug]) for committee in archive.committees]
    for committee in archive.committees:
        actions = archive.actions.get(committee.slug, ())
        pages.append(
            Page(
                f"committees/{committee.slug}/actions/",
                "actions.html",
                ActionsPage(
                    committee,
                    outstanding=tuple(a for a in actions if a.outstanding),
                    closed=tuple(a for a in actions if not a.outstanding),
                ),
                f"Requests and recommendations: {committee.name}",
            )
        )
    if archive.people:
        attended_counts = {
            person.slug: len(archive.meetings_attended(person.slug)) for person in archive.people
        }
        pages.append(Page("people/", "people.html", PeoplePage(archive.people, attended_counts), "People"))
    committees = {committee.slug: committee for committee in archive.committees}
    pages += [
        Page(person.url, "person.html", _person_page(archive, person, committees), person.name)
        for person in archive.people
    ]
    if archive.topics:
        pages.append(
            Page("topics/", "topics.html", TopicsPage(archive.topics, archive.topic_entries), "Topics")
        )
    for topic in archive.topics:
        pages.append(
            Page(
                topic.url,
                "topic.html",
                TopicPage(topic, archive.topic_entries.get(topic.slug, ()), archive.related_topics(topic)),
                topic.title,
            )
        )
    # A year of known meetings only has its page too, so every known meeting is in its year.
    known_years = {gap.date.year for gaps in known.values() for gap in gaps}
    for year in sorted(archive.by_year.keys() | known_years):
        meetings = archive.by_year.get(year, ())
        known_in_year = tuple(
            sorted(
                (gap for gaps in known.values() for gap in gaps if gap.date.year == year),
                key=lambda gap: (gap.date, gap.committee.slug),
            )
        )
        pages.append(
            Page(
                f"meetings/{year}/",
                "year.html",
                YearPage(year, meetings, known_in_year),
                f"Meetings in {year}",
            )
        )
    actions_by_meeting: dict[str, dict[int, list[Action]]] = {}
    for actions in archive.actions.values():
        for action in actions:
            actions_by_meeting.setdefault(action.meeting.url, {}).setdefault(action.item.number, []).append(
                action
            )
    for meeting in archive.meetings:
        actions_by_item = actions_by_meeting.get(meeting.url, {})
        pages.append(
            Page(meeting.url, "meeting.html", _meeting_page(archive, meeting, actions_by_item), meeting.title)
        )
        for document in meeting.published_documents:
            pages.append(
                Page(
                    f"{meeting.url}{document.slug}/",
                    "document.html",
                    DocumentPage(meeting, document),
                    document.title,
                )
            )
    from .decisions import plan_decision_pages  # it builds on Page

    pages += plan_decision_pages(archive)
    return pages


def _committee_page(archive: Archive, committee: Committee, known: list[KnownMeeting]) -> Page:
    """`known`: the committee's meetings known from its papers that the archive lacks."""
    meetings = archive.by_committee.get(committee.slug, ())
    years = archive.by_municipal_year(meetings)
    known_years = {archive.municipal_year_of(k.date) for k in known}
    years = sorted(
        years + [(year, ()) for year in known_years - {year for year, _ in years}],
        key=lambda pair: pair[0],
        reverse=True,
    )
    return Page(
        f"committees/{committee.slug}/",
        "committee.html",
        CommitteePage(
            committee,
            years=tuple(
                CommitteeYear(
                    year,
                    in_year,
                    tuple(k for k in known if archive.municipal_year_of(k.date) == year),
                    archive.membership_grid(in_year),
                )
                for year, in_year in years
            ),
            meeting_count=len(meetings),
            outstanding_actions=sum(action.outstanding for action in archive.actions.get(committee.slug, ())),
        ),
        committee.name,
    )


def _person_page(archive: Archive, person: Person, committees: dict[str, Committee]) -> PersonPage:
    """`committees`: the committee registry, by slug."""
    slug = person.slug
    return PersonPage(
        person,
        role_committees={
            role.committee: committees[role.committee]
            for role in person.roles
            if role.committee in committees
        },
        memberships=archive.person_committees(slug),
        attended=len(archive.meetings_attended(slug)),
        years=archive.attendance_years.get(slug, ()),
        appearances=archive.appearances.get(slug, ()),
        declarations=archive.declarations.get(slug, ()),
        vote_parts=archive.votes.get(slug, ()),
        task_groups=archive.task_groups.get(slug, ()),
        mentions=archive.mentions.get(slug, ()),
        papers=archive.authored.get(slug, ()),
    )


def _meeting_page(
    archive: Archive, meeting: Meeting, actions_by_item: dict[int, list[Action]]
) -> MeetingPage:
    neighbours = archive.neighbours[meeting.url]
    agenda_items = meeting.agenda.items if meeting.agenda else ()
    tagged = [item.topics for item in meeting.items] + [item.topics for item in agenda_items]
    return MeetingPage(
        meeting,
        previous=neighbours.previous,
        next=neighbours.next,
        municipal_year=archive.municipal_year(meeting),
        approval=archive.approvals.get(meeting.url),
        membership=archive.membership_at.get(meeting.url),
        actions_by_item={number: tuple(actions) for number, actions in actions_by_item.items()},
        backlinks={
            item.number: tuple(archive.backlinks[(meeting.url, item.number)])
            for item in meeting.items
            if (meeting.url, item.number) in archive.backlinks
        },
        topics_by_slug=topics_named(archive, tagged),
    )


def topics_named(archive: Archive, tagged: list[tuple[str, ...]]) -> dict[str, Topic]:
    """The topics of these tags (each a tuple of topic slugs), by slug, first named first."""
    return {
        slug: archive.topics_by_slug[slug]
        for tags in tagged
        for slug in tags
        if slug in archive.topics_by_slug
    }


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


def _config(env: jinja2.Environment) -> SiteConfig:
    config = env.globals["config"]
    assert isinstance(config, SiteConfig)  # make_environment put it there
    return config


class TemplateProblem(Exception):
    """A template that cannot be rendered, located at its file and line."""

    def __init__(self, pos: SourcePos, message: str, hint: str) -> None:
        super().__init__(f"{pos}: {message}")
        self.pos, self.message, self.hint = pos, message, hint

    def __reduce__(self) -> tuple[type[TemplateProblem], tuple[SourcePos, str, str]]:
        # Pages are rendered in worker processes: the problem must cross back to the build whole.
        return (TemplateProblem, (self.pos, self.message, self.hint))


def render_page(
    env: jinja2.Environment,
    page: Page,
    build_date: dt.date,
    asset_versions: dict[str, str],
    subscriptions: list[Subscription] | None = None,
) -> bytes:
    """`subscriptions`: the feeds and calendars this page offers (linked in its head and body)."""
    try:
        return _render_page(env, page, build_date, asset_versions, subscriptions)
    except jinja2.TemplateSyntaxError as exc:
        where = Path(exc.filename) if exc.filename else Path(_config(env).templates_dir) / page.template
        raise TemplateProblem(
            _template_pos(where, exc.lineno, env),
            f"the template could not be read: {exc.message}",
            "check the {% ... %} and {{ ... }} tags on this line: each opened block needs its end tag",
        ) from exc
    except jinja2.TemplateError as exc:
        lines = _template_lines(exc, env) or [
            _template_pos(Path(_config(env).templates_dir) / page.template, 0, env)
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
    templates_dir = Path(_config(env).templates_dir).resolve()
    return [
        _template_pos(Path(frame.filename), frame.lineno or 0, env)
        for frame in traceback.extract_tb(exc.__traceback__)
        if frame.filename.endswith(".html") and Path(frame.filename).resolve().is_relative_to(templates_dir)
    ]


def _template_pos(path: Path, line: int, env: jinja2.Environment) -> SourcePos:
    return SourcePos(relative_label(path, _config(env).root), line)


def _render_page(
    env: jinja2.Environment,
    page: Page,
    build_date: dt.date,
    asset_versions: dict[str, str],
    subscriptions: list[Subscription] | None,
) -> bytes:
    config = _config(env)
    url_for = _url_builder(page.url, config)

    def asset(path: str) -> str:
        return f"{url_for('assets/' + path)}?v={asset_versions.get(path, '')}"

    def markup(html: str) -> Markup:
        """HTML the validate stage sanitised, with the resolve stage's links made relative."""
        return Markup(site_links(html, url_for))

    template = env.get_template(page.template)
    html = template.render(
        page=page,
        url=url_for,
        asset=asset,
        markup=markup,
        subscriptions=subscriptions or [],
        build_date=build_date,
        minutes_missing=lambda meeting: minutes_missing(meeting, build_date),
        structured_data=page_structured_data(page.context, config, build_date),
        description=describe(page.context, page.title, config),
        **template_names(page.context),
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
    ).encode()
