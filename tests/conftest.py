"""Shared helpers: the project's paths, fixture reports, and one build of 2019."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import signal
from dataclasses import dataclass
from pathlib import Path

import pytest

from report_pdf.build import BuildOptions, BuildResult, build
from report_pdf.font_subsets import document_characters, font_subsets
from report_pdf.fonts import load_fonts
from report_pdf.layout import load_layout
from report_pdf.typeset import typeset

ROOT = Path(__file__).resolve().parents[1]
CONTENT_2019 = ROOT / "content" / "2019"
FIXTURES = ROOT / "tests" / "fixtures"
PRINT_PROFILE = load_layout(ROOT / "styles").print_profile  # the HTML's @color-profile


def pdf_page_texts(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def render(sample, html: str, figures: dict[str, bytes] | None = None) -> bytes:
    """Typeset edited HTML of a build in its output folder, where its font URLs
    resolve; ``sample``: the build and that folder; ``figures``: the charts it
    shows, by their URL in the HTML."""
    built, output = sample
    fonts = load_fonts(ROOT / "fonts")
    images = (data.decode("utf-8", "replace") for data in (figures or {}).values())
    subsets = font_subsets(fonts, document_characters(html, *images), None)
    return typeset(html, output, fonts, figures or {}, print_profile=PRINT_PROFILE,
                   font_data=subsets).pdf


def edit(html: str, old: str, new: str) -> str:
    """``html`` with ``old``, which stands in it exactly once, replaced."""
    assert html.count(old) == 1, f"{html.count(old)} × {old!r}"
    return html.replace(old, new)


def chars_of(page, text: str):
    """The characters of the first line on the page that holds ``text``."""
    lines: dict[float, list] = {}
    for char in page.chars:
        lines.setdefault(round(char.baseline, 1), []).append(char)
    for chars in lines.values():
        joined = "".join(char.text for char in sorted(chars, key=lambda char: char.x0))
        if text in joined:
            ordered = sorted(chars, key=lambda char: char.x0)
            start = joined.index(text)
            return ordered[start:start + len(text)]
    raise AssertionError(f"{text} not on page {page.number}")


def replace_in(path: Path, old: str, new: str) -> None:
    """A text file with ``old``, which must stand in it, replaced by ``new``."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def two_years(tmp_path, change: tuple[str, str] | None = None) -> Path:
    """content/2019 (the minimal example) and content/2020 made from it by ``new``,
    with one of its figures changed."""
    from report_pdf.new_year import new_report

    shutil.copytree(FIXTURES / "minimal", tmp_path / "content" / "2019")
    made = new_report(tmp_path / "content", None).folder
    if change:
        text = made / "report.md"
        text.write_text(text.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    return made


def refusal(report: Path, folder: Path, old: str, new: str, expected: str):
    """The problem, among those of loading a copy of ``report`` (into ``folder``)
    with ``old`` made ``new`` in its report.yaml, whose message holds ``expected``."""
    from report_pdf.content import load_report
    from report_pdf.errors import InputError

    shutil.copytree(report, folder)
    replace_in(folder / "report.yaml", old, new)
    with pytest.raises(InputError) as raised:
        load_report(folder)
    problems = [problem for problem in raised.value.problems if expected in problem.message]
    assert problems, [problem.message for problem in raised.value.problems]
    return problems[0]


def failing(report) -> dict[str, str]:
    """The rules a check report fails, with their details."""
    return {result.rule: " / ".join(result.details) for result in report.failures}


@dataclass
class Built:
    result: BuildResult
    pdf: bytes
    html: str
    pages: list[str]


def build_into(report_folder: Path, output_folder: Path, **options) -> Built:
    result = build(BuildOptions(report_folder=report_folder, output_folder=output_folder,
                                project_folder=ROOT, **options))
    pdf = result.pdf_path.read_bytes()  # report.failed.pdf when it broke a layout rule
    html = result.html_path.read_text(encoding="utf-8") if result.published else ""
    return Built(result, pdf, html, pdf_page_texts(pdf))


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (links not followed) by its path, to its sha256;
    a link by where it points, a folder (its name ending in /) as a folder."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = f"-> {os.readlink(path)}"
        elif path.is_dir():
            found[name + "/"] = "folder"
        elif path.is_file():
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[name] = "special"
    return found


def whole_set(output: Path) -> bool:
    """Whether the output folder holds exactly the files its build record lists,
    each as the build wrote it: one build's set, nothing torn or mixed."""
    import json

    record = json.loads((output / ".report_pdf-state.json").read_text(encoding="utf-8"))
    published = {name: digest for name, digest in tree(output).items()
                 if not name.startswith(".") and not name.endswith((".failed.pdf", "/"))}
    return published == record["files"]


@pytest.fixture
def time_bound():
    """Fail a test that runs past its bound instead of letting it hang: a guard
    against hangs, not a measure of speed (the bound is ten times a build)."""
    def give_up(signum, frame):
        raise TimeoutError("ran past its time bound: a hang")

    def start(seconds: float) -> None:
        signal.signal(signal.SIGALRM, give_up)
        signal.setitimer(signal.ITIMER_REAL, seconds)

    yield start
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)


