"""Temporary folders of a build, named for the process that made them.

A process that ends at once (the typesetting worker, a build killed) runs no
clean-up, and what the typesetter copies there is some 64 MB a build. Each
folder's name carries its process id, so that the next build removes those
whose process is gone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PREFIX = "report_pdf-"  # then what for, the process id, and mkdtemp's letters


def prefix(kind: str) -> str:
    """The name a temporary folder of this process, for ``kind``, starts with."""
    return f"{PREFIX}{kind}-{os.getpid()}-"


@contextmanager
def temporary_files_in(folder: str) -> Iterator[None]:
    """What asks :mod:`tempfile` for a place (WeasyPrint's copies of the fonts)
    gets one inside ``folder`` meanwhile."""
    previous = tempfile.tempdir
    tempfile.tempdir = folder
    try:
        yield
    finally:
        tempfile.tempdir = previous


def remove_abandoned() -> None:
    """Remove the temporary folders of builds whose process is gone."""
    for folder in Path(tempfile.gettempdir()).glob(PREFIX + "*"):
        parts = folder.name.removeprefix(PREFIX).split("-")
        if len(parts) > 2 and parts[1].isdigit() and folder.is_dir() \
                and not folder.is_symlink() and not _running(int(parts[1])):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's
        return True
    return True


def users_temporary_folder() -> Path:
    """TMPDIR as the user set it, even inside a folder of ours."""
    folder = Path(tempfile.gettempdir())
    while folder.name.startswith(PREFIX):
        folder = folder.parent
    return folder
