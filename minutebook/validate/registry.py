"""The registries clerks keep once for the whole archive: content/people.yaml and content/topics.yaml."""

from __future__ import annotations

from pathlib import Path

from ..contentformat import address_name
from ..diagnostics import Diagnostics, SourcePos, did_you_mean, relative_label
from ..fields import Fields, parse_municipal_year, present
from ..load import YamlData, load_yaml_file
from ..model import Committee, Person, PersonKind, Role, Topic
from ..slugs import MAX_WRITTEN_SLUG, slugify

PERSON_FIELDS = {"name", "kind", "slug", "full_name", "job_title", "organisation", "aliases", "roles"}
ROLE_FIELDS = {"title", "committee", "from", "to"}
TOPIC_FIELDS = {"slug", "title", "description", "related"}
COMMITTEE_FIELDS = {"name", "short_name", "description"}


def slug_for_name(name: str) -> str:
    """'Councillor K Sandhu' -> 'k-sandhu'; 'John Gregg' -> 'john-gregg'; 'Ольга Петрова' -> 'olga-petrova'."""
    return slugify(address_name(name), fallback="person")


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


def load_committees(
    folder: Path, site_root: Path, diagnostics: Diagnostics, paths: list[Path] | None = None
) -> dict[str, Committee]:
    """content/committees/<slug>.yaml -> committees by slug; `paths`, when the caller has listed
    the folder already, are its files."""
    committees: dict[str, Committee] = {}
    if not folder.is_dir():
        diagnostics.error(
            SourcePos(relative_label(folder, site_root)),
            "missing-folder",
            "there is no committees folder",
            "create content/committees/ with one YAML file per committee",
        )
        return committees
    if paths is None:
        paths = [path for path in folder.glob("*.y*ml") if path.suffix in (".yaml", ".yml")]
    for path in sorted(paths, key=lambda path: (path.suffix != ".yaml", path.name)):
        label = relative_label(path, site_root)
        slug = path.stem
        doc = load_yaml_file(path, label, diagnostics)
        if doc is None:
            continue
        fields = Fields.of(doc, (), doc.data, diagnostics, "a committee file")
        if fields is None:
            continue
        fields.check_known(COMMITTEE_FIELDS)
        if not slug.replace("-", "").isalnum() or slug != slug.lower() or not slug.isascii():
            diagnostics.error(
                SourcePos(label),
                "slug",
                f"the file name '{path.name}' is not a valid committee slug",
                "rename it with lower-case letters, digits and hyphens, like scrutiny-board-2.yaml",
            )
            continue
        if len(slug) > MAX_WRITTEN_SLUG:
            # Its meetings' addresses put the date before it, and must still fit in a file name.
            diagnostics.error(
                SourcePos(label),
                "slug",
                f"the file name '{path.name}' is {len(slug)} characters long; a committee slug fits in an address only up to {MAX_WRITTEN_SLUG}",
                "rename it with a shorter name, like scrutiny-board-2.yaml",
            )
            continue
        name = fields.text(
            "name", required=True, example="Education and Children's Services Scrutiny Board (2)"
        )
        if not isinstance(name, str):
            continue
        committees[slug] = Committee(
            slug=slug,
            name=name,
            short_name=present(fields.text("short_name")) or name,
            description=present(fields.text("description")) or "",
            pos=SourcePos(label, 1),
        )
    return committees


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
