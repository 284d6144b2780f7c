"""The one metadata writer (batch/io/provenance.py): provenance first, then the command's own."""

from __future__ import annotations

import json

import pytest

from ceasefire.batch.io.provenance import DEPENDENCIES, write_metadata

PROVENANCE_KEYS = ["package", "version", "git", "python", "dependencies", "command"]


def test_record_holds_provenance_then_the_fields_in_order(tmp_path):
    path = tmp_path / "metadata.json"
    record = write_metadata(
        path, {"spec": {"reps": 2}, "root_seed": 3}, ["ceasefire", "sweep"], dependencies=["SALib"]
    )
    assert json.loads(path.read_text("utf-8")) == record
    assert list(record) == [*PROVENANCE_KEYS, "spec", "root_seed"]
    assert list(record["dependencies"]) == [*DEPENDENCIES, "SALib"]
    assert record["command"] == ["ceasefire", "sweep"] and record["package"] == "ceasefire"


def test_a_field_may_not_overwrite_provenance(tmp_path):
    with pytest.raises(ValueError, match="repeat provenance keys: command"):
        write_metadata(tmp_path / "run.json", {"command": "forged"}, [])
    assert not (tmp_path / "run.json").exists()
