"""What a build is asked and what it answers, and the writing of its files.

Light on imports, so that the command line can tell an up-to-date build in a
few hundredths of a second without loading the typesetter.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .cache import Cache, input_fingerprint, read_regular, up_to_date
from .project import (
    CACHE_FOLDER,
    CONTENT_FILES,
    FIGURES_FOLDER,
    FONTS_FOLDER,
    HTML_NAME,
    MAX_CONTENT_BYTES,
    OUTPUT_FOLDER,
    PDF_NAME,
    SETTINGS_FILE,
    STYLES_FOLDER,
)


@dataclass(frozen=True)
class BuildOptions:
    """What to build and where; the CLI and the tests both fill this in."""

    report_folder: Path
    output_folder: Path
    project_folder: Path  # holds fonts/ and styles/
    strict: bool = False  # warnings (lint, typesetter) fail the build
    archival: bool = True  # PDF/A-3a with the indicator data; False: a plain PDF
    use_cache: bool = True  # skip unchanged work (whole builds, charts, font metrics)
    office_fonts: Path | None = None  # --fonts: the office's own fonts, over report.yaml's

    @property
    def fonts_folder(self) -> Path:
        return self.project_folder / FONTS_FOLDER

    @property
    def styles_folder(self) -> Path:
        return self.project_folder / STYLES_FOLDER

    @property
    def cache(self) -> Cache:
        return Cache(self.project_folder / OUTPUT_FOLDER / CACHE_FOLDER if self.use_cache else None)

    def office_fonts_folder(self) -> Path | None:
        """The office's own fonts: --fonts, else report.yaml's ``fonts:``."""
        if self.office_fonts is not None:
            return self.office_fonts
        named = self._named_in_settings("fonts")
        return named[0] if named else None

    def seal_images(self) -> tuple[Path, ...]:
        """The images of seals report.yaml names (``seal_image:``, one for each
        issuer of a joint document), if any."""
        return self._named_in_settings("seal_image", indented=True)

    def _named_in_settings(self, key: str, indented: bool = False) -> tuple[Path, ...]:
        """The paths report.yaml gives under ``key``, relative to the report
        folder, found without parsing the YAML (what is wrong with the file, the
        content's reader says, later)."""
        data = read_regular(self.report_folder / SETTINGS_FILE, MAX_CONTENT_BYTES)
        try:
            settings = data.decode("utf-8") if data is not None else ""
        except UnicodeDecodeError:
            return ()
        indent = "[ \t]+" if indented else ""
        named = re.findall(rf"^{indent}{key}:[ \t]*['\"]?([^'\"#\n]+?)['\"]?[ \t]*(?:#.*)?$",
                           settings, re.M)
        return tuple((self.report_folder / name).resolve() for name in named)

    def last_years_files(self) -> tuple[Path, ...]:
        """Last year's content, beside this report folder: the build compares this
        year's paragraphs with its text and shows its figures as 上年 and in charts
        of two years; each of these files (its attachments' Markdown too) can make it
        unreadable."""
        folder = self.report_folder.resolve()
        if not folder.name.isdigit():
            return ()
        previous = folder.parent / str(int(folder.name) - 1)
        others = sorted(path for path in previous.glob("*.md")
                        if path.name not in CONTENT_FILES) if previous.is_dir() else []
        return tuple(previous / name for name in CONTENT_FILES) + tuple(others)

    def fingerprint(self) -> str:
        office = self.office_fonts_folder()
        seals = self.seal_images()
        last_year = self.last_years_files()
        return input_fingerprint(self.report_folder, self.project_folder,
                                 {"strict": self.strict, "archival": self.archival,
                                  "office_fonts": str(office) if office else None,
                                  "seal_images": [str(seal) for seal in seals],
                                  "last_year": [str(path) for path in last_year]},
                                 (office,) if office else (), seals + last_year)


@dataclass(frozen=True)
class BuildResult:
    pdf_path: Path
    html_path: Path
    figure_paths: tuple[Path, ...]
    page_count: int
    indicator_count: int
    warnings: tuple[str, ...]
    rules_passed: int  # layout rules the written PDF passes, of rules_checked
    rules_checked: int
    seconds: float
    up_to_date: bool = False  # nothing had changed: nothing was done or written
    charts_drawn: tuple[str, ...] = ()  # ids of the charts drawn, not taken from the cache
    check: object = field(default=None, repr=False)  # the CheckReport, when checked now
    timings: tuple[tuple[str, float], ...] = ()  # seconds per stage, in order
    published: bool = True  # False: it broke a layout rule; pdf_path is report.failed.pdf

    @property
    def check_passed(self) -> bool:
        return self.rules_passed == self.rules_checked

    def summary(self) -> dict:
        """What an up-to-date build reports again, without building."""
        return {"pages": self.page_count, "indicators": self.indicator_count,
                "charts": len(self.figure_paths), "warnings": list(self.warnings),
                "rules_passed": self.rules_passed, "rules_checked": self.rules_checked}


class Stopwatch:
    """Seconds spent in each stage of a build, in the order they ran."""

    def __init__(self) -> None:
        self.laps: list[tuple[str, float]] = []
        self._last = time.perf_counter()

    def lap(self, stage: str, parts: tuple[tuple[str, float], ...] = ()) -> None:
        """Close the stage that has just ended; ``parts`` are laps measured inside
        it, listed on their own, the stage keeping the time they leave over."""
        now = time.perf_counter()
        self.laps.extend(parts)
        self.laps.append((stage, now - self._last - sum(seconds for _, seconds in parts)))
        self._last = now


def unchanged_build(options: BuildOptions, fingerprint: str, started: float) -> BuildResult | None:
    """The previous build's result, when its inputs and outputs are as they were.

    First, whatever the answer, what killed builds left is cleared up: a publish
    cut short in the output folder is undone, and their temporary folders go."""
    from . import scratch
    from .publish import recover

    recover(options.output_folder)
    scratch.remove_abandoned()
    state = up_to_date(options.output_folder, fingerprint) if options.use_cache else None
    if state is None:
        return None
    output = options.output_folder
    figures = tuple(output / name for name in state["files"] if name.startswith(FIGURES_FOLDER))
    return BuildResult(
        pdf_path=output / PDF_NAME, html_path=output / HTML_NAME, figure_paths=figures,
        page_count=state["pages"], indicator_count=state["indicators"],
        warnings=tuple(state["warnings"]), rules_passed=state["rules_passed"],
        rules_checked=state["rules_checked"], seconds=time.perf_counter() - started,
        up_to_date=True)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                         dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
