"""The golden set: small runs of every subcommand whose CSVs must not change by accident.

``tests/test_golden.py`` runs these commands in a scratch folder and compares the SHA-256 of every
CSV they write with ``checksums.json``. A refactoring must leave them byte-identical. When the
model or an output changes *on purpose*, refresh the checksums and commit them with the change::

    .venv/bin/python tests/golden/golden_commands.py --refresh

and say in the commit message why the numbers moved.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

CHECKSUMS = Path(__file__).with_name("checksums.json")

SPEC = """\
steps = 20
reps = 2
seed = 3
outputs = ["steps", "events", "cells"]

[vary]
fatf_offer = [0.0, 1.0]

[set]
map = "coarse"
"""

#: Each command is run in the scratch folder, in this order (plot and analyze read the sweeps).
COMMANDS: tuple[tuple[str, ...], ...] = (
    ("run", "--steps", "30", "--seed", "7", "--out", "run"),
    (
        "run",
        "--scenario",
        "stay",
        "--set",
        "map=coarse",
        "--steps",
        "40",
        "--seed",
        "11",
        "--out",
        "run_stay",
    ),
    ("sweep", "spec.toml", "--workers", "2", "--out", "sweep"),
    (
        "sweep",
        "--design",
        "sobol",
        "--samples",
        "4",
        "--vary",
        "fatf_offer=0:1",
        "--vary",
        "sst_threat=0:1",
        "--set",
        "map=coarse",
        "--steps",
        "12",
        "--reps",
        "1",
        "--workers",
        "2",
        "--out",
        "sobol",
    ),
    ("plot", "sweep"),
    ("analyze", "sobol", "--method", "sobol"),
    (
        "compare",
        "--scenarios",
        "status_quo,conditional_engagement",
        "--set",
        "map=coarse",
        "--reps",
        "2",
        "--steps",
        "52",
        "--seed",
        "5",
        "--workers",
        "2",
        "--out",
        "compare",
    ),
    (
        "ablate",
        "--mechanisms",
        "sanctuary_recovery",
        "--set",
        "map=coarse",
        "--reps",
        "2",
        "--steps",
        "26",
        "--seed",
        "9",
        "--workers",
        "2",
        "--out",
        "ablate",
    ),
    (
        "validate",
        "--reps",
        "2",
        "--steps",
        "52",
        "--season-steps",
        "104",
        "--sobol-samples",
        "2",
        "--workers",
        "2",
        "--out",
        "validate",
        "--report",
        "validate.md",
    ),
)


def run_all(folder: Path, umask: int = -1) -> dict[str, str]:
    """Run every golden command in ``folder`` and return the checksum of each CSV written.

    Args:
        folder: An empty scratch folder.
        umask: the commands' file-creation mask (``-1``: this process's); the outputs must
            not depend on it (``tests/test_golden.py`` runs them under ``0o077``).

    Returns:
        SHA-256 hex digests keyed by the CSV's path relative to ``folder`` (POSIX form).
    """
    (folder / "spec.toml").write_text(SPEC, encoding="utf-8")
    for command in COMMANDS:
        subprocess.run(
            [str(Path(sys.executable).with_name("ceasefire")), *command],
            cwd=folder,
            check=True,
            capture_output=True,
            umask=umask,
        )
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*.csv"))
    }


def main() -> None:
    """Print the golden checksums, or write them to ``checksums.json`` with ``--refresh``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--refresh", action="store_true", help="rewrite checksums.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        checksums = run_all(Path(scratch))
    text = json.dumps(checksums, indent=1, sort_keys=True) + "\n"
    if args.refresh:
        CHECKSUMS.write_text(text, encoding="utf-8")
        print(f"wrote {len(checksums)} checksums to {CHECKSUMS}")
    else:
        print(text, end="")


if __name__ == "__main__":
    main()
