"""What the static hosts a council may publish on accept, and the built site measured against it.

A host that refuses a site does so at deploy time, far from the build and after the clerk has
gone home; measuring the site as it is written lets the build say so first, with the figures.
The limits are the hosts' own published ones (docs/deploying.md lists each with its source).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .diagnostics import Diagnostics, SourcePos

KB = 1000
MB = 1000 * KB
GB = 1000 * MB
MiB = 1024 * 1024

# Share of a limit from which the build notes that the site is getting close.
NEAR = 0.8


@dataclass(frozen=True)
class HostLimits:
    name: str  # as written in site_config.yaml
    label: str  # as the host calls itself
    max_bytes: int | None = None  # the whole published site
    max_files: int | None = None
    max_file_bytes: int | None = None  # any one file
    max_files_per_folder: int | None = None
    folders_count_as_files: bool = False  # GitLab counts every entry of the site's archive


HOSTS = {
    host.name: host
    for host in (
        # Published sites may be no larger than 1 GB; a repository refuses files over 100 MiB.
        HostLimits("github-pages", "GitHub Pages", max_bytes=1 * GB, max_file_bytes=100 * MiB),
        # GitLab.com: 1 GB a site, 200,000 entries (files, folders and links) a site.
        HostLimits(
            "gitlab-pages", "GitLab Pages", max_bytes=1 * GB, max_files=200_000, folders_count_as_files=True
        ),
        # 20,000 files a site on the Free plan, 100,000 on paid plans; 25 MiB a file.
        HostLimits(
            "cloudflare-pages", "Cloudflare Pages (Free plan)", max_files=20_000, max_file_bytes=25 * MiB
        ),
        HostLimits(
            "cloudflare-pages-paid",
            "Cloudflare Pages (paid plans)",
            max_files=100_000,
            max_file_bytes=25 * MiB,
        ),
        # No limit on files a deploy, but at most 54,000 files in any one folder.
        HostLimits("netlify", "Netlify", max_files_per_folder=54_000),
        # One upload (PUT) takes at most 5 GB; `aws s3 sync` uploads each file in one.
        HostLimits("s3", "Amazon S3", max_file_bytes=5 * GB),
        # A web server of the council's own: no limits but its disk's.
        HostLimits("own-server", "the council's own web server"),
    )
}


@dataclass(frozen=True)
class SiteSize:
    bytes: int
    files: int
    folders: int
    largest_file: tuple[str, int]  # (path, bytes)
    fullest_folder: tuple[str, int]  # (path, files directly in it)

    def describe(self) -> str:
        path, size = self.largest_file
        return f"{self.files:,} files, {human(self.bytes)}; largest file {path} ({human(size)})"


def measure(sizes: Mapping[str, int]) -> SiteSize:
    """The site's figures from its files' sizes by relative path (as the writer recorded them)."""
    per_folder: dict[str, int] = {}
    folders: set[str] = set()
    for path in sizes:
        parent = path.rpartition("/")[0]
        per_folder[parent] = per_folder.get(parent, 0) + 1
        while parent:
            folders.add(parent)
            parent = parent.rpartition("/")[0]
    largest = max(sorted(sizes.items()), key=lambda item: item[1], default=("", 0))
    fullest = max(sorted(per_folder.items()), key=lambda item: item[1], default=("", 0))
    return SiteSize(sum(sizes.values()), len(sizes), len(folders), largest, (fullest[0] or ".", fullest[1]))


def check_host(size: SiteSize, host: HostLimits, pos: SourcePos, diagnostics: Diagnostics) -> None:
    """A warning for each limit the site goes over (so `--strict` fails the build and keeps the
    last site), and for each it comes within a fifth of."""
    checks = []
    entries = size.files + size.folders if host.folders_count_as_files else size.files
    what_entries = "files and folders" if host.folders_count_as_files else "files"
    if host.max_bytes is not None:
        checks.append(
            (
                size.bytes,
                host.max_bytes,
                f"the site is {human(size.bytes)}",
                f"{human(host.max_bytes)} a site",
                _SMALLER,
            )
        )
    if host.max_files is not None:
        checks.append(
            (
                entries,
                host.max_files,
                f"the site has {entries:,} {what_entries}",
                f"{host.max_files:,} {what_entries} a site",
                _FEWER,
            )
        )
    if host.max_file_bytes is not None:
        path, largest = size.largest_file
        checks.append(
            (
                largest,
                host.max_file_bytes,
                f"the largest file, {path}, is {human(largest)}",
                f"{human(host.max_file_bytes)} a file",
                _SMALLER_FILE,
            )
        )
    if host.max_files_per_folder is not None:
        folder, count = size.fullest_folder
        checks.append(
            (
                count,
                host.max_files_per_folder,
                f"the folder {folder} has {count:,} files",
                f"{host.max_files_per_folder:,} files a folder",
                _FEWER,
            )
        )
    for value, limit, stated, allowed, hint in checks:
        if value > limit:
            message = f"{stated}: over what {host.label} accepts ({allowed}); it will refuse the site"
        elif value >= NEAR * limit:
            message = f"{stated}: {value / limit:.0%} of what {host.label} accepts ({allowed})"
        else:
            continue
        diagnostics.warning(pos, "host-limit", message, hint)


_SMALLER = "publish fewer years in this site (one site per term of council), or choose a host without this limit (docs/deploying.md lists them)"
_FEWER = "choose a host that takes more files (docs/deploying.md lists each host's limits), or publish fewer years in this site"
_SMALLER_FILE = "a paper this large is best linked from the council's document store; or choose a host without this limit (docs/deploying.md)"


def human(size: int) -> str:
    for unit, scale in (("GB", GB), ("MB", MB), ("KB", KB)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"
