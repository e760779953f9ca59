"""Cross-site scripting payloads, and a site that puts each one in every text field of a meeting,
its committee and its documents.

Every payload shows itself if it works: it opens a dialog, or creates an element or attribute
whose id, class, name or value contains "xss", or sets the CSS variable --xss, or makes the
template engine print 117649 (7 to the 6th). Checks look for those signs, never for the
payload's text, which is expected to be shown, escaped, as the clerk typed it.
"""

from __future__ import annotations

import datetime as dt
import json
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
    '[markdown data](data:text/html,<script>alert(1)</script>)',
    '[spaced](  javascript:alert(1)  "title")',
    '![markdown image](javascript:alert(1))',
    '<javascript:alert(1)>',
    '<iframe src="javascript:alert(1)" class="xss"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>" class="xss"></iframe>',
    '<object data="javascript:alert(1)" class="xss"></object><embed src="javascript:alert(1)" class="xss">',
    '<form action="https://evil.example/" class="xss"><input name="xss-input"><button formaction="javascript:alert(1)">Go</button></form>',
    '<details open ontoggle="alert(\'xss-toggle\')" class="xss">details</details>',
    '<button onclick="alert(1)" class="xss">button</button>',
    '<base href="https://evil.example/" id="xss-base">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)" id="xss-meta">',
    '<style>body { --xss: 1; }</style>',
    '<div style="--xss: 1; background: url(javascript:alert(1))">styled</div>',
    '<a href="#" id="xss-clobber" name="xss-clobber">DOM clobbering</a>',
    "{{ 7*7*7*7*7*7 }} {% if true %}xss-jinja{% endif %} ${7*7} <%= 7*7 %>",
    "{{ config.__class__.__init__.__globals__ }} {{ self }}",
)

# Markdown-only tricks that need more than one line.
MARKDOWN_PAYLOADS = (
    "[reference link][evil]\n\n[evil]: javascript:alert('xss-reference')",
    '<div class="xss">\n\n**raw HTML block**\n\n</div>',
    "```\n</code></pre><script>alert('xss-fence')</script>\n```",
    "<table><tr><td onclick=\"alert(1)\" class=\"xss\">cell</td></tr></table>",
    "| heading |\n|---|\n| <img src=x onerror=alert('xss-table') class=xss> |",
)

TEMPLATE_PROBE = "117649"  # what {{ 7*7*7*7*7*7 }} would print if a template engine ran it


def _body(payload: str) -> str:
    """The minutes: the payload in a heading, in prose, in a resolution and its points, and in a
    private item's text."""
    return "\n\n".join([
        f"## 1. {payload}",
        payload,
        *MARKDOWN_PAYLOADS,
        f"RESOLVED that {payload}",
        f"1. {payload}\n2. {payload}",
        f"## 2. {payload}",
        f"The Board considered a private report. {payload}",
        f"RESOLVED that {payload}",
    ]) + "\n"


def _meeting(payload: str, slug: str, date: dt.date) -> dict:
    folder = f"{date.isoformat()}-{slug}"
    return {
        "committee": slug,
        "date": date,
        "start": "10:00",
        "end": "11:00",
        "venue": payload,
        # Addresses that do not parse are build errors (tests/test_bad_input.py); these do.
        "webcast": f"https://video.example.org/watch?title={quote(payload)}",
        "status": "held",
        "status_note": payload,
        "agenda": {
            "published": date - dt.timedelta(days=7),
            "issued_by": payload,
            "contact": {"name": payload, "service": payload, "phone": payload, "email": "o'brien+xss@example.org"},
            "membership": {"members": [payload, f"{payload} (Chair)"], "co_opted": [payload], "by_invitation": [payload]},
            "items": [
                {
                    "number": 1,
                    "title": payload,
                    "pages": payload,
                    "paper": payload,
                    "description": "\n\n".join([payload, *MARKDOWN_PAYLOADS]),
                    "subitems": [payload],
                    "documents": [f"{folder}/report.md", {"path": f"{folder}/data.csv", "title": payload}],
                },
                {"number": 2, "title": payload, "private": True},
            ],
            "notes": "\n\n".join([payload, *MARKDOWN_PAYLOADS]),
        },
        "attendance": {
            "members": [payload, f"Councillor A ({payload})"],
            "co_opted": [payload],
            "cabinet_members": [payload],
            "other_members": [payload],
            "invited": [f"{payload} - {payload}"],
            "officers": {payload: [payload]},
            "apologies": [payload],
        },
        "declarations": [{"member": payload, "items": [1], "nature": payload, "withdrew": True}],
        "items": {1: {"documents": [f"{folder}/report.md"]}, 2: {"private": {"paragraphs": [1], "note": payload}}},
    }


