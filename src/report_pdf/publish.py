"""Stage 7: publish a build's files as one set, or keep a failed PDF aside.

The new files are first written into a staging folder inside the output
folder. Each then replaces its old file, which is kept under a backup name
until the end; when any step fails, the files already replaced are put back,
so the folder holds the previous set or the new one, never a mixture of the
two. A lock on the folder serialises publishing, so two builds into one folder
at once leave one build's set. Files the build did not write are never
touched: a file of the previous set that this build no longer writes (a chart
taken out) is deleted only when the previous build's record lists it.

A build killed while it moves files in leaves its staging folder behind, with
the old files it had replaced; the next publish, holding the lock, puts them
back before anything else, so the set is whole again.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .content import display_path
from .errors import InputError, Problem
from .options import write_atomically

LOCK_FILE = ".report_pdf.lock"
STAGING_PREFIX = ".report_pdf-staging-"
FAILED_SUFFIX = ".failed.pdf"
JOURNAL = "names"  # in a staging folder: the files it moves in, in order
DONE = "done"  # in a staging folder: every file was moved in


def failed_name(pdf_name: str) -> str:
    """Where a PDF that fails the check is kept: report.pdf → report.failed.pdf."""
    return pdf_name.removesuffix(".pdf") + FAILED_SUFFIX


def publish(folder: Path, files: dict[str, bytes], previous: Iterable[str] = ()) -> None:
    """Replace the output set in ``folder`` with ``files`` (name → bytes, in the
    order they are to appear; the PDF and the build's record last). ``previous``:
    the names the previous build wrote, of which those not written now go."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with _locked(folder):
            _recover(folder)
            with _staging(folder) as staging:
                for name, data in files.items():
                    _write_new(staging / "new" / name, data)
                _write_new(staging / JOURNAL, "\n".join(files).encode("utf-8"))
                _move_in(folder, staging, list(files))
                _write_new(staging / DONE, b"")
            for name in set(previous) - set(files):  # under the lock: another build's
                stale = folder / name                 # set may be on its way in
                if _inside(stale, folder):
                    stale.unlink(missing_ok=True)
    except OSError as error:
        raise _cannot_write(error, folder) from None


def keep_failed(folder: Path, name: str, data: bytes) -> Path:
    """Write a PDF that failed the check beside the output, leaving the output."""
    path = folder / failed_name(name)
    try:
        write_atomically(path, data)
    except OSError as error:
        raise _cannot_write(error, folder) from None
    return path


def drop_failed(folder: Path, name: str) -> None:
    """A good build makes the last failed PDF out of date."""
    try:
        (folder / failed_name(name)).unlink(missing_ok=True)
    except OSError:
        pass


def _move_in(folder: Path, staging: Path, names: list[str]) -> None:
    """Each staged file over its old one, the old one kept until all are in;
    on failure, every file moved so far goes back."""
    moved: list[tuple[Path, Path | None]] = []  # target, its backup (None: it was new)
    try:
        for name in names:
            target = folder / name
            if not _inside(target, folder):
                raise OSError(f"{name} would be written outside the output folder")
            backup = None
            if target.is_file():
                backup = staging / "old" / name
                backup.parent.mkdir(parents=True, exist_ok=True)
                _keep(target, backup)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / "new" / name, target)
            moved.append((target, backup))
    except BaseException:
        for target, backup in reversed(moved):
            if backup is None:
                target.unlink(missing_ok=True)
            else:
                os.replace(backup, target)
        raise


def _recover(folder: Path) -> None:
    """Undo what a killed build had moved in (the lock is held: no staging folder
    but ours can be in use)."""
    for staging in folder.glob(STAGING_PREFIX + "*"):
        journal = staging / JOURNAL
        if journal.is_file() and not (staging / DONE).exists():
            for name in journal.read_text(encoding="utf-8").splitlines():
                if (staging / "new" / name).exists():
                    continue  # not moved in yet
                backup, target = staging / "old" / name, folder / name
                if backup.exists():
                    os.replace(backup, target)
                elif _inside(target, folder):
                    target.unlink(missing_ok=True)  # it was new
        shutil.rmtree(staging, ignore_errors=True)


def _keep(target: Path, backup: Path) -> None:
    """A second name for the old file (a hard link), or a copy where links fail."""
    try:
        os.link(target, backup)
    except OSError:
        shutil.copy2(target, backup)


def _write_new(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.chmod(path, 0o644)


@contextmanager
def _staging(folder: Path) -> Iterator[Path]:
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    with open(folder / LOCK_FILE, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` lies in ``folder`` once links are followed: a charts/
    that links elsewhere is not ours to write into or delete from."""
    return path.parent.resolve().is_relative_to(folder.resolve())


def _cannot_write(error: OSError, folder: Path) -> InputError:
    named = Path(error.filename) if error.filename else folder
    where = display_path(folder if STAGING_PREFIX in str(named) else named)
    reason = error.strerror or str(error)
    return InputError(Problem(
        f"cannot write the output ({reason}: {where}); the previous output was left as it "
        "was; free some space, choose another folder with --output, or fix its permissions"))
