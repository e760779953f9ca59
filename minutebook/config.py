"""site_config.yaml -> frozen settings. Unknown keys are errors so typos never pass silently."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .diagnostics import Diagnostics, SourcePos, did_you_mean
from .fields import Fields, Missing, address_parts, present
from .hosts import HOSTS, HostLimits
from .load import load_yaml_file

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# Characters no address in a page, feed or calendar may hold as typed (RFC 3986): each could end
# the attribute or element it is written into. '?' and '#' have no place in base_url, which
# every address of the site is made from.
_NOT_IN_URLS = re.compile(r"[\s<>\"'{}|\\^`\x00-\x1f\x7f-\x9f]")
# A well-formed BCP 47 language tag (RFC 5646, section 2.1): 'en-GB', 'cy', 'zh-Hant-TW',
# 'sr-Latn', 'de-CH-1996', 'x-private'. The irregular grandfathered tags ('i-klingon') are left out.
_LANGUAGE_TAG = re.compile(
    r"^(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})"  # language and extlang
    r"(?:-[a-z]{4})?"  # script
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"  # region
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"  # variants
    r"(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*"  # extensions
    r"(?:-x(?:-[a-z0-9]{1,8})+)?"  # private use
    r"|x(?:-[a-z0-9]{1,8})+)$",
    re.IGNORECASE,
)
_EMAIL = re.compile(
    r"^[^@\s<>\"(),;:\\\[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,}[0-9]$")

# WCAG 2.2 AA asks for 4.5:1 between text and its background.
MIN_CONTRAST = 4.5

# Every key site_config.yaml may hold, by section; the handbook documents each one.
CONFIG_KEYS = {
    "council": ("name", "short_name", "website", "logo"),
    "site": ("title", "base_url", "language", "time_zone", "municipal_year_start_month", "host"),
    "theme": ("brand_colour", "link_colour"),
    "paths": ("content", "templates", "theme", "handbook"),
    "accessibility": ("email", "phone", "compliance", "prepared", "reviewed", "tested"),
}

# How far the site meets WCAG 2.2 AA, as the accessibility statement words it (the Public Sector
# Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018).
COMPLIANCE = ("partially", "fully", "not")


@dataclass(frozen=True)
class Theme:
    brand_colour: str = "#1d4f91"
    link_colour: str = "#1d70b8"


@dataclass(frozen=True)
class Accessibility:
    """What the accessibility statement needs that only the council knows: who to contact about a
    problem, how far the site complies, and when the statement was prepared and reviewed."""

    email: str = ""
    phone: str = ""
    compliance: str = "partially"
    prepared: dt.date | None = None
    reviewed: dt.date | None = None
    tested: dt.date | None = None


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    council_name: str
    council_short_name: str
    council_website: str | None
    logo: Path | None
    title: str
    base_url: str
    language: str
    time_zone: str
    municipal_year_start_month: int
    theme: Theme
    content_dir: Path
    templates_dir: Path
    theme_dir: Path
    handbook_config: Path  # the handbook's mkdocs.yml, published under help/
    host: HostLimits | None = None  # where the site is published; each build is measured against its limits
    host_pos: SourcePos | None = None
    accessibility: Accessibility = Accessibility()

    @property
    def base_path(self) -> str:
        """The path part of base_url, always ending in '/': used where relative links cannot work (404)."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def cache_dir(self) -> Path:
        return self.root / CACHE_FOLDER

    def absolute_url(self, url_path: str) -> str:
        return self.base_url.rstrip("/") + "/" + url_path.lstrip("/")

    @property
    def has_public_address(self) -> bool:
        """Feeds, calendars, the sitemap and open data name pages by full address, so they are
        published only when base_url is one."""
        parts = urlsplit(self.base_url)
        return parts.scheme in ("http", "https") and bool(parts.netloc)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


_PACKAGE_PARENT = Path(__file__).resolve().parent.parent
# The project folder (templates/, theme/, the handbook) when minutebook runs from it, as build.py
# does; None when the package is installed, where the folder above it is site-packages and every
# archive must have its own.
PROJECT_ROOT: Path | None = _PACKAGE_PARENT if (_PACKAGE_PARENT / "build.py").is_file() else None
# Where builds keep what they can reuse (output manifests, compiled templates, the built handbook).
CACHE_FOLDER = ".minutebook-cache"