@pytest.fixture(scope="session")
def baseline(tmp_path_factory):
    """The minimal example report built once into out/, in a project of its own."""
    from report_pdf.cli import main

    folder = tmp_path_factory.mktemp("baseline")
    (folder / "fonts").symlink_to(ROOT / "fonts")
    (folder / "styles").symlink_to(ROOT / "styles")
    shutil.copytree(FIXTURES / "minimal", folder / "report")
    previous = Path.cwd()
    os.chdir(folder)
    try:
        assert main(["build", "report", "-o", "out"]) == 0
    finally:
        os.chdir(previous)
    return folder


@pytest.fixture
def project(baseline, tmp_path, monkeypatch):
    """A copy of the baseline project to break (fonts and styles linked, not copied)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "fonts").symlink_to(ROOT / "fonts")
    (tmp_path / "styles").symlink_to(ROOT / "styles")
    for name in ("report", "out", "build"):  # build/: the baseline's cache
        shutil.copytree(baseline / name, tmp_path / name)
    return tmp_path


@pytest.fixture(scope="session")
def built_2019(tmp_path_factory) -> Built:
    """The 2019 report, built once for all the end-to-end tests."""
    return build_into(CONTENT_2019, tmp_path_factory.mktemp("build-2019"))


@pytest.fixture(scope="session")
def built_county(tmp_path_factory) -> Built:
    """The example county report to its superior (上行文), built once."""
    return build_into(FIXTURES / "county", tmp_path_factory.mktemp("build-county"))


@pytest.fixture(scope="session")
def built_issued(tmp_path_factory) -> Built:
    """The example issued document (版头, 署名, 版记), built once."""
    return build_into(FIXTURES / "issued", tmp_path_factory.mktemp("build-issued"))


@pytest.fixture(scope="session")
def layout():
    """The project's layout.yaml, read once."""
    from report_pdf.layout import load_layout

    return load_layout(ROOT / "styles")


@pytest.fixture(scope="session")
def fonts():
    """The committed fonts, read once."""
    return load_fonts(ROOT / "fonts")


@pytest.fixture(scope="session")
def built_attachments(tmp_path_factory) -> Built:
    """The example report with three attachments, the last printed apart, built once."""
    return build_into(FIXTURES / "attachments", tmp_path_factory.mktemp("build-attachments"))


@pytest.fixture(scope="session")
def built_joint(tmp_path_factory) -> Built:
    """The example joint 上行文 with two example seal images, built once."""
    return build_into(FIXTURES / "joint", tmp_path_factory.mktemp("build-joint"))


@pytest.fixture(scope="session")
def built_letter(tmp_path_factory) -> Built:
    """The example letter (信函格式), built once."""
    return build_into(FIXTURES / "letter", tmp_path_factory.mktemp("build-letter"))


@pytest.fixture(scope="session")
def built_minutes(tmp_path_factory) -> Built:
    """The example minutes (纪要格式), built once."""
    return build_into(FIXTURES / "minutes", tmp_path_factory.mktemp("build-minutes"))


@pytest.fixture(scope="session")
def built_figures(tmp_path_factory) -> Built:
    """The example report with a figure on nearly every page, built once."""
    return build_into(FIXTURES / "figures", tmp_path_factory.mktemp("build-figures"))


def sentences(report) -> list[str]:
    """Every sentence of a report's text, in order: the title, heads, and the
    sentences of the paragraphs (ended by 。！？；)."""
    import re

    from report_pdf.model import BodyTable, Heading

    found = ["".join(report.title_lines)]
    for block in report.blocks:
        if isinstance(block, Heading):
            found.append(block.text)
        elif isinstance(block, BodyTable):
            found.append(block.title)
        else:
            text = (block.run_in.text if block.run_in else "") + block.text
            found += [part for part in re.split(r"(?<=[。！？；])", text) if part]
    return found


@pytest.fixture
def make_report(tmp_path, monkeypatch):
    """A copy of the minimal example report, with some files replaced.

    The temporary folder becomes a project (the repository's fonts and styles)
    and the working folder, so messages name files as ``report/report.md``.
    """
    monkeypatch.chdir(tmp_path)
    for name in ("fonts", "styles"):
        (tmp_path / name).symlink_to(ROOT / name)

    def make(files: dict[str, str | bytes] | None = None) -> Path:
        folder = tmp_path / "report"
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(FIXTURES / "minimal", folder)
        for name, content in (files or {}).items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            (folder / name).write_bytes(data)
        return folder

    return make


def first_pages(html: str, count: int = 1) -> str:
    """A build's HTML cut after its first ``count`` pages, for a check test that
    needs only those: typesetting less keeps the suite fast."""
    body = html.index("<body>")
    at = body
    for _ in range(count):
        at = html.index(" new-page", at + 1)
    cut = html.rindex("<", 0, at)
    return html[:cut] + "</main>\n</body>\n</html>\n"


def first_page(html: str) -> str:
    """A build's HTML cut after its first page."""
    return first_pages(html, 1)
