"""Unrecognised handler labels are named in the warning, unless they look like names."""

from __future__ import annotations

from pathlib import Path


def test_unrecognised_handler_labels_are_named_unless_they_look_like_names(
    tmp_path: Path,
) -> None:
    # The warning said "2 label(s) not recognised" without naming them (issue #17, item 16);
    # labels are categories, but a mis-mapped column may hold names: those stay unshown.
    from stakes.evidence.log import read_log

    log = tmp_path / "log.csv"
    log.write_text(
        "contact_id,touchpoint,handled_by\nT1,a,chatbot\nT2,a,bot_v2\nT3,a,Dave Hiddenname\n",
        encoding="utf-8",
    )
    _, report = read_log(str(log))
    (problem,) = report.problems
    assert problem.describe().startswith(
        "handled_by: 2 label(s) not recognised (bot_v2, 1 other label(s), not shown) (row 2, 3)"
    )
    assert "Dave" not in problem.describe()