def load_config(
    path: Path, diagnostics: Diagnostics, base_url_override: str | None = None
) -> SiteConfig | None:
    label = path.as_posix()
    if not path.is_file():
        diagnostics.error(
            SourcePos(label),
            "config",
            "the site configuration file does not exist",
            "create site_config.yaml or pass --config PATH",
        )
        return None
    doc = load_yaml_file(path, label, diagnostics)
    if doc is None:
        return None
    top = Fields.of(doc, (), doc.data, diagnostics, "site_config.yaml")
    if top is None:
        return None
    top.check_known(set(CONFIG_KEYS))
    # Every section is read before giving up, so each malformed one is reported.
    children = {section: top.child(section, f"the '{section}' section") for section in CONFIG_KEYS}
    sections = {section: fields for section, fields in children.items() if fields is not None}
    if len(sections) < len(children):
        return None
    for section, fields in sections.items():
        fields.check_known(set(CONFIG_KEYS[section]))
    council, site, theme_fields, paths = (
        sections[section] for section in ("council", "site", "theme", "paths")
    )
    accessibility = _accessibility(sections["accessibility"])

    root = path.resolve().parent
    name = council.text("name", required=True, example="Coventry City Council")
    short_name = present(council.text("short_name")) or (name if isinstance(name, str) else "")
    website = present(council.text("website"))
    if website and not _web_address(website):
        # The footer of every page links to it: a 'javascript:' address would run on a click.
        council.error(
            "website",
            "website",
            f"'{website}' is not a web address",
            "write the council's website in full, starting with https://, like https://www.coventry.gov.uk/",
        )
        website = None
    logo_text = present(council.text("logo"))
    logo = None
    if logo_text:
        logo = (root / logo_text).resolve()
        if not logo.is_file():
            council.error(
                "logo",
                "missing-file",
                f"the logo '{logo_text}' does not exist",
                "give the path of an image relative to site_config.yaml",
            )
            logo = None

    title = site.text("title", required=True, example="Council meetings archive")
    base_url = base_url_override or present(site.text("base_url")) or "/"
    if base_url_override is None and site.has("base_url"):
        parts = address_parts(base_url)
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
            site.error(
                "base_url",
                "base-url",
                f"'{base_url}' is not a full web address",
                "write it like https://democracy.example.gov.uk/minutes/",
            )
            base_url = "/"
        elif not _web_address(base_url) or parts.query or parts.fragment:
            site.error(
                "base_url",
                "base-url",
                f"'{base_url}' is not a web address the site can be published at: it has spaces, quotes, brackets, '?' or '#'",
                "write it like https://democracy.example.gov.uk/minutes/",
            )
    elif base_url_override is not None and not (
        _web_address(base_url_override) or _site_path(base_url_override)
    ):
        # Every page, feed and calendar writes addresses made from it.
        diagnostics.error(
            SourcePos("--base-url"),
            "base-url",
            f"'{base_url_override}' is not a web address or a path the site can be published at",
            "give a full address like https://democracy.example.gov.uk/minutes/, or a path like /minutes/",
        )
        return None
    if not base_url.endswith("/"):
        base_url += "/"
    if not urlsplit(base_url).netloc and (base_url_override is not None or not site.has("base_url")):
        diagnostics.warning(
            SourcePos(label),
            "base-url-missing",
            "without the site's full address, the feeds, calendars, sitemap and open data are left out",
            "set site: base_url: to the public address, like https://democracy.example.gov.uk/minutes/",
        )
    language = present(site.text("language")) or "en-GB"
    if not _LANGUAGE_TAG.match(language):
        # It is written into every page's lang attribute, and screen readers choose a voice by it.
        site.error(
            "language",
            "language",
            f"'{language}' is not a language tag",
            "write a BCP 47 language tag, like en-GB, or cy for Welsh",
        )
        language = "en-GB"
    time_zone = present(site.text("time_zone")) or "Europe/London"
    try:
        zoneinfo.ZoneInfo(time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        site.error(
            "time_zone",
            "time-zone",
            f"'{time_zone}' is not a time zone",
            "use a name from the tz database, like Europe/London",
        )
    month = present(site.integer("municipal_year_start_month"))
    if month is not None and not 1 <= month <= 12:
        site.error(
            "municipal_year_start_month",
            "month",
            f"month {month} does not exist",
            "use 1 (January) to 12 (December); most councils use 5 (May)",
        )
        month = None

    host = None
    host_name = present(site.text("host"))
    if host_name is not None:
        host = HOSTS.get(host_name)
        if host is None:
            site.error(
                "host",
                "host",
                f"'{host_name}' is not a host this build knows the limits of",
                did_you_mean(host_name, set(HOSTS))
                or "use one of " + ", ".join(sorted(HOSTS)) + ", or leave host out",
            )

    theme = Theme(
        **{
            key: value
            for key, value in (
                ("brand_colour", _colour(theme_fields, "brand_colour", "#ffffff")),
                ("link_colour", _colour(theme_fields, "link_colour", "#ffffff")),
            )
            if value
        }
    )

    def folder(key: str, default: str) -> Path:
        text = present(paths.text(key))
        if text:
            return (root / text).resolve()
        local = root / default
        # An archive made elsewhere (for example by `build.py synth`) uses the project's
        # templates, theme and handbook unless its config names others.
        if key != "content" and not local.exists() and PROJECT_ROOT is not None:
            return PROJECT_ROOT / default
        return local.resolve()

    def where(key: str) -> SourcePos:
        return paths.pos(key) if paths.has(key) else SourcePos(label)

    content_dir = folder("content", "content")
    if not content_dir.is_dir():
        diagnostics.error(
            where("content"),
            "missing-folder",
            f"the content folder {content_dir} does not exist",
            "create it or set paths: content: in site_config.yaml",
        )
    templates_dir, theme_dir = folder("templates", "templates"), folder("theme", "theme")
    for key, found in (("templates", templates_dir), ("theme", theme_dir)):
        if not found.is_dir():
            diagnostics.error(
                where(key),
                "missing-folder",
                f"the {key} folder {found} does not exist",
                f"copy the project's {key}/ folder next to site_config.yaml, or set paths: {key}: in site_config.yaml",
            )

    handbook_config = folder("handbook", "mkdocs.yml")
    if not handbook_config.is_file():
        diagnostics.error(
            where("handbook"),
            "missing-file",
            f"the handbook configuration {handbook_config} does not exist",
            "give the path of the handbook's mkdocs.yml relative to site_config.yaml, or remove the line to use the standard handbook"
            if paths.has("handbook")
            else "copy the project's mkdocs.yml and docs/ (the handbook) next to site_config.yaml, or set paths: handbook: to its mkdocs.yml",
        )

    if isinstance(name, Missing) or isinstance(title, Missing) or name is None or title is None:
        return None
    return SiteConfig(
        root=root,
        council_name=name,
        council_short_name=short_name,
        council_website=website,
        logo=logo,
        title=title,
        base_url=base_url,
        language=language,
        time_zone=time_zone,
        municipal_year_start_month=month or 5,
        theme=theme,
        content_dir=content_dir,
        templates_dir=templates_dir,
        theme_dir=theme_dir,
        handbook_config=handbook_config,
        host=host,
        host_pos=site.pos("host"),
        accessibility=accessibility,
    )


def _web_address(text: str) -> bool:
    """A full http(s) address with nothing that could end the attribute it is written into."""
    parts = address_parts(text)
    return (
        parts is not None
        and parts.scheme in ("http", "https")
        and bool(parts.hostname)
        and not _NOT_IN_URLS.search(text)
    )


def _site_path(text: str) -> bool:
    """A path on the site's own host, like /minutes/ (what --base-url takes for a local preview)."""
    parts = address_parts(text)
    return (
        parts is not None
        and text.startswith("/")
        and not text.startswith("//")
        and not parts.query
        and not parts.fragment
        and not _NOT_IN_URLS.search(text)
    )


def _accessibility(fields: Fields) -> Accessibility:
    """The 'accessibility' section: a contact for reporting problems, checked so that the
    statement never prints an address no one can write to."""
    email = present(fields.text("email")) or ""
    if email and not _EMAIL.match(email):
        fields.error(
            "email",
            "email",
            f"'{email}' is not an email address",
            "write just the address, like accessibility@coventry.gov.uk",
        )
        email = ""
    phone = present(fields.text("phone")) or ""
    if phone and not _PHONE.match(phone):
        fields.error(
            "phone",
            "phone",
            f"'{phone}' is not a telephone number",
            "write the number with its area code, like 024 7683 3333",
        )
        phone = ""
    compliance = present(fields.choice("compliance", COMPLIANCE)) or "partially"
    dates = {}
    for key in ("prepared", "reviewed", "tested"):
        value = fields.date(key)
        dates[key] = value if isinstance(value, dt.date) else None
    if dates["prepared"] and dates["reviewed"] and dates["reviewed"] < dates["prepared"]:
        fields.error(
            "reviewed",
            "date",
            f"the statement was reviewed ({dates['reviewed']}) before it was prepared ({dates['prepared']})",
            "give the date of the latest review, on or after 'prepared'",
        )
        dates["reviewed"] = None
    return Accessibility(email=email, phone=phone, compliance=compliance, **dates)


def _colour(fields: Fields, key: str, against: str) -> str | None:
    value = present(fields.text(key))
    if value is None:
        return None
    if not _COLOUR.match(value):
        fields.error(
            key,
            "colour",
            f"'{value}' is not a colour",
            'write it as six hex digits in quotes, like "#1d4f91"',
        )
        return None
    ratio = contrast_ratio(value, against)
    if ratio < MIN_CONTRAST:
        fields.error(
            key,
            "contrast",
            f"'{value}' has a contrast of {ratio:.1f}:1 with white; at least {MIN_CONTRAST}:1 is needed for accessibility",
            "choose a darker colour",
        )
        return None
    return value.lower()


def contrast_ratio(first: str, second: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
