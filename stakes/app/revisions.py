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
    #: Where a folder or file given as a revision is (its name as given is what is shown).
    at: str | None = None


def git(*args: str, cwd: Path | None = None, data: bytes | None = None) -> bytes:
    """``git args`` in ``cwd``; a UsageError with git's own message when it fails."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, input=data, capture_output=True, check=False, timeout=300
        )
    except FileNotFoundError:
        raise UsageError("git is not installed: stakes diff reads revisions with git") from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"git {args[0]} took longer than 5 minutes: stopped") from None
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
    on_disk = text is not None and (cwd / text).exists()
    if on_disk and text is not None and root_of(cwd) is not None and _commit(text, cwd):
        raise UsageError(
            f"{text!r} is both a folder or file and a git revision: write ./{text} for the "
            f"folder, or refs/heads/{text} for the branch"
        )
    if on_disk and text is not None:
        return Revision(text, at=str(cwd / text))
    if root_of(cwd) is None:
        raise UsageError(
            f"{text or 'the base'}: not a folder or file, and this is not a git repository "
            "(give two folders or files to compare, or run in a repository)"
        )
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


def root_of(cwd: Path) -> Path | None:
    """The top of the git work tree ``cwd`` is in, or None outside one."""
    try:
        return Path(git("rev-parse", "--show-toplevel", cwd=cwd).decode().strip())
    except UsageError:
        return None


def in_repository(paths: Sequence[str], root: Path, cwd: Path) -> list[str]:
    """``paths`` (absolute, or relative to ``cwd``) relative to the repository's ``root``; a
    UsageError for one outside it."""
    out = []
    for p in paths:
        full = Path(p) if Path(p).is_absolute() else cwd / p
        rel = os.path.relpath(full.resolve(), root.resolve())
        if rel == ".." or rel.startswith(".." + os.sep):
            raise UsageError(f"{p}: not in the git repository at {root}")
        out.append("." if rel == "." else Path(rel).as_posix())
    return out


def exists_at(rev: Revision, rel: str, root: Path) -> bool:
    """Whether the path ``rel`` (relative to the repository's root) is at ``rev``."""
    if rev.commit is None:
        return (root / rel).exists()
    spec = rev.commit if rel == "." else f"{rev.commit}:{rel}"
    try:
        git("cat-file", "-e", spec, cwd=root)
    except UsageError:
        return False
    return True


@contextmanager
def materialized(
    rev: Revision, paths: Sequence[str], cwd: Path
) -> Iterator[tuple[list[str], Path]]:
    """The paths to load for ``rev``, and the folder file names are shown relative to: on
    disk, ``paths`` and the repository's root (``cwd`` outside one); at a commit, the files
    under ``paths`` written to a temporary folder laid out as the repository, from git itself
    (the work tree is not touched). Only regular files are written: a symbolic link or a
    submodule is not a journey."""
    root = root_of(cwd)
    if rev.commit is None:
        given = [rev.at or rev.name] if rev.name != WORK_TREE else list(paths)
        yield [p if Path(p).is_absolute() else str(cwd / p) for p in given], root or cwd
        return
    assert root is not None  # a commit is only ever resolved inside a repository
    rels = in_repository(paths, root, cwd)
    listed = git(
        "--literal-pathspecs",
        "ls-tree",
        "-r",
        "-z",
        "--full-tree",
        rev.commit,
        "--",
        *rels,
        cwd=root,
    )
    blobs: list[tuple[str, str]] = []  # (object id, path)
    for entry in listed.decode("utf-8", "surrogateescape").split("\0"):
        if not entry:
            continue
        meta, name = entry.split("\t", 1)
        mode, kind, oid = meta.split()
        if kind == "blob" and mode in ("100644", "100755"):
            blobs.append((oid, name))
    with TemporaryDirectory(prefix="stakes-diff-") as tmp:
        top = Path(tmp)
        if blobs:
            wanted = "".join(f"{oid}\n" for oid, _ in blobs).encode()
            out = git("cat-file", "--batch", cwd=root, data=wanted)
            at = 0
            for _, name in blobs:
                header_end = out.index(b"\n", at)
                header = out[at:header_end].split()
                if len(header) != 3 or header[1] != b"blob":
                    raise UsageError(f"git cat-file: {name} could not be read at {rev.name}")
                size = int(header[2])
                target = top / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(out[header_end + 1 : header_end + 1 + size])
                at = header_end + 1 + size + 1
        yield [str(top / r) for r in rels if (top / r).exists() or r == "."], top


def file_at(rev: Revision, name: str, cwd: Path) -> bytes:
    """The bytes of the file ``name`` (relative to ``cwd``) at ``rev``: from git for a commit,
    else from disk. A UsageError when it is not there."""
    if rev.commit is None:
        try:
            return (cwd / name).read_bytes()
        except OSError as exc:
            raise UsageError(f"{name}: {exc.strerror or 'cannot be read'}") from None
    root = root_of(cwd)
    assert root is not None
    (full,) = in_repository([name], root, cwd)
    try:
        return git("cat-file", "blob", f"{rev.commit}:{full}", cwd=root)
    except UsageError:
        raise UsageError(f"{name} is not in {rev.name}") from None
