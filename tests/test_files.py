"""The one atomic writer (batch/io/files.py): mode 0644 whatever the umask, nothing partial."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from ceasefire.batch.io import files


@pytest.fixture
def private_umask() -> Iterator[None]:
    """Run the test under umask 077 (new files would be 0600 without an explicit mode)."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.usefixtures("private_umask")
@pytest.mark.parametrize(
    "write",
    [
        lambda path: files.write_text(path, "a,b\n1,é\n"),
        lambda path: files.write_bytes(path, "a,b\n1,é\n".encode()),
        lambda path: files.write_with(path, lambda p: p.write_text("a,b\n1,é\n", "utf-8")),
    ],
    ids=["text", "bytes", "path writer"],
)
def test_written_files_are_0644_complete_and_leave_no_temporary(tmp_path, write):
    target = tmp_path / "table.csv"
    target.write_text("old\n")
    os.chmod(target, 0o600)
    assert write(target) == target
    assert target.read_bytes() == "a,b\n1,é\n".encode()
    assert _mode(target) == 0o644
    assert _leftovers(tmp_path) == []


@pytest.mark.usefixtures("private_umask")
def test_json_and_copies_are_0644(tmp_path):
    record = {"path": Path("x"), "name": "Kandahār"}
    files.write_json(tmp_path / "a.json", record)
    assert (tmp_path / "a.json").read_text("utf-8") == (
        '{\n  "path": "x",\n  "name": "Kandah\\u0101r"\n}\n'
    )
    files.write_json(tmp_path / "b.json", record, ensure_ascii=False)
    assert "Kandahār" in (tmp_path / "b.json").read_text("utf-8")
    (tmp_path / "sub").mkdir()
    copy = files.copy_file(tmp_path / "a.json", tmp_path / "sub")
    assert (
        copy == tmp_path / "sub" / "a.json"
        and copy.read_bytes() == (tmp_path / "a.json").read_bytes()
    )
    assert {_mode(p) for p in (tmp_path / "a.json", tmp_path / "b.json", copy)} == {0o644}


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "chart.png"
    target.write_bytes(b"old")

    def half_then_fail(path: Path) -> None:
        path.write_bytes(b"half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        files.write_with(target, half_then_fail)
    assert target.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


@pytest.mark.usefixtures("private_umask")
def test_appended_files_are_created_0644_and_existing_ones_keep_their_mode(tmp_path):
    new, old = tmp_path / "runs.csv", tmp_path / "steps.csv"
    old.write_text("header\n")
    os.chmod(old, 0o640)
    for path in (new, old):
        with files.open_append(path) as stream:
            stream.write("row,é\r\n")
    assert new.read_bytes() == "row,é\r\n".encode()
    assert old.read_bytes() == "header\nrow,é\r\n".encode()
    assert (_mode(new), _mode(old)) == (0o644, 0o640)


def test_a_staged_folder_appears_whole_or_not_at_all(tmp_path):
    out = tmp_path / "run"
    with pytest.raises(RuntimeError), files.staged_folder(out, ["a.csv", "b.csv"]) as staging:
        files.write_text(staging / "a.csv", "a\n")
        raise RuntimeError("the run failed")
    assert not out.exists() and _leftovers(tmp_path) == []
    with files.staged_folder(out, ["a.csv", "b.csv"]) as staging:
        files.write_text(staging / "a.csv", "a\n")
        files.write_text(staging / "b.csv", "b\n")
    assert sorted(p.name for p in out.iterdir()) == ["a.csv", "b.csv"]
    assert _leftovers(tmp_path) == []
