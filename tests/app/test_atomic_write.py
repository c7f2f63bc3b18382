"""Writing an output file as a Unix tool does (issue #19, rows 8 and 9): a regular file
atomically and keeping its permissions, a new one as open() would create it, a symbolic link
through to its target, a device or a FIFO directly and never replaced; every failure one line.

No test here writes to a real device of the machine: the devices are private copies."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from conftest import VALID, invoke

from stakes.app.atomic_write import OutputError, write_atomic

pytestmark = pytest.mark.usefixtures("in_tmp")
TEXT = "✓ new content\n"


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_an_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    # The reproducer: `-o existing.md` with mode 644 came back 600.
    target = tmp_path / "existing.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o644)
    write_atomic(target, TEXT)
    assert target.read_text(encoding="utf-8") == TEXT
    assert mode(target) == 0o644
    target.chmod(0o640)
    write_atomic(target, [TEXT, TEXT])
    assert (target.read_text(encoding="utf-8"), mode(target)) == (TEXT * 2, 0o640)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
def test_a_new_file_gets_0666_less_the_umask(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "new.md", TEXT)
        with open(tmp_path / "by-open.md", "w", encoding="utf-8") as fh:
            fh.write(TEXT)
    finally:
        os.umask(old)
    assert mode(tmp_path / "new.md") == 0o666 & ~umask == mode(tmp_path / "by-open.md")


def test_the_cli_keeps_the_mode_of_an_existing_output(tmp_path: Path) -> None:
    (tmp_path / "ok.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "out.txt").write_text("old\n", encoding="utf-8")
    (tmp_path / "out.txt").chmod(0o664)
    assert invoke("lint", "ok.yaml", "-o", "out.txt", "--isolated").exit_code == 0
    assert mode(tmp_path / "out.txt") == 0o664
    assert "no findings" in (tmp_path / "out.txt").read_text(encoding="utf-8")


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    # The reproducer: `-o link.md` replaced the link with a file.
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "report.md"
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o644)
    link = tmp_path / "link.md"
    link.symlink_to(Path("real") / "report.md")
    write_atomic(link, TEXT)
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "report.md")
    assert real.read_text(encoding="utf-8") == TEXT
    assert mode(real) == 0o644
    assert leftovers(tmp_path) == leftovers(tmp_path / "real") == []


def test_a_link_to_a_missing_file_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to("target.md")
    write_atomic(link, TEXT)
    assert link.is_symlink()
    assert (tmp_path / "target.md").read_text(encoding="utf-8") == TEXT
    assert mode(tmp_path / "target.md") == 0o666 & ~_umask()


def test_a_link_into_a_missing_folder_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "link.md").symlink_to("no/such/folder/target.md")
    with pytest.raises(OutputError, match=r"^.*link\.md: cannot write: No such file"):
        write_atomic(tmp_path / "link.md", TEXT)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md"]


def test_a_symlink_to_an_input_is_still_refused(tmp_path: Path) -> None:
    (tmp_path / "j.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "link.md").symlink_to("j.yaml")
    with pytest.raises(OutputError, match="refusing to write over an input file"):
        write_atomic(tmp_path / "link.md", TEXT, inputs=["j.yaml"])
    assert (tmp_path / "j.yaml").read_text(encoding="utf-8") == VALID


def test_a_fifo_is_written_directly_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    # A reader that never blocks: were the FIFO replaced by a file, it would read nothing.
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_atomic(fifo, TEXT)
        received = os.read(reader, 65536)
    finally:
        os.close(reader)
    assert received == TEXT.encode("utf-8")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert leftovers(tmp_path) == []


def _private_null(tmp_path: Path) -> Path:
    """A character device like /dev/null, made in the test's folder (needs root)."""
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        with open(device, "w", encoding="utf-8") as fh:
            fh.write("")
    except OSError as exc:
        pytest.skip(f"cannot make a character device here: {exc.strerror}")
    return device


def test_a_character_device_is_written_and_never_replaced(tmp_path: Path) -> None:
    # The reproducer: as root, `-o /dev/null` replaced the device with a regular file.
    device = _private_null(tmp_path)
    before = os.lstat(device)
    write_atomic(device, TEXT)
    (tmp_path / "ok.yaml").write_text(VALID, encoding="utf-8")
    assert invoke("lint", "ok.yaml", "-o", str(device), "--isolated").exit_code == 0
    after = os.lstat(device)
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert leftovers(tmp_path) == []
    # ... and through a symbolic link to it.
    (tmp_path / "link").symlink_to(device)
    write_atomic(tmp_path / "link", TEXT)
    assert (tmp_path / "link").is_symlink() and stat.S_ISCHR(os.lstat(device).st_mode)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_device_that_fails_is_one_line() -> None:
    with pytest.raises(OutputError) as info:
        write_atomic("/dev/full", TEXT * 10_000)
    assert str(info.value) == "/dev/full: cannot write: No space left on device"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_closed_descriptor_is_one_line() -> None:
    closed = os.open(os.devnull, os.O_RDONLY)
    os.close(closed)  # a descriptor number that is surely not open now
    with pytest.raises(OutputError, match=rf"^/dev/fd/{closed}: cannot write: Bad file"):
        write_atomic(f"/dev/fd/{closed}", TEXT)


def test_a_descriptor_is_written_in_place(tmp_path: Path) -> None:
    # /dev/fd/N (and /dev/stdout, /dev/stderr) name this process's descriptors: written as a
    # shell's redirection would, never replaced, so an appending descriptor keeps appending.
    target = tmp_path / "log.txt"
    target.write_text("before\n", encoding="utf-8")
    fd = os.open(target, os.O_WRONLY | os.O_APPEND)
    try:
        write_atomic(f"/dev/fd/{fd}", TEXT)
    finally:
        os.close(fd)
    assert target.read_text(encoding="utf-8") == "before\n" + TEXT


def test_a_full_disk_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.md"
    target.write_text("old\n", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError) as info:
        write_atomic(target, TEXT)
    assert str(info.value) == f"{target}: cannot write: No space left on device"
    assert target.read_text(encoding="utf-8") == "old\n"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write a read-only file")
def test_a_read_only_file_is_refused_as_a_shell_would(tmp_path: Path) -> None:
    target = tmp_path / "locked.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o444)
    with pytest.raises(OutputError, match="cannot write: Permission denied"):
        write_atomic(target, TEXT)
    assert target.read_text(encoding="utf-8") == "old\n"


def test_a_nul_in_the_name_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="cannot contain a NUL"):
        write_atomic(tmp_path / "a\0b", TEXT)


def test_stdout_names_are_descriptors() -> None:
    from stakes.app.atomic_write import _descriptor

    names = ["/dev/stdin", "/dev/stdout", "/dev/stderr", "/dev/fd/7", "/proc/self/fd/9"]
    assert [_descriptor(Path(n)) for n in names] == [0, 1, 2, 7, 9]
    assert _descriptor(Path("/dev/null")) is None
    assert _descriptor(Path("stdout")) is None or Path.cwd() == Path("/dev")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
