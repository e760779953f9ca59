"""Cross-site scripting payloads, and a site that puts each one in every text field of a meeting,
its committee and its documents.

Every payload shows itself if it works: it opens a dialog, or creates an element or attribute
whose id, class, name or value contains "xss", or sets the CSS variable --xss, or makes the
template engine print 117649 (7 to the 6th). Checks look for those signs, never for the
payload's text, which is expected to be shown, escaped, as the clerk typed it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlsplit

import yaml

# One line each: they go into titles, names and list entries as well as Markdown.
PAYLOADS = (
    '<script>alert("xss-script")</script>',
    '<script src="data:text/javascript,alert(1)" id="xss-script-src"></script>',
    '<img src=x onerror="alert(\'xss-img\')" class="xss">',
    '<img src="x" id="xss-plain-img">',
    '<svg onload="alert(\'xss-svg\')" class="xss"></svg>',
    '<svg><script>alert("xss-svg-script")</script></svg>',
    '<svg><a xlink:href="javascript:alert(1)" id="xss-svg-link"><text>x</text></a></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert("xss-mxss") class=xss>',
    '"><script>alert("xss-breakout")</script>',
    "'><img src=x onerror=alert('xss-single') id=xss-single>",
    '" onmouseover="alert(\'xss-attr\')" data-xss="1',
    "' onfocus='alert(\"xss-attr-single\")' autofocus data-xss='1",
    '</title><script>alert("xss-title")</script>',
    '</textarea><script>alert("xss-textarea")</script>',
    '<p title="</p><script>alert(1)</script>" class="xss">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1) class=xss>">',
    '<scr<script>ipt>alert("xss-nested")</script>',
    '<!--<script>alert("xss-comment")</script>-->',
    '&lt;script&gt;alert("xss-entities")&lt;/script&gt;',
    '<a href="javascript:alert(\'xss-href\')" id="xss-js-link">click</a>',
    '<a href="JaVaScRiPt:alert(1)" class="xss">mixed case</a>',
    '<a href="java&#x09;script:alert(1)" class="xss">entity tab</a>',
    '<a href="  javascript:alert(1)" class="xss">leading spaces</a>',
    '<a href="vbscript:msgbox(1)" class="xss">vbscript</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==" class="xss">data URL</a>',
    '<a href="https://example.org/" onclick="alert(1)" target="_blank" class="xss">handler on a good link</a>',
    '[markdown link](javascript:alert("xss-md"))',
    "[markdown data](data:text/html,<script>alert(1)</script>)",
    '[spaced](  javascript:alert(1)  "title")',
    "![markdown image](javascript:alert(1))",
    "<javascript:alert(1)>",
    '<iframe src="javascript:alert(1)" class="xss"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>" class="xss"></iframe>',
    '<object data="javascript:alert(1)" class="xss"></object><embed src="javascript:alert(1)" class="xss">',
    '<form action="https://evil.example/" class="xss"><input name="xss-input"><button formaction="javascript:alert(1)">Go</button></form>',
    '<details open ontoggle="alert(\'xss-toggle\')" class="xss">details</details>',
    '<button onclick="alert(1)" class="xss">button</button>',
    '<base href="https://evil.example/" id="xss-base">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)" id="xss-meta">',
    "<style>body { --xss: 1; }</style>",
    '<div style="--xss: 1; background: url(javascript:alert(1))">styled</div>',
    '<a href="#" id="xss-clobber" name="xss-clobber">DOM clobbering</a>',
    "{{ 7*7*7*7*7*7 }} {% if true %}xss-jinja{% endif %} ${7*7} <%= 7*7 %>",
    "{{ config.__class__.__init__.__globals__ }} {{ self }}",
    '=HYPERLINK("https://evil.example/","xss-csv")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
)

# Markdown-only tricks that need more than one line.
MARKDOWN_PAYLOADS = (
    "[reference link][evil]\n\n[evil]: javascript:alert('xss-reference')",
    '<div class="xss">\n\n**raw HTML block**\n\n</div>',
    "```\n</code></pre><script>alert('xss-fence')</script>\n```",
    '<table><tr><td onclick="alert(1)" class="xss">cell</td></tr></table>',
    "| heading |\n|---|\n| <img src=x onerror=alert('xss-table') class=xss> |",
)

# The operator's settings (site_config.yaml) carry payloads too: they reach every page's header,
# title and footer, the feeds and calendars, and the handbook, which mkdocs renders without
# autoescaping. Addresses and the language are validated instead (tests/test_config.py), so here
# they hold only what passes: an address whose query spells a payload, percent-encoded.
SETTINGS = {
    "council": {
        "name": f"Injection Test Council {PAYLOADS[0]}",
        "short_name": f"Injection Test {PAYLOADS[8]}",
        "website": "https://www.example.org/council?from=%22%3E%3Cscript%3Ealert(1)%3C/script%3E",
    },
    "site": {
        "title": f"Meetings archive {PAYLOADS[10]} {PAYLOADS[2]}",
        "base_url": "https://minutes.example.org/",
        "language": "en-GB",
    },
}

TEMPLATE_PROBE = "117649"  # what {{ 7*7*7*7*7*7 }} would print if a template engine ran it


def _body(payload: str) -> str:
    """The minutes: the payload in a heading, in prose, in a resolution and its points, and in a
    private item's text."""
    return (
        "\n\n".join(
            [
                f"## 1. {payload}",
                payload,
                *MARKDOWN_PAYLOADS,
                f"RESOLVED that {payload}",
                f"1. {payload}\n2. {payload}",
                f"## 2. {payload}",
                f"The Board considered a private report. {payload}",
                f"RESOLVED that {payload}",
            ]
        )
        + "\n"
    )


