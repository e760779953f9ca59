"""The synthetic council: its committees, people (with posts and aliases) and topics, and who sat
on which committee in which municipal year.

Every surname is distinct, so each name the minutes print resolves to one person; aliases and
the different ways the minutes write a name ("Councillor K Ashford", "Councillor Mrs Ashford",
"Councillor Ashford") are exercised all the same.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from ..model import municipal_year_label
from ..slugs import slugify as make_slug

COMMITTEE_NAMES = (
    ("Cabinet", "Cabinet", False),
    ("Planning Committee", "Planning", False),
    ("Licensing and Regulatory Committee", "Licensing", False),
    ("Audit and Procurement Committee", "Audit", False),
    ("Ethics Committee", "Ethics", False),
    ("Finance and Corporate Services Scrutiny Board (1)", "Scrutiny Board 1", True),
    ("Education and Children's Services Scrutiny Board (2)", "Scrutiny Board 2", True),
    ("Business, Economy and Enterprise Scrutiny Board (3)", "Scrutiny Board 3", True),
    ("Communities and Neighbourhoods Scrutiny Board (4)", "Scrutiny Board 4", True),
    ("Health and Social Care Scrutiny Board (5)", "Scrutiny Board 5", True),
    ("Scrutiny Co-ordination Committee", "Scrutiny Co-ordination", True),
    ("Health and Wellbeing Board", "Health and Wellbeing", False),
    ("Corporate Parenting Board", "Corporate Parenting", False),
    ("Pension Fund Committee", "Pension Fund", False),
    ("Appeals Committee", "Appeals", False),
    ("Employment Committee", "Employment", False),
    ("Housing Scrutiny Panel", "Housing Panel", True),
    ("Transport and Highways Committee", "Transport", False),
    ("Environment and Climate Change Board", "Environment", False),
    ("Adult Social Care Committee", "Adult Social Care", False),
    ("Schools Forum", "Schools Forum", False),
    ("Standing Advisory Council on Religious Education", "SACRE", False),
    ("Community Safety Partnership Board", "Community Safety", False),
    ("Safeguarding Children Partnership", "Safeguarding", False),
    ("Flood Risk Management Panel", "Flood Risk", False),
    ("Parks and Open Spaces Committee", "Parks", False),
    ("Culture and Leisure Committee", "Culture", False),
    ("Housing Appeals Panel", "Housing Appeals", False),
    ("Council Tax Support Panel", "Council Tax Support", False),
    ("Youth Council Liaison Committee", "Youth Council", True),
)

TOPIC_AREAS = (
    "Libraries",
    "Early years",
    "Special educational needs",
    "School performance",
    "Adult education",
    "Youth services",
    "Children's social care",
    "Fostering and adoption",
    "Safeguarding",
    "Adult social care",
    "Public health",
    "Mental health services",
    "Housing allocations",
    "Homelessness",
    "Private rented housing",
    "Planning applications",
    "Local plan",
    "Highways maintenance",
    "Public transport",
    "Air quality",
    "Climate change",
    "Waste and recycling",
    "Parks and open spaces",
    "Flood risk",
    "Community safety",
    "Licensing",
    "Trading standards",
    "Economic development",
    "Skills and employment",
    "City centre regeneration",
    "Council budget",
    "Council tax",
    "Procurement",
    "Internal audit",
    "Pension fund",
    "Workforce",
    "Digital services",
    "Customer services",
    "Equalities",
    "Culture and events",
    "Sport and leisure",
    "Museums and heritage",
    "Tourism",
    "Bereavement services",
    "Elections",
    "Cohesion and migration",
    "Voluntary sector",
    "Domestic abuse",
    "Drug and alcohol services",
    "Street lighting",
)
TOPIC_ASPECTS = ("", "strategy", "performance", "funding")

PORTFOLIOS = (
    "Education and Skills",
    "Children and Young People",
    "Housing and Communities",
    "Jobs and Regeneration",
    "Strategic Finance and Resources",
    "Adult Services",
    "Public Health and Sport",
    "City Services",
    "Policing and Equalities",
    "Culture and Tourism",
)

SURNAME_STARTS = (
    "Ash",
    "Brad",
    "Carl",
    "Dun",
    "Elm",
    "Fair",
    "Gold",
    "Hart",
    "Hol",
    "Kings",
    "Lang",
    "Mar",
    "Nor",
    "Ox",
    "Pen",
    "Rad",
    "Shel",
    "Thorn",
    "Wal",
    "Whit",
    "Bar",
    "Cran",
    "Fen",
    "Hask",
    "Mil",
)
SURNAME_ENDS = (
    "ford",
    "ley",
    "ton",
    "well",
    "worth",
    "by",
    "field",
    "ham",
    "wood",
    "more",
    "dale",
    "stone",
    "brook",
    "cott",
    "ridge",
    "wick",
    "bury",
    "land",
    "shaw",
    "gate",
)
GIVEN_NAMES = (
    "Alison",
    "Barbara",
    "Catherine",
    "David",
    "Emma",
    "Fiona",
    "Graham",
    "Helen",
    "Ian",
    "James",
    "Karen",
    "Laura",
    "Michael",
    "Nadia",
    "Oliver",
    "Priya",
    "Rachel",
    "Simon",
    "Tariq",
    "Una",
    "Victoria",
    "William",
    "Yasmin",
    "Zoe",
    "Andrew",
    "Bilal",
    "Clare",
    "Daniel",
    "Eleanor",
    "Farah",
)
DIRECTORATES = ("People", "Place", "Resources", "Law and Governance", "Public Health")
OFFICER_POSTS = (
    "Director of {area}",
    "Head of {area}",
    "Strategic Lead for {area}",
    "Service Manager, {area}",
    "Programme Manager, {area}",
    "Policy Officer, {area}",
)
ORGANISATIONS = (
    "Westbury College",
    "Westbury and District Clinical Commissioning Group",
    "County Police",
    "Fire and Rescue Service",
    "Westbury Voluntary Action",
    "Citizens Advice Westbury",
    "Westbury Chamber of Commerce",
    "University of Westbury",
    "Westbury Carers Trust",
    "Westbury Housing Association",
)


@dataclass
class Person:
    slug: str
    name: str  # as in the registry
    kind: str
    surname: str
    initial: str
    title: str = ""  # Mrs, Mr, Ms for co-opted members
    given: str = ""
    aliases: list[str] = field(default_factory=list)
    job_title: str = ""
    organisation: str = ""
    roles: list[dict] = field(default_factory=list)

    @property
    def written(self) -> str:
        """How the minutes print the name in attendance lists."""
        if self.kind == "councillor":
            return f"Councillor {self.initial} {self.surname}"
        if self.kind == "co-opted":
            return f"{self.title} {self.initial} {self.surname}"
        return f"{self.initial} {self.surname}"

    @property
    def mention(self) -> str:
        """How the minutes name them in running text."""
        return (
            f"Councillor {self.surname}"
            if self.kind == "councillor"
            else (self.name if self.given else self.written)
        )


@dataclass
class Committee:
    slug: str
    name: str
    short_name: str
    scrutiny: bool
    body: str  # what the minutes call it: "the Board", "the Committee"
    topics: list[str]
    officers: dict[str, list[Person]] = field(default_factory=dict)
    members: dict[int, list[Person]] = field(default_factory=dict)  # municipal year -> councillors
    co_opted: dict[int, list[Person]] = field(default_factory=dict)
    chair: dict[int, Person] = field(default_factory=dict)


@dataclass
class Topic:
    slug: str
    title: str
    area: str
    related: list[str]


@dataclass
class Council:
    place: str
    years: list[int]
    committees: list[Committee]
    people: list[Person]
    topics: dict[str, Topic]
    portfolio_holder: dict[tuple[str, int], Person]  # (post, municipal year) -> holder
    guests: list[Person]


def slugify(text: str) -> str:
    return make_slug(text.replace("'", ""))


def _surnames(rng: random.Random, count: int) -> list[str]:
    names = [start + end for start in SURNAME_STARTS for end in SURNAME_ENDS]
    rng.shuffle(names)
    if count > len(names):
        raise ValueError(f"the generator has {len(names)} surnames; {count} people were asked for")
    return names[:count]


def make_topics(rng: random.Random, count: int) -> dict[str, Topic]:
    topics: dict[str, Topic] = {}
    for aspect in TOPIC_ASPECTS:
        for area in TOPIC_AREAS:
            if len(topics) >= count:
                break
            title = f"{area} {aspect}".strip()
            topics[slugify(title)] = Topic(slugify(title), title, area, [])
    by_area: dict[str, list[str]] = {}
    for topic in topics.values():
        by_area.setdefault(topic.area, []).append(topic.slug)
    for topic in topics.values():
        siblings = [slug for slug in by_area[topic.area] if slug != topic.slug]
        topic.related = sorted(rng.sample(siblings, min(len(siblings), rng.randint(0, 2))))
    return topics


def make_council(
    rng: random.Random,
    committee_count: int,
    years: list[int],
    people_count: int,
    topic_count: int,
    place: str,
) -> Council:
    topics = make_topics(rng, topic_count)
    surnames = iter(_surnames(rng, people_count))
    councillors = [
        _person(rng, "councillor", next(surnames)) for _ in range(max(12, people_count * 62 // 100))
    ]
    co_opted = [_person(rng, "co-opted", next(surnames)) for _ in range(max(3, people_count * 6 // 100))]
    officers = [_person(rng, "officer", next(surnames)) for _ in range(max(6, people_count * 24 // 100))]
    guests = [
        _person(rng, "guest", next(surnames))
        for _ in range(people_count - len(councillors) - len(co_opted) - len(officers))
    ]
    groups = [Person("students-from-westbury-college", f"Students from {place} College", "group", "", "")]

    committees = []
    topic_slugs = sorted(topics)
    for name, short_name, scrutiny in COMMITTEE_NAMES[:committee_count]:
        body = (
            "the Board"
            if "Board" in name
            else "the Panel"
            if "Panel" in name
            else "the Forum"
            if "Forum" in name
            else "the Committee"
        )
        if name == "Cabinet":
            body = "the Cabinet"
        committee = Committee(
            slugify(name),
            name,
            short_name,
            scrutiny,
            body,
            sorted(rng.sample(topic_slugs, min(len(topic_slugs), 24))),
        )
        for directorate in rng.sample(DIRECTORATES, 3):
            committee.officers[directorate] = rng.sample(officers, min(len(officers), 3))
        committees.append(committee)

    _seat_members(rng, committees, councillors, co_opted, years)
    holders = _portfolios(rng, councillors, years)
    for person in councillors + co_opted + officers + guests:
        if person.kind == "officer":
            area = rng.choice(TOPIC_AREAS)
            person.job_title = rng.choice(OFFICER_POSTS).format(area=area)
        elif person.kind == "guest":
            person.organisation = rng.choice(ORGANISATIONS)
            person.job_title = rng.choice(
                ("Chief Executive", "Director", "Operations Manager", "Chair", "Observer")
            )
    return Council(
        place, years, committees, councillors + co_opted + officers + guests + groups, topics, holders, guests
    )


def _person(rng: random.Random, kind: str, surname: str) -> Person:
    initial = rng.choice("ABCDEFGHJKLMNPRSTW")
    if kind == "councillor":
        person = Person(
            f"{initial.lower()}-{surname.lower()}", f"Councillor {initial} {surname}", kind, surname, initial
        )
        if rng.random() < 0.3:
            person.aliases.append(f"Councillor {rng.choice(('Mrs', 'Mr', 'Ms', 'Dr'))} {surname}")
        if rng.random() < 0.2:
            second = rng.choice("ABCDEFGHJKLMNPRSTW")
            person.aliases.append(f"Councillor {initial}{second} {surname}")
        return person
    if kind == "co-opted":
        title = rng.choice(("Mrs", "Mr", "Ms"))
        return Person(
            f"{initial.lower()}-{surname.lower()}",
            f"{title} {initial} {surname}",
            kind,
            surname,
            initial,
            title=title,
        )
    given = rng.choice([g for g in GIVEN_NAMES if g[0] == initial] or GIVEN_NAMES)
    initial = given[0]
    return Person(slugify(f"{given} {surname}"), f"{given} {surname}", kind, surname, initial, given=given)


def _seat_members(
    rng: random.Random,
    committees: list[Committee],
    councillors: list[Person],
    co_opted: list[Person],
    years: list[int],
) -> None:
    """Nine councillors a committee a year, about a third changing each May; a chair who serves
    a few years; co-opted members on scrutiny committees. Chairs go in the registry as roles."""
    for committee in committees:
        members = rng.sample(councillors, min(9, len(councillors)))
        # The first year always chooses a chair, from then on chair_from is the year they began.
        chair: Person | None = None
        chair_from = years[0]
        for year in years:
            if year != years[0]:
                leaving = set(rng.sample(range(len(members)), 3))
                newcomers = [c for c in rng.sample(councillors, len(councillors)) if c not in members][
                    : len(leaving)
                ]
                members = [m for i, m in enumerate(members) if i not in leaving] + newcomers
            if chair is None or chair not in members or rng.random() < 0.3:
                if chair is not None:
                    chair.roles.append(_role("Chair", committee.slug, chair_from, year - 1))
                chair, chair_from = rng.choice(members), year
            committee.members[year] = sorted(members, key=lambda p: p.surname)
            committee.chair[year] = chair
            committee.co_opted[year] = (
                sorted(rng.sample(co_opted, min(len(co_opted), rng.randint(1, 3))), key=lambda p: p.surname)
                if committee.scrutiny
                else []
            )
        assert chair is not None  # chosen in the first year
        chair.roles.append(_role("Chair", committee.slug, chair_from, years[-1]))


def _portfolios(
    rng: random.Random, councillors: list[Person], years: list[int]
) -> dict[tuple[str, int], Person]:
    """Cabinet posts held for spans of years, one holder at a time, so 'the Cabinet Member for
    Education and Skills' names one person in any year."""
    holders: dict[tuple[str, int], Person] = {}
    for portfolio in PORTFOLIOS:
        post = f"Cabinet Member for {portfolio}"
        year_index = 0
        while year_index < len(years):
            span = rng.randint(2, 5)
            holder = rng.choice(councillors)
            last = min(len(years) - 1, year_index + span - 1)
            holder.roles.append(_role(post, "", years[year_index], years[last]))
            for year in years[year_index : last + 1]:
                holders[(post, year)] = holder
            year_index = last + 1
    return holders


