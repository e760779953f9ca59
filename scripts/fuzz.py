"""`make fuzz`: long random exploration of the property tests, on demand.

`make test` runs every property test with a fixed seed and replays the committed examples in
tests/hypothesis-examples/, so it gives the same result on every run. This runs the same tests
again and again with fresh seeds for as long as it is given (FUZZ_MINUTES, default 60). Every
failing example hypothesis finds is stored in tests/hypothesis-examples/ (so `make test` replays
it from then on: commit the folder) and its report is kept in test-artifacts/fuzz/; add it to the
test as an explicit @example too, so that it reads as a regression case.

    make fuzz                      # an hour
    FUZZ_MINUTES=5 make fuzz       # a quick look
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "fuzz"
SUMMARY = re.compile(r"^=*\s*(\d+ (?:passed|failed|error).*?) in [\d.]+s")
FAILED = re.compile(r"^FAILED (\S+)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--minutes",
        type=float,
        default=float(os.environ.get("FUZZ_MINUTES", "60")),
        help="how long to explore (default 60)",
    )
    parser.add_argument("tests", nargs="*", default=["tests"], help="test files or folders (default: all)")
    args = parser.parse_args()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + args.minutes * 60
    env = dict(os.environ, MINUTEBOOK_HYPOTHESIS_PROFILE="fuzz")
    rounds, failures = 0, {}
    while time.monotonic() < deadline:
        rounds += 1
        seed = random.SystemRandom().randrange(2**32)
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-m",
            "property",
            "-q",
            "-p",
            "no:cacheprovider",
            f"--hypothesis-seed={seed}",
            *args.tests,
        ]
        started = time.monotonic()
        run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        output = run.stdout + run.stderr
        summary = next(
            (m.group(1) for line in output.splitlines() if (m := SUMMARY.match(line))),
            f"exit {run.returncode}",
        )
        print(f"round {rounds}: seed {seed}, {summary} ({time.monotonic() - started:.0f} s)", flush=True)
        if run.returncode != 0:  # 5 is pytest's 'no test ran': a fuzz that explores nothing is a failure too
            log = ARTIFACTS / f"round-{rounds}-seed-{seed}.log"
            log.write_text(output, encoding="utf-8")
            for line in output.splitlines():
                if match := FAILED.match(line):
                    failures.setdefault(match.group(1), []).append(log)
            if not failures:
                failures.setdefault(f"the run itself (exit {run.returncode})", []).append(log)
    print(f"\nfuzz: {rounds} rounds in {args.minutes:g} minutes; {len(failures)} failing test(s)")
    for test, logs in sorted(failures.items()):
        print(f"  {test}: failed in {len(logs)} round(s); first report: {logs[0].relative_to(ROOT)}")
    if failures:
        print(
            "Each failing example is now in tests/hypothesis-examples/ (make test replays it): fix it, add it to the test as an\n"
            "explicit @example, and commit both."
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
