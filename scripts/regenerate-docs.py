"""Rewrite the generated parts of the docs from the code: the marked regions of the README and
docs/*.md (formats, signals, factors, metrics ...), the rules reference, the JSON Schema and the
output of the console examples in the README and docs/evidence.md (the latter only where
the real logs it reads are present).

    python scripts/regenerate-docs.py          # rewrite what is stale, list what changed
    python scripts/regenerate-docs.py --check  # exit 1 when something is stale (the tests check
                                               # the same)
"""

from __future__ import annotations

import sys
from pathlib import Path

from console_examples import DOCUMENTS, rewrite

import calibration
from stakes.render.docs import stale_files

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    """Rewrite (or, with --check, only list) the stale files; 1 when --check finds one."""
    check = "--check" in argv
    changes = stale_files(ROOT)
    current = calibration.DOC.read_text(encoding="utf-8")
    if (table := calibration.rewrite(current)) != current:
        changes[calibration.DOC] = table
    for name, needs in DOCUMENTS.items():
        if needs is not None and not (ROOT / needs).is_dir():
            print(f"skipped: {name} (its examples read {needs}, which is absent)")
            continue
        path = ROOT / name
        text = changes.get(path, path.read_text(encoding="utf-8"))
        if (examples := rewrite(text, ROOT)) != path.read_text(encoding="utf-8"):
            changes[path] = examples
    for path, text in changes.items():
        if not check:
            path.write_text(text, encoding="utf-8")
        print(("stale: " if check else "rewrote: ") + str(path.relative_to(ROOT)))
    return 1 if changes and check else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