def committee_slug(index: int) -> str:
    """Addresses and ids made from these never contain "xss", the mark of a working payload."""
    return f"injected-{index:02d}"


def _person(index: int, payload: str) -> str:
    """A name that holds the payload and still resolves to one entry of the people registry
    (names resolve by their last word, so that word is the person's own)."""
    return f"{payload} Tester{index:02d}"


def _meeting(index: int, payload: str, slug: str, date: dt.date) -> dict:
    folder = f"{date.isoformat()}-{slug}"
    name = _person(index, payload)
    with_role = f"{name} ({payload})" if "(" not in payload and ")" not in payload else name
    topic = f"injected-topic-{index:02d}"
    meeting = {
        "committee": slug,
        "date": date,
        "start": "10:00",
        "end": "11:00",
        "venue": payload,
        # Addresses that do not parse are build errors (tests/validate/test_bad_input.py); these do.
        "webcast": f"https://video.example.org/watch?title={quote(payload)}",
        "status": "held",
        "status_note": payload,
        "agenda": {
            "published": date - dt.timedelta(days=7),
            "issued_by": payload,
            "contact": {
                "name": payload,
                "service": payload,
                "phone": payload,
                "email": "o'brien+xss@example.org",
            },
            "membership": {"members": [with_role], "co_opted": [name], "by_invitation": [name]},
            "items": [
                {
                    "number": 1,
                    "title": payload,
                    "pages": payload,
                    "paper": payload,
                    "description": "\n\n".join([payload, *MARKDOWN_PAYLOADS]),
                    "subitems": [payload],
                    "documents": [f"{folder}/report.md", {"path": f"{folder}/data.csv", "title": payload}],
                    "topics": [topic],
                },
                {"number": 2, "title": payload, "private": True},
            ],
            "notes": "\n\n".join([payload, *MARKDOWN_PAYLOADS]),
        },
        "attendance": {
            "members": [with_role],
            "co_opted": [name],
            "cabinet_members": [name],
            "other_members": [name],
            "invited": [f"{name} - {payload} Trust"],  # ends in a word: a final "(...)" would read as a role
            "officers": {payload: [name]},
            "apologies": [name],
        },
        "declarations": [{"member": name, "items": [1], "nature": payload, "withdrew": True}],
        "items": {
            1: {
                "topics": [topic],
                "documents": [f"{folder}/report.md"],
                "task_groups": [{"name": payload, "members": [name]}],
                "actions": [1],
                "votes": [
                    {
                        "motion": payload,
                        "moved": name,
                        "seconded": name,
                        "for": [name],
                        "against": 0,
                        "abstain": 0,
                        "result": "carried",
                    },
                    {
                        "motion": payload,
                        "kind": "amendment",
                        "moved": name,
                        "for": 1,
                        "against": 2,
                        "result": "lost",
                    },
                ],
            },
            2: {"private": {"paragraphs": [1], "note": payload}},
        },
    }
    return meeting


FOLLOW_UP = "injected-follow-up"
FOLLOW_UP_DATES = (dt.date(2025, 6, 5), dt.date(2025, 7, 3))


