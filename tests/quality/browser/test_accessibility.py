"""WCAG 2.2 AA on every kind of page: axe-core finds nothing, every control can be reached with
the keyboard and shows where focus is, a skip link leads to the content, the page has its
landmarks, headings go down one level at a time, and tables have header cells."""

from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.quality.browser.conftest import VIEWPORTS, check_representatives, open_tab

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_script() -> Path:
    """The vendored axe-core (scripts/vendor.py pins its version and checks its hash)."""
    found = sorted((ROOT / "tests" / "support" / "vendor").glob("axe-*.min.js"))
    assert len(found) == 1, f"expected one vendored axe-core, found {found}; run scripts/vendor.py"
    return found[0]


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(axe_script()))
    return page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return results.violations.map(v => ({
                rule: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
            }));
        }""",
        AXE_TAGS,
    )


def test_the_vendored_axe_is_the_pinned_version(browser, mounts):
    spec = importlib.util.spec_from_file_location("vendor", ROOT / "scripts" / "vendor.py")
    vendor = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = vendor
    spec.loader.exec_module(vendor)
    pinned = next(vendored.version for vendored in vendor.PACKAGES if vendored.package == "axe-core")
    with open_tab(browser, "desktop") as tab:
        tab.visit(mounts["seed"].base_url)
        tab.page.add_script_tag(path=str(axe_script()))
        assert tab.page.evaluate("axe.version") == pinned


def test_axe_catches_a_real_violation(browser, mounts):
    """The check can fail: an image without alternative text and low-contrast text are found."""
    with open_tab(browser, "desktop") as tab:
        tab.visit(mounts["seed"].base_url)
        tab.page.evaluate(
            """() => document.querySelector('main').insertAdjacentHTML('beforeend',
                '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p style="color:#bbb">faint</p>')"""
        )
        assert {"image-alt", "color-contrast"} <= {violation["rule"] for violation in run_axe(tab.page)}


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("mount_name", ["seed", "fixture"])
def test_axe_finds_no_violations_on_any_page_type(browser, mounts, mount_name, viewport, subtests, figures):
    def check(tab, page_type, site_page, problems):
        violations = run_axe(tab.page)
        figures["axe violations"] += sum(len(v["nodes"]) for v in violations)
        figures["pages checked with axe", f"{page_type} {viewport}"] += 1
        assert violations == [], json.dumps(violations, indent=2)

    check_representatives(browser, mounts[mount_name], viewport, subtests, check)


# Marks every control a keyboard user can reach (visible, not disabled, not taken out of the tab
# order), and describes how an element looks, so its focused look can be told from its resting one.
KEYBOARD_HELPERS = """() => {
    const selector = 'a[href], area[href], button:not([disabled]), input:not([disabled]):not([type=hidden]),'
        + ' select:not([disabled]), textarea:not([disabled]), summary, iframe, [contenteditable=""],'
        + ' [contenteditable="true"], [tabindex]:not([tabindex="-1"])';
    // Shown (not in a closed <details>, not display:none or visibility:hidden), or the skip link,
    // which waits off screen until it is focused.
    const reachable = element => !element.closest('[inert]')
        && (element.checkVisibility({visibilityProperty: true}) || element.classList.contains('skip-link'));
    window.lookOf = element => {
        const style = getComputedStyle(element);
        return [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow,
                style.backgroundColor, style.color, style.textDecorationLine, style.borderColor].join('|');
    };
    const controls = [...document.querySelectorAll(selector)].filter(reachable);
    controls.forEach((element, index) => { element.dataset.keyboardCheck = index; });
    return controls.map(element => lookOf(element));
}"""

FOCUSED = """() => {
    const element = document.activeElement;
    if (!element || element.dataset.keyboardCheck === undefined) return null;
    const rect = element.getBoundingClientRect();
    return {
        index: Number(element.dataset.keyboardCheck),
        label: element.outerHTML.slice(0, 120),
        look: lookOf(element),
        onScreen: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0
            && rect.top < innerHeight && rect.left < innerWidth,
    };
}"""


@dataclass
class KeyboardWalk:
    controls: int = 0
    reached: list[int] = field(default_factory=list)
    off_screen: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def walk_with_tab(page) -> KeyboardWalk:
    """Press Tab from the top of the page until focus leaves the page or comes round again."""
    resting_looks = page.evaluate(KEYBOARD_HELPERS)
    walk = KeyboardWalk(controls=len(resting_looks))
    for _ in range(len(resting_looks) + 1):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or focused["index"] in walk.reached:
            break
        walk.reached.append(focused["index"])
        if not focused["onScreen"]:
            walk.off_screen.append(focused["label"])
        if focused["look"] == resting_looks[focused["index"]]:
            walk.unchanged.append(focused["label"])
    return walk


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("mount_name", ["seed", "fixture"])
def test_every_control_is_reached_by_tab_and_visibly_focused(
    browser, mounts, mount_name, viewport, subtests, figures
):
    def check(tab, page_type, site_page, problems):
        walk = walk_with_tab(tab.page)
        figures["controls reached by keyboard", f"{page_type} {viewport}"] += len(walk.reached)
        assert walk.reached == list(range(walk.controls)), (
            f"Tab reached {len(walk.reached)} of {walk.controls} controls, or out of order"
        )
        assert walk.off_screen == [], "focused but not on screen"
        assert walk.unchanged == [], "focus does not change how these look"

    # The controls are the same at both widths; the phone walk takes each type's fullest page.
    check_representatives(
        browser, mounts[mount_name], viewport, subtests, check, fullest_only=viewport == "phone"
    )


def test_the_keyboard_walk_catches_invisible_focus_and_unreachable_controls(browser, mounts):
    with open_tab(browser, "desktop") as tab:
        tab.visit(mounts["seed"].base_url)
        tab.page.evaluate(
            """() => {  // the site's focus styles gone, and the browser's own focus ring switched off
                for (const sheet of document.styleSheets)
                    for (let i = sheet.cssRules.length - 1; i >= 0; i--)
                        if (sheet.cssRules[i].selectorText?.includes(':focus')) sheet.deleteRule(i);
            }"""
        )
        tab.page.add_style_tag(content=":focus { outline: none !important; }")
        tab.page.evaluate("() => document.querySelector('main a').setAttribute('tabindex', '5')")
        walk = walk_with_tab(tab.page)
        assert walk.unchanged and walk.reached != list(range(walk.controls))


def test_the_skip_link_comes_first_and_moves_focus_to_the_main_content(browser, mounts):
    mount = mounts["seed"]
    with open_tab(browser, "phone") as tab:
        for page_type, pages in mount.pages.representatives().items():
            tab.visit(mount.url(pages[0]))
            page = tab.page
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content", (
                page_type
            )
            page.keyboard.press("Enter")
            assert page.evaluate("document.activeElement.tagName") == "MAIN", page_type
            page.keyboard.press("Tab")
            assert page.evaluate(
                "!!document.activeElement.closest('main') || !!document.activeElement.closest('footer')"
            ), page_type


STRUCTURE = """() => {
    const visible = element => element.getClientRects().length > 0;
    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(visible)
        .map(h => ({level: Number(h.tagName[1]), text: h.textContent.trim().slice(0, 60)}));
    const skipped = headings.filter((heading, index) => heading.level > (index ? headings[index - 1].level : 0) + 1)
        .map(heading => `h${heading.level} "${heading.text}"`);
    const hasHeaders = table => !!table.querySelector('thead th')
        || [...table.tBodies].every(body => [...body.rows].every(row => row.cells[0]?.tagName === 'TH'));
    const text = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const outside = [];
    while (text.nextNode()) {
        const parent = text.currentNode.parentElement;
        if (text.currentNode.textContent.trim() && visible(parent)
            && !parent.closest('header, nav, main, footer, aside, .skip-link')) outside.push(text.currentNode.textContent.trim());
    }
    return {
        h1: headings.filter(h => h.level === 1).length,
        skipped,
        tablesWithoutHeaders: [...document.querySelectorAll('table')].filter(table => !hasHeaders(table))
            .map(table => table.outerHTML.slice(0, 80)),
        textOutsideLandmarks: outside,
    };
}"""


def test_the_structure_check_catches_skipped_headings_bare_tables_and_stray_text(browser, mounts):
    with open_tab(browser, "desktop") as tab:
        tab.visit(mounts["seed"].base_url)
        tab.page.evaluate(
            """() => {
                document.querySelector('main').insertAdjacentHTML('beforeend', '<h4>Too deep</h4><table><tr><td>1</td></tr></table>');
                document.body.insertAdjacentHTML('beforeend', '<p>Outside every landmark</p>');
            }"""
        )
        structure = tab.page.evaluate(STRUCTURE)
        assert (
            structure["skipped"] and structure["tablesWithoutHeaders"] and structure["textOutsideLandmarks"]
        )


@pytest.mark.parametrize("mount_name", ["seed", "fixture"])
def test_landmarks_headings_and_tables(browser, mounts, mount_name, subtests, figures):
    def check(tab, page_type, site_page, problems):
        page = tab.page
        for role in ("banner", "main", "contentinfo"):
            assert page.get_by_role(role).count() == 1, f"expected one {role} landmark"
        assert page.get_by_role("navigation", name="Main").count() == 1
        structure = page.evaluate(STRUCTURE)
        figures["pages checked for landmarks, headings and tables", page_type] += 1
        assert structure["h1"] == 1
        assert structure["skipped"] == []
        assert structure["tablesWithoutHeaders"] == []
        assert structure["textOutsideLandmarks"] == []

    check_representatives(browser, mounts[mount_name], "desktop", subtests, check)
