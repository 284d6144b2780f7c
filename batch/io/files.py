"""The one way the package writes a file: atomically, durably, readable by others.

Every file goes through a temporary file in the target's own folder (so the rename cannot
cross file systems), is flushed to disk (``fsync``), given mode :data:`MODE` and renamed over
the target with :func:`os.replace`. An interrupted or failed write therefore leaves either the
old file or the new one, never a partial file, and a stray temporary file at most (named
``.NAME.*.tmp``, which ``sweep --overwrite`` removes).

The mode is fixed rather than left to :func:`tempfile.mkstemp` (``0600``) or the user's
``umask``: outputs land in folders that colleagues on a shared cluster read, so every file is
``rw-r--r--`` whoever wrote it and however their shell is set up.

Writers that need a path of their own (matplotlib's ``savefig``, pandas' ``to_csv``) use
:func:`atomic_path` or :func:`write_with`; text, bytes and JSON have their own functions. A
sweep's CSV files grow by appending (:func:`open_append`): they are not rewritten, and their
commit marker is the last table written (see :mod:`ceasefire.batch.sweep.sink`).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

MODE = 0o644
"""Mode of every file the package writes (owner read-write, everyone else read)."""


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path to write ``path`` through; moved into place when the block succeeds.

    The temporary file exists (empty) when the block starts; whatever the block writes to it is
    flushed to disk, given mode :data:`MODE` and renamed to ``path``. If the block raises, the
    temporary file is removed and ``path`` is left as it was.

    Args:
        path: the file to write; its folder must exist.

    Yields:
        The temporary file's path, in ``path``'s folder.
    """
    path = Path(path)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        _commit(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _commit(temporary: Path, path: Path) -> None:
    """Flush ``temporary`` to disk, give it :data:`MODE` and rename it to ``path``."""
    descriptor = os.open(temporary, os.O_RDONLY)
    try:
        os.fsync(descriptor)
        os.fchmod(descriptor, MODE)
    finally:
        os.close(descriptor)
    os.replace(temporary, path)


def write_with(path: Path, write: Callable[[Path], object]) -> Path:
    """Write ``path`` atomically with a writer that takes a path (``figure.savefig``, ...).

    Args:
        path: the file to write.
        write: called with the temporary path; it must write the whole file there (pass the
            format explicitly: the temporary name ends in ``.tmp``).

    Returns:
        ``path``.
    """
    with atomic_path(path) as temporary:
        write(temporary)
    return Path(path)


def write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; returns ``path``."""
    return write_with(path, lambda temporary: temporary.write_bytes(data))


def write_text(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` atomically, as UTF-8 with line ends as given; returns ``path``."""
    return write_bytes(path, text.encode("utf-8"))


def json_text(record: Any, *, ensure_ascii: bool = True) -> str:
    """``record`` as the package writes JSON: indented by 2, a final line end.

    Values JSON does not know (paths, dates) are written as their ``str``.
    """
    return json.dumps(record, indent=2, default=str, ensure_ascii=ensure_ascii) + "\n"


def write_json(path: Path, record: Any, *, ensure_ascii: bool = True) -> Path:
    """Write ``record`` to ``path`` atomically as :func:`json_text`; returns ``path``."""
    return write_text(path, json_text(record, ensure_ascii=ensure_ascii))


def copy_file(source: Path, target: Path) -> Path:
    """Copy ``source`` to ``target`` (a file, or a folder to copy into) atomically."""
    source, target = Path(source), Path(target)
    if target.is_dir():
        target = target / source.name
    return write_with(target, lambda temporary: shutil.copyfile(source, temporary))


def open_append(path: Path) -> TextIO:
    """Open ``path`` to append text (UTF-8, no newline translation), creating it with :data:`MODE`.

    Appending is not atomic: the caller flushes and syncs what it writes and keeps its own
    commit marker. A file that already exists keeps its mode.
    """
    flags = os.O_WRONLY | os.O_APPEND
    try:
        descriptor = os.open(path, flags | os.O_CREAT | os.O_EXCL, MODE)
        os.fchmod(descriptor, MODE)  # os.open's mode is narrowed by the umask
    except FileExistsError:
        descriptor = os.open(path, flags)
    return open(descriptor, "a", encoding="utf-8", newline="")


@contextmanager
def staged_folder(out_dir: Path, names: Iterable[str]) -> Iterator[Path]:
    """A scratch folder beside ``out_dir`` whose files ``names`` move into it at the end.

    For a set of files that must appear together (a run's tables and ``run.json``): they are
    written into the scratch folder (with the functions above), and only when the block
    succeeds is ``out_dir`` created and each file renamed into it. The scratch folder is
    removed in any case.

    Args:
        out_dir: the destination folder (its parent is created if missing).
        names: the files the block writes into the scratch folder, all of which are moved.

    Yields:
        The scratch folder.
    """
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        yield staging
        out_dir.mkdir(exist_ok=True)
        for name in names:
            os.replace(staging / name, out_dir / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