def _role(title: str, committee: str, first: int, last: int) -> dict:
    role = {"title": title}
    if committee:
        role["committee"] = committee
    role["from"] = municipal_year_label(first)
    if last != first:
        role["to"] = municipal_year_label(last)
    return role


def registry_documents(council: Council) -> tuple[list[dict], list[dict], dict[str, dict]]:
    """people.yaml, topics.yaml and the committee files, as data to dump."""
    people = []
    for person in council.people:
        entry: dict = {"name": person.name, "kind": person.kind}
        for key in ("job_title", "organisation"):
            if getattr(person, key):
                entry[key] = getattr(person, key)
        if person.aliases:
            entry["aliases"] = list(person.aliases)
        if person.roles:
            entry["roles"] = sorted(person.roles, key=lambda role: (role["from"], role["title"]))
        people.append(entry)
    topics = []
    for topic in council.topics.values():
        entry = {
            "slug": topic.slug,
            "title": topic.title,
            "description": f"{topic.title} across {council.place}: plans, progress and decisions.",
        }
        if topic.related:
            entry["related"] = topic.related
        topics.append(entry)
    committees = {
        committee.slug: {
            "name": committee.name,
            "short_name": committee.short_name,
            "description": f"The {committee.name} of {council.place} City Council.",
        }
        for committee in council.committees
    }
    return people, topics, committees