def _follow_up_meetings() -> list[str]:
    """Two meetings of one more committee: the first asks for a report per payload, the second
    records what became of each, with the payload as the update's note."""
    first, second = FOLLOW_UP_DATES
    points = "\n".join(
        f"{number}. a report on item {number} be brought back" for number in range(1, len(PAYLOADS) + 1)
    )
    asked = {
        "committee": FOLLOW_UP,
        "date": first,
        "status": "held",
        "items": {1: {"actions": list(range(1, len(PAYLOADS) + 1))}},
    }
    updates = {
        "committee": FOLLOW_UP,
        "date": second,
        "status": "held",
        "action_updates": [
            {"action": f"{first.isoformat()}/1.{number}", "status": "pending", "note": payload, "item": 2}
            for number, payload in enumerate(PAYLOADS, start=1)
        ],
    }
    return [
        "---\n"
        + yaml.safe_dump(asked, sort_keys=False)
        + f"---\n\n## 1. Reports\n\nRESOLVED that:\n\n{points}\n",
        "---\n"
        + yaml.safe_dump(updates, allow_unicode=True, sort_keys=False)
        + "---\n\n## 2. Updates\n\nThe Board noted the updates.\n",
    ]


def _registries(count: int) -> tuple[list[dict], list[dict]]:
    """content/people.yaml and content/topics.yaml: a person and a topic per payload."""
    people, topics = [], []
    for index, payload in enumerate(PAYLOADS[:count]):
        people.append(
            {
                "name": _person(index, payload),
                "kind": "councillor",
                "slug": f"injected-person-{index:02d}",
                "full_name": payload,
                "job_title": payload,
                "organisation": payload,
                "aliases": [f"{payload} Alias{index:02d}"],
                "roles": [{"title": payload, "committee": committee_slug(index), "from": "2024/25"}],
            }
        )
        topics.append({"slug": f"injected-topic-{index:02d}", "title": payload, "description": payload})
    return people, topics


def _document(payload: str, name: str, topic: str) -> str:
    front = {
        "title": payload,
        "kind": "report",
        "to": payload,
        "from": payload,
        "subject": payload,
        "date_text": payload,
        "authors": [f"{name.rsplit(' ', 1)[1]}, {payload}"],  # "Tester07, <job title>"
        "contact": [payload, payload],
        "topics": [topic],
    }
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + _body(payload)


