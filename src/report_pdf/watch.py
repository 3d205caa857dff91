"""``python -m report_pdf watch``: rebuild whenever content/ or styles/ change.

The process stays warm: WeasyPrint and matplotlib stay imported, templates
compiled, font metrics loaded, the pages of the last build laid out. Files are
polled every twentieth of a second (no extra dependency, works on every file
system). A broken edit prints its problems and the watch goes on; the last
good PDF stays in place, since a failed build writes nothing. The pages are
typeset by ranges, and only the ranges an edit changed are laid out again
(see :mod:`report_pdf.typeset_ranges`); the PDF is the one a full build makes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from .errors import ReportPdfError
from .options import BuildOptions, BuildResult
from .typeset_ranges import RangeTypesetter

POLL_SECONDS = 0.05


def snapshot(folders: list[Path]) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file under the folders."""
    files = {}
    for folder in folders:
        for path in folder.rglob("*"):
            try:
                if path.is_file():
                    stat = path.stat()
                    files[str(path)] = (stat.st_size, stat.st_mtime_ns)
            except OSError:  # removed while we looked
                continue
    return files


def changed_files(before: dict[str, tuple[int, int]],
                  after: dict[str, tuple[int, int]]) -> list[Path]:
    """Files added, removed or changed between two snapshots, sorted."""
    return sorted(Path(name) for name in before.keys() | after.keys()
                  if before.get(name) != after.get(name))


def watch(options: BuildOptions, report: Callable[[BuildResult | ReportPdfError, float], None],
          keep_going: Callable[[], bool] = lambda: True,
          noticed: Callable[[list[Path]], None] = lambda files: None) -> None:
    """Build now, then after every change; ``noticed`` hears which files changed
    as soon as they are seen, ``report`` each outcome with the seconds from
    noticing the change to the PDF being written (or refused)."""
    from .build import build

    folders = [options.report_folder, options.styles_folder]
    seen = snapshot(folders)
    changed_at = time.perf_counter()
    with RangeTypesetter() as typesetter:
        while True:
            try:
                outcome: BuildResult | ReportPdfError = build(options, typesetter=typesetter)
            except ReportPdfError as error:
                outcome = error
            report(outcome, time.perf_counter() - changed_at)
            while keep_going():
                time.sleep(POLL_SECONDS)
                current = snapshot(folders)
                if current != seen:
                    changed_at = time.perf_counter()
                    noticed(changed_files(seen, current))
                    seen = current
                    break
            else:
                return
