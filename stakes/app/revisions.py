"""Journeys as they are at a revision: a git commit read from git itself (its blobs, not a
checkout of the work tree), or a folder or file on disk as it is now."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory

from stakes.app.outcome import UsageError

#: The branches tried, in order, for the default base: the merge base of HEAD with the first.
DEFAULT_BRANCHES = ("origin/HEAD", "origin/main", "origin/master", "main", "master")
WORK_TREE = "the work tree"


@dataclass(frozen=True)
class Revision:
    """One side of a comparison: its name as shown, and the commit, or None for files on
    disk (the work tree, or folders given)."""

    name: str
    commit: str | None = None


def git(*args: str, cwd: Path | None = None, data: bytes | None = None) -> bytes:
    """``git args`` in ``cwd``; a UsageError with git's own message when it fails."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, input=data, capture_output=True, check=False, timeout=300
        )
    except FileNotFoundError:
        raise UsageError("git is not installed: stakes diff reads revisions with git") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {args[0]}: {said[-1] if said else 'failed'}")
    return done.stdout


def _commit(ref: str, cwd: Path) -> str | None:
    try:
        return (
            git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", cwd=cwd).decode().strip()
        )
    except UsageError:
        return None


def revision(text: str | None, *, base: bool, cwd: Path) -> Revision:
    """The revision ``text`` names: an existing folder or file (as it is now), else a git ref;
    None is the merge base with the default branch for ``base``, the work tree for the head."""
    if (text is None or text == ".") and not base:
        return Revision(WORK_TREE)  # "." names it, so that paths can follow
    if text is not None and Path(text).exists() and _commit(text, cwd) is None:
        return Revision(text)
    inside = git("rev-parse", "--is-inside-work-tree", cwd=cwd).decode().strip() == "true"
    if not inside:
        raise UsageError("not in a git repository: give two folders or files to compare")
    if text is None:
        for branch in DEFAULT_BRANCHES:
            found = _commit(branch, cwd)
            if found is not None:
                merge = git("merge-base", "HEAD", found, cwd=cwd).decode().strip()
                return Revision(f"merge-base({branch})", merge)
        raise UsageError(
            "no default branch to compare with (origin/HEAD, main or master): name the base"
        )
    found = _commit(text, cwd)
    if found is None:
        shallow = git("rev-parse", "--is-shallow-repository", cwd=cwd).decode().strip()
        hint = (
            " This is a shallow clone: fetch it (git fetch --unshallow, or git fetch origin "
            f"{text}; in GitHub Actions, actions/checkout with fetch-depth: 0)."
            if shallow == "true"
            else ""
        )
        raise UsageError(f"{text!r} is not a commit, branch or tag of this repository.{hint}")
    return Revision(text, found)


@contextmanager
def materialized(
    rev: Revision, paths: Sequence[str], cwd: Path
) -> Iterator[tuple[list[str], Path]]:
    """The paths to load for ``rev``, and the folder file names are shown relative to: on
    disk, ``paths`` and ``cwd``; at a commit, the blobs under ``paths`` written to a temporary
    folder laid out as the repository (git itself is read; the work tree is not touched)."""
    if rev.commit is None:
        yield ([rev.name] if rev.name != WORK_TREE else list(paths)), cwd
        return
    root = Path(git("rev-parse", "--show-toplevel", cwd=cwd).decode().strip())
    here = Path(os.path.relpath(cwd.resolve(), root.resolve()))
    listed = git(
        "ls-tree", "-r", "-z", "--full-name", "--name-only", rev.commit, "--", *paths, cwd=cwd
    )
    names = [n for n in listed.decode("utf-8", "surrogateescape").split("\0") if n]
    with TemporaryDirectory(prefix="stakes-diff-") as tmp:
        top = Path(tmp)
        if names:
            wanted = "".join(f"{rev.commit}:{n}\n" for n in names).encode(
                "utf-8", "surrogateescape"
            )
            blobs = git("cat-file", "--batch", cwd=root, data=wanted)
            at = 0
            for name in names:
                header_end = blobs.index(b"\n", at)
                size = int(blobs[at:header_end].split()[2])
                body = blobs[header_end + 1 : header_end + 1 + size]
                at = header_end + 1 + size + 1
                target = top / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(body)
        shown = top / here
        shown.mkdir(parents=True, exist_ok=True)
        yield [str(shown / p) for p in paths if (shown / p).exists()], shown


def file_at(rev: Revision, name: str, cwd: Path) -> bytes:
    """The bytes of the file ``name`` (relative to ``cwd``) at ``rev``: from git for a commit,
    else from disk. A UsageError when it is not there."""
    if rev.commit is None:
        try:
            return (cwd / name).read_bytes()
        except OSError as exc:
            raise UsageError(f"{name}: {exc.strerror or 'cannot be read'}") from None
    prefix = git("rev-parse", "--show-prefix", cwd=cwd).decode().strip()
    full = os.path.normpath(prefix + name).replace(os.sep, "/")
    try:
        return git("cat-file", "blob", f"{rev.commit}:{full}", cwd=cwd)
    except UsageError:
        raise UsageError(f"{name} is not in {rev.name}") from None