def write_injection_site(root: Path) -> Path:
    """A site with one committee and one meeting per payload; returns its site_config.yaml."""
    config = root / "site_config.yaml"
    root.mkdir(parents=True, exist_ok=True)
    config.write_text(yaml.safe_dump(SETTINGS, allow_unicode=True, sort_keys=False), encoding="utf-8")
    committees = root / "content" / "committees"
    meetings = root / "content" / "meetings" / "2025"
    committees.mkdir(parents=True)
    meetings.mkdir(parents=True)
    people, topics = _registries(len(PAYLOADS))
    (root / "content" / "people.yaml").write_text(
        yaml.safe_dump(people, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    (root / "content" / "topics.yaml").write_text(
        yaml.safe_dump(topics, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    (committees / f"{FOLLOW_UP}.yaml").write_text("name: Follow-up Committee\n", encoding="utf-8")
    for date, text in zip(FOLLOW_UP_DATES, _follow_up_meetings(), strict=True):
        (meetings / f"{date.isoformat()}-{FOLLOW_UP}.md").write_text(text, encoding="utf-8")
    for index, payload in enumerate(PAYLOADS):
        slug = committee_slug(index)
        date = dt.date(2025, 1, 1) + dt.timedelta(days=index)
        committee = {"name": payload, "short_name": payload, "description": payload}
        (committees / f"{slug}.yaml").write_text(
            yaml.safe_dump(committee, allow_unicode=True), encoding="utf-8"
        )
        meeting = _meeting(index, payload, slug, date)
        text = (
            "---\n"
            + yaml.safe_dump(meeting, allow_unicode=True, sort_keys=False)
            + "---\n\n"
            + _body(payload)
        )
        (meetings / f"{date.isoformat()}-{slug}.md").write_text(text, encoding="utf-8")
        folder = meetings / f"{date.isoformat()}-{slug}"
        folder.mkdir()
        (folder / "report.md").write_text(
            _document(payload, _person(index, payload), f"injected-topic-{index:02d}"), encoding="utf-8"
        )
        (folder / "data.csv").write_text(f"field,value\ntitle,{payload}\n", encoding="utf-8")
    return config


# --- Signs that a payload worked -------------------------------------------------------------

# Elements no clerk's text may ever produce, whatever the page.
DATA_BLOCK_TYPES = {"application/ld+json", "application/json"}
FORBIDDEN_ELEMENTS = {
    "iframe",
    "object",
    "embed",
    "base",
    "frame",
    "frameset",
    "applet",
    "style",
    "noscript",
    "template",
}
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "xlink:href",
    "srcdoc",
    "background",
    "poster",
    "srcset",
    "ping",
}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
# Payloads mark the elements they make with an id, class or name starting "xss". (Text that
# merely contains "xss" may rightly end up in an attribute: data-value="...", a slugged id.)
MARKED_ATTRIBUTES = {"id", "class", "name", "for", "form"}


def _without_space(value: str) -> str:
    return "".join(character for character in value if ord(character) > 32).lower()


class _InjectionFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.data_block: list[str] | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        where = f"<{tag}>"
        if tag in FORBIDDEN_ELEMENTS:
            self.found.append(f"{where} element")
        if tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
            self.found.append(f"{where} with http-equiv")
        sources = [value for name, value in attrs if name == "src"]
        if tag == "script" and dict(attrs).get("type") in DATA_BLOCK_TYPES and not sources:
            self.data_block = []  # structured data: never run, but must stay one JSON value
        elif tag == "script" and (
            not sources or urlsplit(sources[0] or "").scheme or (sources[0] or "").startswith("//")
        ):
            self.found.append(f"{where} that is inline or loads from elsewhere")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"{where} event handler {name}={value!r}")
            if name in URL_ATTRIBUTES and _without_space(value).startswith(BAD_SCHEMES):
                self.found.append(f"{where} {name}={value!r}")
            if (
                name in MARKED_ATTRIBUTES and any(token.startswith("xss") for token in value.lower().split())
            ) or "xss" in name:
                self.found.append(f"{where} injected attribute {name}={value!r}")
            if name == "style" and "xss" in value.lower():
                self.found.append(f"{where} injected style {value!r}")

    def handle_data(self, data: str) -> None:
        if self.data_block is not None:
            self.data_block.append(data)
        elif TEMPLATE_PROBE in data:
            self.found.append(f"template syntax was run: {TEMPLATE_PROBE} in the text")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.data_block is not None:
            try:
                json.loads("".join(self.data_block))
            except ValueError:
                self.found.append("<script> data block that is not one JSON value (text broke out of it)")
            self.data_block = None


def find_injected_in_feed(xml: str) -> list[str]:
    """Signs in an Atom or RSS file: in its own attributes, and in the HTML its entries carry."""
    found = find_injected(xml)  # the feed's elements and attributes, read as markup
    for element in ElementTree.fromstring(xml).iter():
        name = element.tag.rsplit("}", 1)[-1]
        if element.text and (element.get("type") == "html" or name == "description"):
            found += [f"in <{name}>: {sign}" for sign in find_injected(element.text)]
    return found


# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def find_formulas(csv_text: str) -> list[str]:
    return [
        cell for row in csv.reader(io.StringIO(csv_text)) for cell in row if cell.startswith(FORMULA_STARTS)
    ]


def find_injected(html: str) -> list[str]:
    """Every sign in a page's HTML that a payload became markup, script or a template expression."""
    finder = _InjectionFinder()
    finder.feed(html)
    finder.close()
    return finder.found


# The same signs in the browser's live DOM, after any script has run.
DOM_SIGNS = """() => {
    const found = [];
    const badScheme = /^(javascript|vbscript|data):/;
    for (const element of document.querySelectorAll('*')) {
        const where = `<${element.localName}>`;
        if (%(forbidden)s.includes(element.localName)) found.push(`${where} element`);
        if (element.localName === 'script' && %(data_blocks)s.includes(element.type) && !element.src) {
            try { JSON.parse(element.textContent); } catch { found.push(`${where} data block that is not one JSON value`); }
        } else if (element.localName === 'script' && (!element.src || new URL(element.src).origin !== location.origin))
            found.push(`${where} that is inline or loads from elsewhere`);
        for (const {name, value} of element.attributes) {
            if (name.startsWith('on')) found.push(`${where} event handler ${name}`);
            if (%(url_attributes)s.includes(name) && badScheme.test(value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase()))
                found.push(`${where} ${name}=${value}`);
            if (%(marked)s.includes(name) && value.toLowerCase().split(/\\s+/).some(token => token.startsWith('xss')) || name.includes('xss'))
                found.push(`${where} injected attribute ${name}=${value}`);
        }
        if (getComputedStyle(element).getPropertyValue('--xss') !== '') found.push(`${where} styled by injected CSS`);
    }
    if (document.body.innerText.includes('%(probe)s')) found.push('template syntax was run');
    return found;
}""" % {
    "forbidden": json.dumps(sorted(FORBIDDEN_ELEMENTS)),
    "data_blocks": json.dumps(sorted(DATA_BLOCK_TYPES)),
    "url_attributes": json.dumps(sorted(URL_ATTRIBUTES)),
    "marked": json.dumps(sorted(MARKED_ATTRIBUTES)),
    "probe": TEMPLATE_PROBE,
}
