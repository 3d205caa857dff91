"""``python -m report_pdf new [YEAR]``: next year's report folder, made from the
newest one.

Last year's text stays as the draft to rewrite; what belongs to the year moves
on: the years in the title lines of report.md and report.yaml and in the
发文字号 (〔2020〕 → 〔2021〕); the dates of report.yaml (the 成文日期, the 印发日期,
the document's date) are emptied, so that the build asks for them. The folder
is made whole or not at all: it is put together beside its place and renamed
into it, and an existing folder is never written over.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, Problem, display_path
from .model import Location, Paragraph
from .project import CONTENT_FOLDER, SETTINGS_FILE, TEXT_FILE

YEAR = re.compile(r"(?<![0-9])(19[0-9]{2}|20[0-9]{2})(?![0-9])")
TITLE_LINE = re.compile(r"^(#\s.*)$", re.M)  # report.md's title lines (level 1 only)
YAML_TITLE = re.compile(r"^(\s*title:.*)$", re.M)
DOCUMENT_NUMBER_YEAR = re.compile(r"〔(19[0-9]{2}|20[0-9]{2})〕")
# report.yaml's dates: the value is emptied, a comment left in its place.
YAML_DATE = re.compile(r"^(\s*(?:date|printed_on):)[ \t]*[^#\n]*?([ \t]*#.*)?$", re.M)


@dataclass(frozen=True)
class NewReport:
    folder: Path
    previous: Path
    emptied_dates: int


def new_report(content: Path, year: int | None) -> NewReport:
    """Make ``content/<year>`` from the newest report folder of ``content``."""
    previous = newest_report(content)
    if previous is None:
        raise InputError(Problem(f"no report folder found in {CONTENT_FOLDER}/ (a folder with a "
                                 f"{SETTINGS_FILE}) to make next year's from"))
    if year is None:
        if not previous.name.isdigit():
            raise InputError(Problem(f"the newest report folder, {previous.name}, is not named "
                                     "by its year: give the year, python -m report_pdf new "
                                     "2021", Location(display_path(previous))))
        year = int(previous.name) + 1
    target = content / str(year)
    if target.exists():
        raise InputError(Problem("exists already: nothing was written. Edit it, or give "
                                 "another year", Location(display_path(target))))
    shift = year - int(previous.name) if previous.name.isdigit() else 0
    staging = Path(tempfile.mkdtemp(prefix=f".{year}-", dir=content))
    try:
        os.chmod(staging, previous.stat().st_mode & 0o7777)  # not mkdtemp's 0700
        for path in sorted(previous.iterdir()):
            if path.is_file() and not path.is_symlink():
                shutil.copy2(path, staging / path.name)
        emptied = _move_on(staging, shift, year)
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return NewReport(target, previous, emptied)


def newest_report(content: Path) -> Path | None:
    """The newest report folder of ``content``: report folders are named by year,
    and a report.yaml marks one."""
    reports = sorted(folder for folder in content.iterdir()
                     if (folder / SETTINGS_FILE).is_file()) if content.is_dir() else []
    return reports[-1] if reports else None


def _move_on(folder: Path, shift: int, year: int) -> int:
    """The years of the titles and the 发文字号 moved on by ``shift``; the dates of
    report.yaml emptied. Returns how many dates were emptied."""
    def later(match: re.Match) -> str:
        return str(int(match.group(0)) + shift)

    def in_titles(pattern: re.Pattern, text: str) -> str:
        return pattern.sub(lambda line: YEAR.sub(later, line.group(1)), text)

    text_path, settings_path = folder / TEXT_FILE, folder / SETTINGS_FILE
    if text_path.is_file():
        text = text_path.read_text(encoding="utf-8")
        text_path.write_text(in_titles(TITLE_LINE, text), encoding="utf-8")
    settings = settings_path.read_text(encoding="utf-8")
    settings = in_titles(YAML_TITLE, settings)
    settings = DOCUMENT_NUMBER_YEAR.sub(lambda match: f"〔{int(match.group(1)) + shift}〕",
                                        settings)
    settings, emptied = YAML_DATE.subn(
        lambda match: f"{match.group(1)}{match.group(2) or f'  # 填写日期，如 {year}年1月5日'}",
        settings)
    settings_path.write_text(settings, encoding="utf-8")
    return emptied


def unchanged_paragraphs(folder: Path, paragraphs: list[Paragraph]) -> list[str]:
    """Warnings for the paragraphs of this year's report.md that stand word for
    word in last year's (the folder named a year earlier, beside this one)."""
    if not folder.name.isdigit():
        return []
    previous = folder.parent / str(int(folder.name) - 1) / TEXT_FILE
    try:
        last_year = previous.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    kept = {_normalised(block) for block in re.split(r"\n\s*\n", last_year)}
    return [f"{(paragraph.run_in or paragraph.lines[0]).location}: this paragraph is word "
            "for word last year's "
            f"({display_path(previous)}): rewrite it for this year"
            for paragraph in paragraphs if _normalised(
                (paragraph.run_in.text if paragraph.run_in else "")
                + "".join(line.text for line in paragraph.lines)) in kept]


def _normalised(text: str) -> str:
    """Text without head markers and white space, to compare paragraphs."""
    return "".join("".join(line.lstrip("#").split()) for line in text.splitlines())
