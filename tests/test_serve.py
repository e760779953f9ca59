"""`build.py serve` as a clerk meets it: a real server process on 127.0.0.1, read over HTTP and in
Debian's chromium. Edits rebuild the site and reload the browser; problems show in the terminal
and above every page while the last good site stays served."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_fixture
from tests.support.preview import ServeProcess

MEETING = "content/meetings/2022/2022-01-20-scrutiny.md"
MEETING_PAGE = "meetings/2022/2022-01-20-scrutiny/"
PANEL = 'id="minutebook-build-problems"'


@pytest.fixture
def site(tmp_path) -> Path:
    """The basic fixture site with its own copy of the templates and theme, so tests may break them."""
    config = copy_fixture("basic", tmp_path / "site")
    shutil.copytree(ROOT / "templates", tmp_path / "site" / "templates")
    shutil.copytree(ROOT / "theme", tmp_path / "site" / "theme")
    return config


def replace_in(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    return text.replace(old, new, 1)


def main_of(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def test_serves_the_site_under_the_base_url_path(site):
    with ServeProcess(site) as server:
        assert server.url.endswith("/archive/")  # the path of site.base_url, as on the real site
        home = server.get()
        assert home.status == 200 and "Exampleshire Borough Council" in home.body
        assert "livereload(" in home.body
        assert server.get("help/errors/").status == 200  # the handbook, published with the site
        missing = server.get("no-such-page/")
        assert missing.status == 404 and "Page not found" in missing.body and "livereload(" in missing.body
        assert PANEL not in home.body


def test_an_edit_rebuilds_only_what_changed(site):
    meeting = site.parent / MEETING
    with ServeProcess(site) as server:
        output = site.parent / "_site"
        untouched = (output / "meetings/2021/2021-06-10-planning/index.html").stat().st_mtime_ns
        server.edit(meeting, replace_in(meeting, "reviewed the budget.", "reviewed the revised budget."))
        assert "reviewed the revised budget." in server.get(MEETING_PAGE).body
        assert (output / "meetings/2021/2021-06-10-planning/index.html").stat().st_mtime_ns == untouched
        changed = [
            int(match)
            for line in server.output
            for match in re.findall(r"built in [\d.]+ s: (\d+) files? changed", line)
        ]
        assert len(changed) == 2 and 0 < changed[1] < changed[0] / 4  # the first build wrote everything


def test_a_template_error_names_the_template_line_and_keeps_the_last_good_site(site):
    template = site.parent / "templates" / "year.html"
    with ServeProcess(site) as server:
        good = server.get("meetings/2022/").body
        text = template.read_text(encoding="utf-8")
        call_line = text.splitlines().index("{{ m.meeting_list(in_month) }}") + 1
        server.edit(template, text.replace("{% endfor %}", "", 1))
        shown = server.get("meetings/2022/").body
        assert PANEL in shown and "error[" in shown and ">template</a>]" in shown
        assert "templates/year.html:" in shown
        assert main_of(good) == main_of(shown)  # the page itself is the last good one
        server.edit(
            template,
            text.replace("{{ m.meeting_list(in_month) }}", "{{ m.meeting_list(in_month, no_such_thing) }}"),
        )
        shown = server.get("meetings/2022/").body
        assert "templates/_macros.html:" in shown and "no_such_thing" in shown
        assert f"(called from templates/year.html:{call_line})" in shown
        server.edit(template, text)
        assert PANEL not in server.get("meetings/2022/").body


def test_warnings_are_shown_but_the_page_is_rebuilt(site):
    meeting = site.parent / MEETING
    papers = site.parent / "content/meetings/2022/2022-01-20-scrutiny"
    papers.mkdir()
    with ServeProcess(site) as server:
        server.edit(papers / "notes.md", "---\ntitle: Notes\n---\nNot listed anywhere.\n")
        shown = server.get(MEETING_PAGE).body
        assert PANEL in shown and "rebuilt with 1 new warning" in shown and "unused-document" in shown
        assert (
            "reference-outside-archive" not in shown
        )  # there before the preview started: in the terminal only
        server.edit(meeting, replace_in(meeting, "reviewed the budget.", "reviewed the revised budget."))
        assert (
            "reviewed the revised budget." in server.get(MEETING_PAGE).body
        )  # warnings do not stop the build
    with ServeProcess(site, extra_args=("--strict",)) as server:
        shown = server.get(MEETING_PAGE).body
        assert PANEL in shown and "could not be rebuilt" in shown


def test_a_page_not_built_yet_shows_the_problem_then_appears(site):
    new_meeting = site.parent / "content/meetings/2022/2022-03-17-scrutiny.md"
    good = "---\ncommittee: scrutiny\ndate: 2022-03-17\nstatus: scheduled\n---\n"
    with ServeProcess(site) as server:
        server.edit(new_meeting, good.replace("status: scheduled", "status: sheduled"))
        missing = server.get("meetings/2022/2022-03-17-scrutiny/")
        assert missing.status == 404
        assert PANEL in missing.body
        assert (
            "content/meetings/2022/2022-03-17-scrutiny.md:4:9" in missing.body
            and "did you mean &#x27;scheduled&#x27;" in missing.body
        )
        assert "livereload(" in missing.body  # so the browser reloads once it is fixed
        server.edit(new_meeting, good)
        assert server.get("meetings/2022/2022-03-17-scrutiny/").status == 200


def test_ctrl_c_stops_it_cleanly(site):
    server = ServeProcess(site)
    server.start()
    assert server.stop() == 0
    assert any("Stopped previewing." in line for line in server.output)


def run_serve(site: Path, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    """serve, when it should stop by itself (it refuses to start)."""
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "serve", *args],
        cwd=site.parent,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_a_busy_port_is_a_usage_error(site):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run_serve(site, "--port", str(taken.getsockname()[1]))
    assert result.returncode == 2
    assert "cannot serve on port" in result.stderr and "--port" in result.stderr


def test_an_output_folder_inside_the_content_is_refused(site):
    result = run_serve(site, "--out", str(site.parent / "content" / "site"), "--port", "0", timeout=30)
    assert result.returncode == 2
    assert "choose another folder with --out" in result.stderr
    assert not (site.parent / "content" / "site").exists()


def test_a_missing_configuration_stops_before_serving(tmp_path):
    result = run_serve(
        tmp_path / "site_config.yaml", "--config", str(tmp_path / "nowhere.yaml"), "--port", "0"
    )
    assert result.returncode == 1
    assert "error[config]" in result.stderr


@pytest.mark.browser
def test_the_browser_reloads_by_itself_and_shows_problems(site, tmp_path, browser):
    meeting = site.parent / MEETING
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    with ServeProcess(site) as server:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(server.url + MEETING_PAGE)
        page.evaluate("window.notReloaded = true")

        meeting.write_text(
            replace_in(meeting, "reviewed the budget.", "reviewed the revised budget."), encoding="utf-8"
        )
        page.wait_for_function(
            "document.body.innerText.includes('reviewed the revised budget.')", timeout=30_000
        )
        assert page.evaluate("window.notReloaded === undefined")  # the page was reloaded, not patched

        meeting.write_text(replace_in(meeting, "status: held", "status: hled"), encoding="utf-8")
        panel = page.locator("#minutebook-build-problems")
        panel.wait_for(timeout=30_000)
        assert panel.get_attribute("role") == "alert"
        assert "content/meetings/2022/2022-01-20-scrutiny.md:" in panel.inner_text()
        assert "did you mean 'held' or 'scheduled'?" in panel.inner_text()
        assert "reviewed the revised budget." in page.inner_text("main")  # the last good page, below
        page.screenshot(path=str(artifacts / "serve-error-panel.png"), full_page=True)

        page.click("#minutebook-build-problems a")  # the code links to its entry in the handbook
        page.wait_for_url("**/help/errors/#choice")
        assert page.locator("h3#choice").is_visible()

        page.goto(server.url + MEETING_PAGE)
        meeting.write_text(replace_in(meeting, "status: hled", "status: held"), encoding="utf-8")
        panel.wait_for(state="detached", timeout=30_000)
        page.close()


def test_the_problem_panel_is_valid_html_and_escapes_what_it_shows(basic_site, tmp_path):
    from minutebook.config import load_config
    from minutebook.diagnostics import Diagnostic, Diagnostics, Level, SourcePos
    from minutebook.pipeline import BuildOptions
    from minutebook.serve import Preview, PreviewSettings, _after_body_tag
    from tests.conftest import FIXTURES
    from tests.test_handbook import validate_html

    config_path = FIXTURES / "basic" / "site_config.yaml"
    preview = Preview(
        PreviewSettings(BuildOptions(config_path)), load_config(config_path, Diagnostics()), sys.stdout
    )
    preview.failed = True
    preview.problems = [
        Diagnostic(
            Level.ERROR,
            "yaml",
            "the YAML could not be read: <script>alert(1)</script>",
            SourcePos("content/a & b.md", 3, 4),
            "put 'text' in quotes",
        ),
        Diagnostic(
            Level.WARNING, "unused-document", "no meeting lists this document", SourcePos("content/c.md")
        ),
    ]
    panel = preview.panel()
    assert "<script>" not in panel and "&lt;script&gt;" in panel and "content/a &amp; b.md:3:4" in panel
    assert (
        'href="/archive/help/errors/#yaml"' in panel
        and 'href="/archive/help/errors/#unused-document"' in panel
    )
    page = (basic_site / "meetings/2022/2022-01-20-scrutiny/index.html").read_bytes()
    (tmp_path / "page.html").write_bytes(_after_body_tag(page, panel.encode("utf-8")))
    result = validate_html(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_failing_build_never_stops_the_preview(monkeypatch, capsys):
    """A bug or a full disk: the server keeps the last good site and says what happened."""
    import minutebook.serve
    from minutebook.config import load_config
    from minutebook.diagnostics import Diagnostics
    from minutebook.pipeline import BuildOptions
    from minutebook.serve import Preview, PreviewSettings
    from tests.conftest import FIXTURES

    def broken_build(options):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(minutebook.serve, "build", broken_build)
    config_path = FIXTURES / "basic" / "site_config.yaml"
    preview = Preview(
        PreviewSettings(BuildOptions(config_path)), load_config(config_path, Diagnostics()), sys.stdout
    )
    preview.rebuild()
    assert "OSError: [Errno 28] No space left on device" in preview.panel()
    assert "the build stopped unexpectedly" in capsys.readouterr().err
