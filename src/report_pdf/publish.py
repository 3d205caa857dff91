"""Stage 7: publish a build's files as one set, or keep a failed PDF aside.

The new files are first written into a staging folder inside the output
folder. Each then replaces its old file, which is kept under a backup name
until the end; when any step fails, the files already replaced are put back,
so the folder holds the previous set or the new one, never a mixture of the
two. A lock on the folder serialises publishing, so two builds into one folder
at once leave one build's set. Files the build did not write are never
touched: a file of the previous set that this build no longer writes (a chart
taken out) is deleted only when the previous build's record lists it.

A build killed while it moves files in, or whose putting back fails as well,
leaves its staging folder behind with the old files it had replaced; the next
publish, holding the lock, puts them back before anything else, so the set is
whole again. Each step of putting back keeps the staging folder true to the
folder, so that an undo cut short can be finished.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from .errors import InputError, OutputNotRestored, Problem, display_path
from .options import write_atomically

LOCK_FILE = ".report_pdf.lock"
STAGING_PREFIX = ".report_pdf-staging-"
FAILED_SUFFIX = ".failed.pdf"
JOURNAL = "names"  # in a staging folder: the files it moves in, in order, with their sha256
DONE = "done"  # in a staging folder: every file was moved in


def failed_name(pdf_name: str) -> str:
    """Where a PDF that fails the check is kept: report.pdf → report.failed.pdf."""
    return pdf_name.removesuffix(".pdf") + FAILED_SUFFIX


def publish(folder: Path, files: dict[str, bytes], previous: dict[str, str] | None = None
            ) -> None:
    """Replace the output set in ``folder`` with ``files`` (name → bytes, in the
    order they are to appear; the PDF and the build's record last). ``previous``:
    what the previous build wrote (name → sha256), of which the files not written
    now go, if they are still byte for byte what it wrote."""
    made = _missing(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with _locked(folder):
            _recover(folder)
            staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))
            try:
                for name, data in files.items():
                    _write_new(staging / "new" / name, data)
                _write_new(staging / JOURNAL, "".join(
                    f"{_sha256(data)} {name}\n" for name, data in files.items()).encode("utf-8"))
                _move_in(folder, staging, list(files))
                _write_new(staging / DONE, b"")
            except BaseException as error:
                _undo_or_leave_for_the_next(folder, staging, error)
                raise
            finally:
                if not _unfinished(staging):
                    shutil.rmtree(staging, ignore_errors=True)
            for name, written in (previous or {}).items():  # under the lock: another
                if name not in files:                          # build's set may be on its
                    _delete_if_unchanged(folder / name, written, folder)  # way in
    except OSError as error:
        _remove_made(made, folder)
        raise _cannot_write(error, folder) from None


def _delete_if_unchanged(path: Path, written: str, folder: Path) -> None:
    """A file of the previous set, deleted only when it is still the regular file
    the previous build wrote: a record edited or damaged by hand deletes nothing
    of anyone else's."""
    if path.is_symlink() or not path.is_file() or not _inside(path, folder):
        return
    if _sha256(path.read_bytes()) == written:
        path.unlink(missing_ok=True)


def _missing(folder: Path) -> list[Path]:
    """The folder and those of its parents that do not exist yet, deepest first."""
    missing = []
    for parent in (folder, *folder.parents):
        try:
            if parent.exists():
                break
        except OSError:  # a name too long, say: it cannot exist
            pass
        missing.append(parent)
    return missing


def _remove_made(made: list[Path], folder: Path) -> None:
    """Folders this publish created, removed again when it failed (if empty but
    for the lock)."""
    if not made:
        return
    with suppress(OSError):
        (folder / LOCK_FILE).unlink()
    for created in made:  # deepest first
        with suppress(OSError):  # not made after all, or not empty: it stays
            created.rmdir()


def recover(folder: Path) -> None:
    """Finish what a build killed while publishing left half done, before anything
    else (a build with nothing to do would otherwise never get to it)."""
    try:
        if not folder.is_dir() or not any(folder.glob(STAGING_PREFIX + "*")):
            return
        with _locked(folder):
            _recover(folder)
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
    """Each staged file over its old one, the old one kept (linked) in the
    staging folder until all are in."""
    for name in names:
        target = folder / name
        if not _inside(target, folder):
            raise OSError(f"{name} would be written outside the output folder")
        if target.is_file():
            backup = staging / "old" / name
            backup.parent.mkdir(parents=True, exist_ok=True)
            _keep(target, backup)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / "new" / name, target)


def _undo(folder: Path, staging: Path) -> None:
    """Put back what the staging folder's journal says was moved in, newest first.

    Every step leaves the staging folder describing the folder truly: a new file
    goes back into staging/new before the old one leaves staging/old, so an undo
    cut short (a second fault, a kill) is finished by the next one and never
    deletes a file it had already restored. Only a file byte for byte as the
    journal says it was written is taken out: a journal no build wrote (or a file
    changed since) moves nothing."""
    journal = staging / JOURNAL
    if not journal.is_file() or (staging / DONE).exists():
        return
    for entry in reversed(journal.read_text(encoding="utf-8").splitlines()):
        written, _, name = entry.partition(" ")
        if not _ours(name) or not _inside(folder / name, folder):
            continue
        new, backup, target = staging / "new" / name, staging / "old" / name, folder / name
        if new.exists() and target.exists():
            continue  # never moved in: the old file is where it was
        if not new.exists():
            if not (target.is_file() and not target.is_symlink()
                    and _sha256(target.read_bytes()) == written):
                continue  # not the file this build moved in: not ours to take out
            new.parent.mkdir(parents=True, exist_ok=True)
            os.replace(target, new)  # moved in: take it out again
        if backup.exists():
            os.replace(backup, target)
    journal.unlink()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _unfinished(staging: Path) -> bool:
    """A staging folder whose undo was cut short: the next publish finishes it."""
    return (staging / JOURNAL).is_file() and not (staging / DONE).exists()


def _undo_or_leave_for_the_next(folder: Path, staging: Path, error: BaseException) -> None:
    try:
        _undo(folder, staging)
    except OSError as second:
        first = error.strerror if isinstance(error, OSError) else type(error).__name__
        raise OutputNotRestored(Problem(
            f"cannot write the output ({first}), and putting the previous output back failed "
            f"too ({second.strerror or second}: {display_path(folder)}); the next build into "
            "this folder puts it back before anything else: free some space or fix the "
            "folder's permissions, then build again")) from None


def _recover(folder: Path) -> None:
    """Undo what a killed or twice-failed build had moved in (the lock is held:
    no staging folder but ours can be in use)."""
    for staging in folder.glob(STAGING_PREFIX + "*"):
        if staging.is_symlink() or not staging.is_dir():
            continue  # not a folder a build made
        _undo(folder, staging)
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
def _locked(folder: Path) -> Iterator[None]:
    # Never through a link: a lock file linked elsewhere would open (or create)
    # a file outside the output folder.
    # Nor blocking on a pipe put in its place (with no reader, opening one fails).
    descriptor = os.open(folder / LOCK_FILE,
                         os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o644)
    with open(descriptor, "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:  # another build is publishing into this folder
            print(f"report_pdf: waiting for another build writing into {display_path(folder)}",
                  file=sys.stderr, flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _ours(name: str) -> bool:
    """A name a build writes: relative, down into the output folder only."""
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and ".." not in parts


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