def _document(payload: str) -> str:
    front = {
        "title": payload,
        "kind": "report",
        "to": payload,
        "from": payload,
        "subject": payload,
        "date_text": payload,
        "authors": [payload],
        "contact": [payload, payload],
    }
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + _body(payload)


def write_injection_site(root: Path) -> Path:
    """A site with one committee and one meeting per payload; returns its site_config.yaml."""
    config = root / "site_config.yaml"
    root.mkdir(parents=True, exist_ok=True)
    config.write_text(
        "council:\n  name: Injection Test Council\n  short_name: Injection Test\n"
        "site:\n  title: Meetings archive\n  base_url: https://minutes.example.org/\n",
        encoding="utf-8",
    )
    committees = root / "content" / "committees"
    meetings = root / "content" / "meetings" / "2025"
    committees.mkdir(parents=True)
    meetings.mkdir(parents=True)
    for index, payload in enumerate(PAYLOADS):
        slug = f"xss-{index:02d}"
        date = dt.date(2025, 1, 1) + dt.timedelta(days=index)
        committee = {"name": payload, "short_name": payload, "description": payload}
        (committees / f"{slug}.yaml").write_text(yaml.safe_dump(committee, allow_unicode=True), encoding="utf-8")
        meeting = _meeting(payload, slug, date)
        text = "---\n" + yaml.safe_dump(meeting, allow_unicode=True, sort_keys=False) + "---\n\n" + _body(payload)
        (meetings / f"{date.isoformat()}-{slug}.md").write_text(text, encoding="utf-8")
        folder = meetings / f"{date.isoformat()}-{slug}"
        folder.mkdir()
        (folder / "report.md").write_text(_document(payload), encoding="utf-8")
        (folder / "data.csv").write_text(f"field,value\ntitle,{payload}\n", encoding="utf-8")
    return config


# --- Signs that a payload worked -------------------------------------------------------------

# Elements no clerk's text may ever produce, whatever the page.
FORBIDDEN_ELEMENTS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "style", "noscript", "template"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "srcdoc", "background", "poster", "srcset", "ping"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
MARKED_ATTRIBUTES = {"id", "class", "name", "for", "form"}


def _without_space(value: str) -> str:
    return "".join(character for character in value if ord(character) > 32).lower()


class _InjectionFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        where = f"<{tag}>"
        if tag in FORBIDDEN_ELEMENTS:
            self.found.append(f"{where} element")
        if tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
            self.found.append(f"{where} with http-equiv")
        sources = [value for name, value in attrs if name == "src"]
        if tag == "script" and (not sources or urlsplit(sources[0] or "").scheme or (sources[0] or "").startswith("//")):
            self.found.append(f"{where} that is inline or loads from elsewhere")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"{where} event handler {name}={value!r}")
            if name in URL_ATTRIBUTES and _without_space(value).startswith(BAD_SCHEMES):
                self.found.append(f"{where} {name}={value!r}")
            if (name in MARKED_ATTRIBUTES or name.startswith("data-")) and "xss" in value.lower() or "xss" in name:
                self.found.append(f"{where} injected attribute {name}={value!r}")
            if name == "style" and "xss" in value.lower():
                self.found.append(f"{where} injected style {value!r}")

    def handle_data(self, data: str) -> None:
        if TEMPLATE_PROBE in data:
            self.found.append(f"template syntax was run: {TEMPLATE_PROBE} in the text")


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
        if (element.localName === 'script' && (!element.src || new URL(element.src).origin !== location.origin))
            found.push(`${where} that is inline or loads from elsewhere`);
        for (const {name, value} of element.attributes) {
            if (name.startsWith('on')) found.push(`${where} event handler ${name}`);
            if (%(url_attributes)s.includes(name) && badScheme.test(value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase()))
                found.push(`${where} ${name}=${value}`);
            if ((%(marked)s.includes(name) || name.startsWith('data-')) && value.toLowerCase().includes('xss') || name.includes('xss'))
                found.push(`${where} injected attribute ${name}=${value}`);
        }
        if (getComputedStyle(element).getPropertyValue('--xss') !== '') found.push(`${where} styled by injected CSS`);
    }
    if (document.body.innerText.includes('%(probe)s')) found.push('template syntax was run');
    return found;
}""" % {
    "forbidden": json.dumps(sorted(FORBIDDEN_ELEMENTS)),
    "url_attributes": json.dumps(sorted(URL_ATTRIBUTES)),
    "marked": json.dumps(sorted(MARKED_ATTRIBUTES)),
    "probe": TEMPLATE_PROBE,
}
