"""``load(reuse=...)``: a file read at one revision is taken again at another when its name
and bytes are the same (``stakes diff``), and what the checks across files find at one never
leaks into the other."""

from __future__ import annotations

from pathlib import Path

from conftest import VALID

from stakes.journey.files import load


def test_a_file_with_the_same_name_and_bytes_is_read_once(tmp_path: Path) -> None:
    base, head = tmp_path / "base", tmp_path / "head"
    for side in (base, head):
        (side / "journeys").mkdir(parents=True)
        (side / "journeys" / "billing.yaml").write_text(VALID, encoding="utf-8")
    # At the head, a file read before it holds the same journey: an error across files.
    (head / "journeys" / "a-copy.yaml").write_text(VALID, encoding="utf-8")  # read first
    reuse: dict = {}  # type: ignore[type-arg]
    first = load([str(base / "journeys")], display=base, reuse=reuse)
    assert list(reuse) == [("journeys/billing.yaml", first.files[0].digest)]
    second = load([str(head / "journeys")], display=head, reuse=reuse)
    (billing,) = [f for f in second.files if f.file == "journeys/billing.yaml"]
    assert billing is not first.files[0]  # a copy: the checks across files edit theirs
    assert billing.journey is None and billing.findings  # the duplicate, found across files
    assert first.files[0].journey is not None and first.findings == []
    assert reuse[("journeys/billing.yaml", billing.digest)][0].findings == []
    # Other bytes under the same name are read again.
    (base / "journeys" / "billing.yaml").write_text(VALID + "# changed\n", encoding="utf-8")
    third = load([str(base / "journeys")], display=base, reuse=reuse)
    assert third.files[0].journey is not first.files[0].journey
    assert len(reuse) == 3  # billing twice (two contents), the copy once
