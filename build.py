#!/usr/bin/env python3
"""Build the council meetings archive.

    python build.py                    build content/ into _site/
    python build.py check              check the content without writing anything
    python build.py --help             every option

Exit codes: 0 success, 1 content errors, 2 wrong usage.
"""

from __future__ import annotations

import sys

from minutebook.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
