"""Rewrite the generated parts of the docs from the code: the marked regions of the README and
docs/*.md (formats, signals, factors, metrics ...), the rules reference, the JSON Schema and the
output of the README's console examples.

    python scripts/regenerate-docs.py          # rewrite what is stale, list what changed
    python scripts/regenerate-docs.py --check  # exit 1 when something is stale (the tests check
                                               # the same)
"""

from __future__ import annotations

import sys
from pathlib import Path

from readme_examples import rewrite

from stakes.render.docs import stale_files

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    """Rewrite (or, with --check, only list) the stale files; 1 when --check finds one."""
    check = "--check" in argv
    changes = stale_files(ROOT)
    readme = ROOT / "README.md"
    text = changes.get(readme, readme.read_text(encoding="utf-8"))
    if (examples := rewrite(text, ROOT)) != readme.read_text(encoding="utf-8"):
        changes[readme] = examples
    for path, text in changes.items():
        if not check:
            path.write_text(text, encoding="utf-8")
        print(("stale: " if check else "rewrote: ") + str(path.relative_to(ROOT)))
    return 1 if changes and check else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
