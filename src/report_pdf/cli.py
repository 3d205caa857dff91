"""Command line: ``python -m report_pdf build [REPORT_FOLDER] [--output FOLDER]`` and
``python -m report_pdf check FILE.pdf``.

Errors the user can fix are printed one per line, ``file:line:column: what``,
with exit code 2 for bad input and 1 for output that fails its checks; never a
traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import BuildOptions, build, write_atomically
from .check import check_pdf
from .content import display_path
from .content.loader import SETTINGS_FILE, TEXT_FILE
from .errors import EXIT_FAILED, EXIT_OK, InputError, Problem, ReportPdfError
from .layout import LAYOUT_FILE, load_layout
from .lint import lint_report
from .model import Location

CONTENT_FOLDER = "content"
FONTS_MANIFEST = "fonts/fonts.yaml"
OUTPUT_FOLDER = "build"


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    arguments = parser.parse_args(argv)
    try:
        return arguments.run(arguments)
    except ReportPdfError as error:
        for problem in sorted(error.problems, key=_reading_order):
            print(f"error: {problem}", file=sys.stderr)
        print(f"report_pdf: {_count(len(error.problems), 'problem')}; nothing was written",
              file=sys.stderr)
        return error.exit_code


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _reading_order(problem: Problem) -> tuple:
    """Problems sorted by file, line and column; those without a place last."""
    where = problem.location
    if where is None:
        return (1, "", 0, 0)
    return (0, str(where.file), where.line or 0, where.column or 0)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m report_pdf",
        description="Build the annual 法治政府建设工作报告 into a print-ready PDF.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build_parser = commands.add_parser(
        "build", help="build a report into PDF and HTML",
        description="Build a report folder into a PDF, with the HTML it was typeset from "
                    "and the charts as SVG.")
    build_parser.add_argument(
        "report", nargs="?", type=Path,
        help=f"the report folder (default: the newest folder in {CONTENT_FOLDER}/ that "
             f"holds a {SETTINGS_FILE})")
    build_parser.add_argument(
        "-o", "--output", type=Path, metavar="FOLDER",
        help=f"where to write report.pdf, report.html and charts/ "
             f"(default: {OUTPUT_FOLDER}/<report folder name>)")
    build_parser.add_argument(
        "--plain", action="store_true",
        help="write a plain PDF instead of PDF/A-3b with the indicator data embedded")
    build_parser.add_argument(
        "--strict", action="store_true",
        help="treat warnings (lint findings, typesetter warnings) as errors")
    build_parser.set_defaults(run=_run_build)

    check_parser = commands.add_parser(
        "check", help="measure a PDF against the layout rules",
        description="Measure a PDF against the layout rules of GB/T 9704-2012 and Chinese "
                    "line layout, from the PDF alone; print one row per rule.")
    check_parser.add_argument("pdf", type=Path, metavar="FILE.pdf")
    check_parser.add_argument(
        "--layout", type=Path, metavar="FILE",
        help="the layout parameters (default: styles/layout.yaml of the project)")
    check_parser.set_defaults(run=_run_check)

    lint_parser = commands.add_parser(
        "lint", help="check the punctuation and structure of report.md",
        description="Report every punctuation and numbering problem of a report's text as "
                    "file:line:column: message; --fix rewrites what is safe to rewrite.")
    lint_parser.add_argument("report", nargs="?", type=Path,
                             help="the report folder (default: as for build)")
    lint_parser.add_argument("--fix", action="store_true",
                             help="rewrite the safe fixes and print their diff")
    lint_parser.set_defaults(run=_run_lint)
    return parser


def default_report_folder(project: Path) -> Path:
    """The newest report of content/: report folders are named by year."""
    content = project / CONTENT_FOLDER
    reports = sorted(folder for folder in content.iterdir()
                     if (folder / SETTINGS_FILE).is_file()) if content.is_dir() else []
    if not reports:
        raise InputError(Problem(f"no report folder found in {CONTENT_FOLDER}/ (a folder "
                                 f"with a {SETTINGS_FILE}); give one: "
                                 "python -m report_pdf build content/2019"))
    return reports[-1]


def project_folder(report: Path | None) -> Path:
    """The folder holding fonts/ and styles/: the report's nearest such ancestor,
    else the working folder."""
    if report is not None:
        for folder in report.resolve().parents:
            if (folder / FONTS_MANIFEST).is_file() and (folder / "styles").is_dir():
                return folder
    return Path.cwd()


def _run_build(arguments: argparse.Namespace) -> int:
    project = project_folder(arguments.report)
    report = arguments.report or default_report_folder(project)
    output = arguments.output or project / OUTPUT_FOLDER / report.resolve().name
    print(f"report_pdf: building {display_path(report)}")
    result = build(BuildOptions(report_folder=report, output_folder=output,
                                project_folder=project, strict=arguments.strict,
                                archival=not arguments.plain))
    for message in result.warnings:
        print(f"warning: {message}", file=sys.stderr)
    print(f"  {_count(result.page_count, 'page')}, "
          f"{_count(result.indicator_count, 'indicator')}, "
          f"{_count(len(result.figure_paths), 'chart')} ({result.seconds:.1f} s)")
    print(f"  HTML preview: {display_path(result.html_path)}")
    print(f"  PDF: {display_path(result.pdf_path)}")
    report = result.check
    if report.passed:
        print(f"  check: all {len(report.results)} layout rules pass "
              f"(python -m report_pdf check {display_path(result.pdf_path)})")
        return EXIT_OK
    print(report.table(), file=sys.stderr)
    print(f"report_pdf: the PDF breaks {_count(len(report.failures), 'layout rule')}; "
          "it was written for inspection", file=sys.stderr)
    return EXIT_FAILED


def _run_lint(arguments: argparse.Namespace) -> int:
    report = arguments.report or default_report_folder(project_folder(None))
    result = lint_report(report, fix=arguments.fix)
    if result.fixed_text is not None:
        write_atomically(report / TEXT_FILE, result.fixed_text.encode("utf-8"))
        print(result.diff, end="")
    for problem in result.problems:
        print(problem)
    if result.problems:
        print(f"report_pdf: {_count(len(result.problems), 'problem')} in "
              f"{display_path(report)}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _run_check(arguments: argparse.Namespace) -> int:
    layout_file = arguments.layout or Path.cwd() / "styles" / LAYOUT_FILE
    layout = load_layout(layout_file.parent, layout_file.name)
    try:
        data = arguments.pdf.read_bytes()
    except OSError as error:
        raise InputError(Problem(f"cannot read the PDF ({error.strerror})",
                                 Location(display_path(arguments.pdf)))) from None
    report = check_pdf(data, layout)
    print(report.table())
    print(f"{display_path(arguments.pdf)}: {report.page_count} pages, "
          f"{len(report.results) - len(report.failures)} of {len(report.results)} rules pass")
    return EXIT_OK if report.passed else EXIT_FAILED
