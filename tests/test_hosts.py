"""The built site measured against the limits of the host named in site_config.yaml."""

from __future__ import annotations

import re

import pytest

from minutebook.cli import main
from minutebook.diagnostics import Diagnostics, SourcePos
from minutebook.hosts import HOSTS, HostLimits, MiB, check_host, measure
from tests.conftest import build_site, copy_fixture

POS = SourcePos("site_config.yaml", 9, 9)


def messages(size, host) -> list[str]:
    diagnostics = Diagnostics()
    check_host(size, host, POS, diagnostics)
    assert all(d.code == "host-limit" and d.pos == POS and d.hint for d in diagnostics.items)
    return [d.message for d in diagnostics.items]


def test_the_site_is_measured_from_its_files():
    size = measure({"index.html": 10, "a/index.html": 30, "a/b/c.json": 5, "a/b/d.json": 7, "a/b/e.json": 1})
    assert (size.bytes, size.files, size.folders) == (53, 5, 2)
    assert size.largest_file == ("a/index.html", 30)
    assert size.fullest_folder == ("a/b", 3)
    assert size.describe() == "5 files, 53 bytes; largest file a/index.html (30 bytes)"


def test_a_site_over_a_limit_is_named_with_its_figures():
    host = HOSTS["cloudflare-pages"]
    sizes = {f"search/{n}.json": 100 for n in range(20_001)} | {"data/items.json": 30 * MiB}
    found = messages(measure(sizes), host)
    assert found == [
        "the site has 20,002 files: over what Cloudflare Pages (Free plan) accepts (20,000 files a site); it will refuse the site",
        "the largest file, data/items.json, is 31.5 MB: over what Cloudflare Pages (Free plan) accepts (26.2 MB a file); it will refuse the site",
    ]


def test_a_site_near_a_limit_is_warned_of_and_one_well_within_is_not():
    github = HOSTS["github-pages"]
    papers = {f"papers/{n}.pdf": 9_000_000 for n in range(100)}
    assert messages(measure(papers), github) == [
        "the site is 900.0 MB: 90% of what GitHub Pages accepts (1.0 GB a site)"
    ]
    assert messages(measure(dict(list(papers.items())[:50])), github) == []


def test_gitlab_counts_folders_and_netlify_counts_files_in_one_folder():
    folders = {f"meetings/{n}/index.html": 1 for n in range(100_000)}  # 100,000 files in 100,001 folders
    assert messages(measure(folders), HOSTS["gitlab-pages"]) == [
        "the site has 200,001 files and folders: over what GitLab Pages accepts (200,000 files and folders a site); it will refuse the site"
    ]
    flat = {f"search/{n}.json": 1 for n in range(54_001)}
    assert messages(measure(flat), HOSTS["netlify"]) == [
        "the folder search has 54,001 files: over what Netlify accepts (54,000 files a folder); it will refuse the site"
    ]
    assert messages(measure(flat), HOSTS["own-server"]) == []


def configure_host(config, host: str) -> None:
    text = config.read_text(encoding="utf-8").replace(
        "  municipal_year_start_month: 5\n", f"  municipal_year_start_month: 5\n  host: {host}\n"
    )
    config.write_text(text, encoding="utf-8")


def test_every_build_reports_its_size_against_the_host(tmp_path, capsys):
    config = copy_fixture("basic", tmp_path / "site")
    configure_host(config, "github-pages")
    assert main(["--config", str(config), "--out", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr().out
    assert "site: " in printed and " files, " in printed and "; largest file " in printed
    assert "within what GitHub Pages accepts" in printed


def test_a_strict_build_over_the_hosts_limits_fails_and_keeps_the_published_site(
    tmp_path, monkeypatch, capsys
):
    config = copy_fixture("basic", tmp_path / "site")
    configure_host(config, "cloudflare-pages")
    out = tmp_path / "out"
    first = build_site(config, out)
    assert not first.failed and first.size is not None and first.size.files > 20
    before = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
    # The same host, as if its limit were a handful of files: the fixture site goes over it.
    monkeypatch.setitem(
        HOSTS,
        "cloudflare-pages",
        HostLimits("cloudflare-pages", "Cloudflare Pages (Free plan)", max_files=20),
    )
    # The fixture's one warning (a reference outside the archive) would fail --strict by itself.
    meeting = config.parent / "content/meetings/2022/2022-01-20-scrutiny.md"
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace("Further to minute 12 the", "The"), encoding="utf-8"
    )

    assert main(["--config", str(config), "--out", str(out), "--strict"]) == 1
    stderr = capsys.readouterr().err
    assert re.search(
        r"site_config\.yaml:8:9: warning\[host-limit\]: the site has \d+ files: over what Cloudflare Pages \(Free plan\) accepts \(20 files a site\)",
        stderr,
    ), stderr
    assert "build failed" in stderr
    assert {path: path.read_bytes() for path in out.rglob("*") if path.is_file()} == before

    assert (
        main(["--config", str(config), "--out", str(out)]) == 0
    )  # without --strict: published, with the warning
    assert "warning[host-limit]" in capsys.readouterr().err


@pytest.mark.parametrize(
    "written, hint",
    [("github", "did you mean 'github-pages'?"), ("geocities", "use one of cloudflare-pages")],
)
def test_an_unknown_host_is_an_error_with_the_known_ones(tmp_path, capsys, written, hint):
    config = copy_fixture("basic", tmp_path / "site")
    configure_host(config, written)
    assert main(["--config", str(config), "--out", str(tmp_path / "out")]) == 1
    stderr = capsys.readouterr().err
    assert (
        f"site_config.yaml:8:9: error[host]: '{written}' is not a host this build knows the limits of"
        in stderr
    )
    assert hint in stderr
