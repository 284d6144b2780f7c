"""The sdist and wheel carry everything a user needs: build them, install the wheel, run it."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """The sdist, and a wheel built from it (which checks that the sdist is complete)."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        text=True,
    )
    return out


def test_sdist_and_wheel_are_built(dist):
    assert len(list(dist.glob("ceasefire-*.tar.gz"))) == 1
    assert len(list(dist.glob("ceasefire-*.whl"))) == 1


def test_the_wheel_ships_the_district_tables_with_their_licence(dist):
    wheel = next(dist.glob("ceasefire-*.whl"))
    shipped = set(zipfile.ZipFile(wheel).namelist())
    data = "ceasefire/model/data/"
    for name in (
        "districts.csv",
        "district_cells_fine.csv",
        "district_cells_coarse.csv",
        "districts.LICENSE.md",
        "districts.PROVENANCE.md",
    ):
        assert data + name in shipped


def test_the_wheel_runs_in_a_fresh_venv(dist, tmp_path):
    """Install the wheel (not the checkout) into a new venv and run ``ceasefire run`` from it.

    The dependencies are the ones already installed for the tests (a ``.pth`` file points the
    new venv at their folder, whose own ``.pth`` files, among them the editable install of this
    checkout, are not read), so the test checks the wheel's own contents: modules, the packaged
    map and presets, the entry point.
    """
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    wheel = next(dist.glob("ceasefire-*.whl"))
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
    )
    where = subprocess.run(
        [python, "-c", "import ceasefire.model as m; print(m.__file__)"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert str(env_dir) in where  # the wheel's copy, not this checkout
    out = tmp_path / "run"
    result = subprocess.run(
        [env_dir / "bin" / "ceasefire", "run", "--steps", "2", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert (out / "steps.csv").read_text().count("\n") == 3  # header and two weeks
    assert (out / "datapackage.json").exists()
    assert "AF-" in (out / "events.csv").read_text()  # district ids read from the packaged tables
