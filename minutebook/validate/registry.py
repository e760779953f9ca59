"""The registries clerks keep once for the whole archive: content/people.yaml and content/topics.yaml."""

from __future__ import annotations

from pathlib import Path

from ..contentformat import strip_titles
from ..diagnostics import Diagnostics, SourcePos, did_you_mean, relative_label
from ..fields import Fields, parse_municipal_year, present
from ..load import YamlData, load_yaml_file
from ..model import Person, PersonKind, Role, Topic
from ..slugs import slugify

PERSON_FIELDS = {"name", "kind", "slug", "full_name", "job_title", "organisation", "aliases", "roles"}
ROLE_FIELDS = {"title", "committee", "from", "to"}
TOPIC_FIELDS = {"slug", "title", "description", "related"}


def slug_for_name(name: str) -> str:
    """'Councillor K Sandhu' -> 'k-sandhu'; 'John Gregg' -> 'john-gregg'; 'Ольга Петрова' -> 'olga-petrova'."""
    return slugify(strip_titles(name), fallback="person")


def _entries(
    path: Path, site_root: Path, diagnostics: Diagnostics, what: str
) -> tuple[YamlData | None, list[Fields]]:
    if not path.is_file():
        return None, []
    doc = load_yaml_file(path, relative_label(path, site_root), diagnostics)
    if doc is None or doc.data is None:
        return doc, []
    if not isinstance(doc.data, list):
        diagnostics.error(
            doc.pos(), "type", f"{path.name} should be a list of {what}s, each starting with '- '"
        )
        return doc, []
    entries = []
    for index, value in enumerate(doc.data):
        fields = Fields.of(doc, (index,), value, diagnostics, f"a {what}")
        if fields:
            entries.append(fields)
    return doc, entries


def load_people(
    path: Path, site_root: Path, committees: set[str], diagnostics: Diagnostics
) -> tuple[Person, ...]:
    _, entries = _entries(path, site_root, diagnostics, "person")
    people: dict[str, Person] = {}
    for fields in entries:
        fields.check_known(PERSON_FIELDS)
        name = fields.text("name", required=True, example="Councillor K Sandhu")
        kind = fields.choice("kind", tuple(k.value for k in PersonKind), required=True)
        if not isinstance(name, str) or not isinstance(kind, str):
            continue
        slug = present(fields.slug("slug")) or slug_for_name(name)
        if slug in people:
            fields.error(
                "name",
                "duplicate-person",
                f"'{name}' has the same address people/{slug}/ as '{people[slug].name}' (line {people[slug].pos.line})",
                "give one of them a distinct 'slug:'",
            )
            continue
        people[slug] = Person(
            slug=slug,
            name=name,
            kind=PersonKind(kind),
            full_name=present(fields.text("full_name")) or "",
            job_title=present(fields.text("job_title")) or "",
            organisation=present(fields.text("organisation")) or "",
            aliases=tuple(text for text, _ in fields.text_list("aliases")),
            roles=tuple(_roles(fields, committees)),
            pos=fields.pos("name"),
        )
    return tuple(sorted(people.values(), key=lambda p: p.slug))


def _roles(fields: Fields, committees: set[str]) -> list[Role]:
    roles = []
    for role in fields.each_mapping("roles", "a role"):
        role.check_known(ROLE_FIELDS)
        title = role.text("title", required=True, example="Chair")
        committee = present(role.slug("committee")) or ""
        if committee and committee not in committees:
            role.error(
                "committee",
                "unknown-committee",
                f"there is no committee '{committee}'",
                did_you_mean(committee, committees),
            )
        years = []
        for key in ("from", "to"):
            text = present(role.text(key))
            year = parse_municipal_year(text) if text else None
            if text and year is None:
                role.error(
                    key, "municipal-year", f"'{key}: {text}' is not a municipal year", "write it like 2019/20"
                )
            years.append(year)
        if isinstance(title, str):
            roles.append(Role(title, committee, years[0], years[1] or years[0]))
    return roles


def load_topics(path: Path, site_root: Path, diagnostics: Diagnostics) -> tuple[Topic, ...]:
    _doc, entries = _entries(path, site_root, diagnostics, "topic")
    topics: dict[str, Topic] = {}
    for fields in entries:
        fields.check_known(TOPIC_FIELDS)
        slug = fields.slug("slug", required=True, example="early-years")
        title = fields.text("title", required=True, example="Early years")
        if not isinstance(slug, str) or not isinstance(title, str):
            continue
        if slug in topics:
            fields.error(
                "slug",
                "duplicate-topic",
                f"the topic '{slug}' is defined twice",
                "remove or rename one of them",
            )
            continue
        topics[slug] = Topic(
            slug=slug,
            title=title,
            description=present(fields.text("description")) or "",
            related=tuple(text for text, _ in fields.text_list("related")),
            pos=fields.pos("slug"),
        )
    for topic in topics.values():
        for related in topic.related:
            if related not in topics:
                diagnostics.error(
                    topic.pos,
                    "unknown-topic",
                    f"topic '{topic.slug}' is related to '{related}', which is not defined",
                    did_you_mean(related, topics) or "add it to content/topics.yaml",
                )
    return tuple(sorted(topics.values(), key=lambda t: t.title.lower()))


def check_topic(slug: str, pos: SourcePos, topics: dict[str, Topic], diagnostics: Diagnostics) -> bool:
    if slug in topics:
        return True
    diagnostics.error(
        pos,
        "unknown-topic",
        f"there is no topic '{slug}'",
        did_you_mean(slug, topics) or "add it to content/topics.yaml",
    )
    return False
