"""Command line::

    python -m report_pdf build [REPORT_FOLDER] [--output FOLDER] [--plain] [--strict]
    python -m report_pdf watch [REPORT_FOLDER] [--output FOLDER]
    python -m report_pdf check FILE.pdf [--layout FILE]
    python -m report_pdf lint [REPORT_FOLDER] [--fix]
    python -m report_pdf new [YEAR]
    python -m report_pdf indicators [REPORT_FOLDER] [--suggest]

Errors the user can fix are printed one per line, ``file:line:column: what``,
with exit code 2 for bad input and 1 for output that fails its checks; never a
traceback. Heavy modules are imported only by the commands that need them, so
that an up-to-date build answers at once.
"""

from __future__ import annotations

import argparse
import dataclasses
import errno
import os
import sys
import time
from pathlib import Path

from . import interrupt
from .errors import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    InputError,
    Problem,
    ReportPdfError,
    display_path,
)
from .options import BuildOptions, BuildResult
from .project import (
    CONTENT_FOLDER,
    FONTS_FOLDER,
    FONTS_MANIFEST,
    LAYOUT_FILE,
    OUTPUT_FOLDER,
    SETTINGS_FILE,
    STYLES_FOLDER,
    TEXT_FILE,
)

FULL = (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)  # out of space, or over a limit


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    arguments = parser.parse_args(argv)
    try:
        status = arguments.run(arguments)
        sys.stdout.flush()  # here, where a closed pipe can still be answered
        interrupt.stop_if_requested()  # came where it could not be raised
        return status
    except ReportPdfError as error:
        _print_problems(error, arguments.command in ("build", "watch"))
        return error.exit_code
    except KeyboardInterrupt:  # files are replaced whole, so none is left half-written
        print("report_pdf: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except ImportError:
        if not interrupt.requested():  # (an import cut short by Ctrl+C fails so)
            raise
        print("report_pdf: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader of our output went away, e.g. `| head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    except OSError as error:  # the machine, not the content: a full disk, a limit …
        where = f" ({error.filename})" if error.filename else ""
        hint = ("free some space or raise the limit" if error.errno in FULL
                else "check that the file or folder exists and may be read and written")
        print(f"error: {error.strerror or error}{where}: {hint}, then run the command again",
              file=sys.stderr)
        return EXIT_BAD_INPUT


def _print_problems(error: ReportPdfError, builds: bool = True) -> None:
    files = {str(problem.location.file): index for index, problem in
             reversed(list(enumerate(error.problems))) if problem.location is not None}
    for problem in sorted(error.problems, key=lambda problem: _reading_order(problem, files)):
        print(f"error: {problem}", file=sys.stderr)
    left = "; the output was left as it was" if builds and error.output_left_as_it_was else ""
    print(f"report_pdf: {_count(len(error.problems), 'problem')}{left}", file=sys.stderr)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _reading_order(problem: Problem, files: dict[str, int]) -> tuple:
    """Problems by file, the files in the order their first problem was found (so a
    cause comes before what follows from it in another file), then by line and
    column; those without a place last."""
    where = problem.location
    if where is None:
        return (1, 0, 0, 0)
    return (0, files[str(where.file)], where.line or 0, where.column or 0)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m report_pdf",
        description="Build the annual 法治政府建设工作报告 into a print-ready PDF.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def report_arguments(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "report", nargs="?", type=Path,
            help=f"the report folder (default: the newest folder in {CONTENT_FOLDER}/ that "
                 f"holds a {SETTINGS_FILE})")
        command.add_argument(
            "-o", "--output", type=Path, metavar="FOLDER",
            help="where to write report.pdf, report.html and charts/ "
                 f"(default: {OUTPUT_FOLDER}/<report folder name>)")
        command.add_argument(
            "--plain", action="store_true",
            help="write a plain (tagged) PDF instead of PDF/A-3a with the indicator data "
                 "embedded")
        command.add_argument(
            "--strict", action="store_true",
            help="treat warnings (lint findings, typesetter warnings) as errors")
        command.add_argument(
            "--fonts", type=Path, metavar="FOLDER",
            help="a folder of the office's own licensed fonts, with its fonts.yaml (instead "
                 "of report.yaml's 'fonts:'); they are used, never committed")

    build_parser = commands.add_parser(
        "build", help="build a report into PDF and HTML",
        description="Build a report folder into a PDF, with the HTML it was typeset from "
                    "and the charts as SVG. Does nothing when nothing has changed.")
    report_arguments(build_parser)
    build_parser.add_argument("--no-cache", action="store_true",
                              help="build everything again, whatever has changed")
    build_parser.add_argument("--timings", action="store_true",
                              help="print the seconds each stage of the build took")
    build_parser.set_defaults(run=_run_build)

    watch_parser = commands.add_parser(
        "watch", help="build, then build again on every change",
        description="Build the report, then rebuild whenever a file under the report "
                    "folder or styles/ changes, until interrupted (Ctrl+C).")
    report_arguments(watch_parser)
    watch_parser.set_defaults(run=_run_watch)

    check_parser = commands.add_parser(
        "check", help="measure a PDF against the layout rules",
        description="Measure a PDF against the layout rules of GB/T 9704-2012 and Chinese "
                    "line layout, from the PDF alone; print one row per rule.")
    check_parser.add_argument("pdf", type=Path, metavar="FILE.pdf")
    check_parser.add_argument(
        "--layout", type=Path, metavar="FILE",
        help="the layout parameters (default: styles/layout.yaml of the project)")
    check_parser.add_argument(
        "--fonts", type=Path, metavar="FOLDER",
        help="the office's own fonts the PDF was built with, if any")
    check_parser.set_defaults(run=_run_check)

    new_parser = commands.add_parser(
        "new", help="make next year's report folder from the newest one",
        description=f"Copy the newest report folder of {CONTENT_FOLDER}/ to "
                    f"{CONTENT_FOLDER}/YEAR: last year's text stays as the draft; the years "
                    "of the titles and of the 发文字号 move on, and report.yaml's dates are "
                    "emptied for this year's. An existing folder is never written over.")
    new_parser.add_argument("year", nargs="?", type=int,
                            help="the new report's year (default: the newest folder's, plus one)")
    new_parser.set_defaults(run=_run_new)

    lint_parser = commands.add_parser(
        "lint", help="check the punctuation and structure of report.md",
        description="Report every punctuation and numbering problem of a report's text as "
                    "file:line:column: message; --fix rewrites what is safe to rewrite.")
    lint_parser.add_argument("report", nargs="?", type=Path,
                             help="the report folder (default: as for build)")
    lint_parser.add_argument("--fix", action="store_true",
                             help="rewrite the safe fixes and print their diff")
    lint_parser.set_defaults(run=_run_lint)

    indicators_parser = commands.add_parser(
        "indicators", help="list the indicators, or suggest declarations for new numbers",
        description="List the indicators the text gives (id, figure, place, label). With "
                    "--suggest, print instead a ready-to-paste indicators.yaml entry for "
                    "every number of the text that nothing accounts for yet.")
    indicators_parser.add_argument("report", nargs="?", type=Path,
                                   help="the report folder (default: as for build)")
    indicators_parser.add_argument("--suggest", action="store_true",
                                   help="print declarations for the numbers not yet accounted "
                                        "for, to review and paste into indicators.yaml")
    indicators_parser.set_defaults(run=_run_indicators)
    return parser


def default_report_folder(project: Path) -> Path:
    """The newest report of content/: report folders are named by year."""
    from .new_year import newest_report

    newest = newest_report(project / CONTENT_FOLDER)
    if newest is None:
        raise InputError(Problem(f"no report folder found in {CONTENT_FOLDER}/ (a folder "
                                 f"with a {SETTINGS_FILE}); give one: "
                                 "python -m report_pdf build content/2019"))
    return newest


def project_folder(report: Path | None) -> Path:
    """The folder holding fonts/ and styles/: the report's nearest such ancestor,
    else the working folder."""
    if report is not None:
        for folder in report.resolve().parents:
            if (folder / FONTS_FOLDER / FONTS_MANIFEST).is_file() and \
                    (folder / STYLES_FOLDER).is_dir():
                return folder
    return Path.cwd()


def _shown(path: Path) -> Path:
    return display_path(path)


def _options(arguments: argparse.Namespace) -> BuildOptions:
    project = project_folder(arguments.report)
    report = arguments.report or default_report_folder(project)
    output = arguments.output or project / OUTPUT_FOLDER / report.resolve().name
    return BuildOptions(report_folder=report, output_folder=output, project_folder=project,
                        strict=arguments.strict, archival=not arguments.plain,
                        use_cache=not getattr(arguments, "no_cache", False),
                        office_fonts=arguments.fonts.resolve() if arguments.fonts else None)


def _print_result(result: BuildResult) -> int:
    for message in result.warnings:
        print(f"warning: {message}", file=sys.stderr)
    if result.up_to_date:
        print(f"  up to date: nothing has changed since the last build "
              f"({result.seconds:.2f} s)")
    else:
        drawn = f", {len(result.charts_drawn)} drawn" if result.figure_paths else ""
        print(f"  {_count(result.page_count, 'page')}, "
              f"{_count(result.indicator_count, 'indicator')}, "
              f"{_count(len(result.figure_paths), 'chart')}{drawn} ({result.seconds:.1f} s)")
        if result.published:
            print(f"  HTML preview: {_shown(result.html_path)}")
    print(f"  PDF: {_shown(result.pdf_path)}" if result.published
          else f"  failed PDF, not published: {_shown(result.pdf_path)}")
    if result.check_passed:
        print(f"  check: all {result.rules_checked} layout rules pass "
              f"(python -m report_pdf check {_shown(result.pdf_path)})")
        return EXIT_OK
    if result.check is not None:
        print(result.check.table(), file=sys.stderr)
    failed = result.rules_checked - result.rules_passed
    print(f"report_pdf: the PDF breaks {_count(failed, 'layout rule')}; the previous output "
          f"was left as it was, and the new PDF kept for inspection as "
          f"{_shown(result.pdf_path)} (python -m report_pdf check {_shown(result.pdf_path)})",
          file=sys.stderr)
    return EXIT_FAILED


def _run_build(arguments: argparse.Namespace) -> int:
    from .options import Stopwatch, unchanged_build

    started = time.perf_counter()
    clock = Stopwatch()
    options = _options(arguments)
    print(f"report_pdf: building {_shown(options.report_folder)}")
    fingerprint = options.fingerprint()
    result = unchanged_build(options, fingerprint, started)
    clock.lap("look for changes")
    if result is None:  # only now load the builder, and the typesetter beside it
        from .typeset_worker import TypesetWorker, worth_starting

        worker = TypesetWorker() if worth_starting() else None
        from .build import build

        clock.lap("load the builder")
        try:
            result = build(options, fingerprint, typesetter=worker, stopwatch=clock)
        finally:
            if worker is not None:
                worker.close()
    status = _print_result(result)
    if arguments.timings:
        _print_timings(clock.laps, time.perf_counter() - started)
    return status


def _print_timings(laps: list[tuple[str, float]], total: float) -> None:
    width = max(len(stage) for stage, _ in laps)
    print("  seconds per stage:")
    for stage, seconds in laps:
        print(f"    {stage:<{width}}  {seconds:6.3f}")
    print(f"    {'total':<{width}}  {total:6.3f}")


def _run_watch(arguments: argparse.Namespace) -> int:
    from .watch import watch

    options = _options(arguments)
    print(f"report_pdf: watching {_shown(options.report_folder)} and "
          f"{_shown(options.styles_folder)} (Ctrl+C to stop)")

    def report(outcome, seconds: float) -> None:
        stamp = time.strftime("%H:%M:%S")
        if isinstance(outcome, ReportPdfError):
            _print_problems(outcome)
            kept = "the last good PDF is kept; " if outcome.output_left_as_it_was else ""
            print(f"[{stamp}] {kept}watching for the next change", file=sys.stderr)
        else:
            print(f"[{stamp}] built in {seconds:.2f} s")
            _print_result(outcome)
        sys.stdout.flush()

    def noticed(files: list[Path]) -> None:
        names = ", ".join(str(_shown(path)) for path in files[:3])
        more = f" and {len(files) - 3} more" if len(files) > 3 else ""
        print(f"[{time.strftime('%H:%M:%S')}] changed: {names}{more}; building")
        sys.stdout.flush()

    try:
        watch(options, report, noticed=noticed)
    except KeyboardInterrupt:
        interrupt.handled()
        print("report_pdf: stopped watching")
    return EXIT_OK


def _run_lint(arguments: argparse.Namespace) -> int:
    from .lint import lint_report
    from .options import write_atomically

    report = arguments.report or default_report_folder(project_folder(None))
    result = lint_report(report, fix=arguments.fix)
    if result.fixed_text is not None:
        write_atomically(report / TEXT_FILE, result.fixed_text.encode("utf-8"))
        print(result.diff, end="")
    for problem in result.problems:
        print(problem)
    if result.problems:
        print(f"report_pdf: {_count(len(result.problems), 'problem')} in "
              f"{_shown(report)}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _run_indicators(arguments: argparse.Namespace) -> int:
    from .content import load_report
    from .suggest import render, suggest

    report = arguments.report or default_report_folder(project_folder(None))
    if not arguments.suggest:
        for indicator in load_report(report, with_last_year=False).indicators:
            again = "".join(f", {place}" for place in indicator.repeated_at)
            print(f"{indicator.id}\t{indicator.display_value}{indicator.unit}\t"
                  f"{indicator.found_at}{again}\t{indicator.label}")
        return EXIT_OK
    suggestions, left = suggest(report)
    print(render(suggestions), end="")
    for problem in left:
        print(f"not covered by the suggestions (lines of indicators.yaml as pasted): "
              f"{problem}", file=sys.stderr)
    print(f"report_pdf: {_count(len(suggestions), 'suggestion')} for {_shown(report)}"
          + ("" if suggestions else ": every number is accounted for"), file=sys.stderr)
    return EXIT_FAILED if left else EXIT_OK


def _run_new(arguments: argparse.Namespace) -> int:
    from .new_year import new_report

    made = new_report(project_folder(None) / CONTENT_FOLDER, arguments.year)
    print(f"report_pdf: made {_shown(made.folder)} from {_shown(made.previous)}")
    print("  next, in order (see the README, 新一年的报告):")
    steps = [f"{SETTINGS_FILE}: check the titles, the 发文字号 and the years moved on"]
    if made.emptied_dates:
        steps.append(f"{SETTINGS_FILE}: fill in the {made.emptied_dates} emptied date(s)")
    steps += [f"{TEXT_FILE}: rewrite the text for this year (the build lists the paragraphs "
              "still word for word last year's)",
              "indicators.yaml: this year's figures, as the text gives them",
              f"python -m report_pdf build {_shown(made.folder)}"]
    for number, step in enumerate(steps, start=1):
        print(f"  {number}. {step}")
    return EXIT_OK


def _run_check(arguments: argparse.Namespace) -> int:
    from .check import check_pdf
    from .layout import load_layout
    from .model import Location

    layout_file = arguments.layout or Path.cwd() / STYLES_FOLDER / LAYOUT_FILE
    layout = load_layout(layout_file.parent, layout_file.name)
    fonts = None
    if arguments.fonts:  # the office's fonts are the layout's first faces where they set
        from .fonts import load_fonts
        from .layout import with_office_fonts

        fonts = load_fonts(Path.cwd() / FONTS_FOLDER, office=arguments.fonts.resolve())
        layout = with_office_fonts(layout, fonts)
    try:
        if arguments.pdf.exists() and not arguments.pdf.is_file():
            raise InputError(Problem("not a PDF file (a folder, a pipe or a device)",
                                     Location(_shown(arguments.pdf))))
        data = arguments.pdf.read_bytes()
    except OSError as error:
        raise InputError(Problem(f"cannot read the PDF ({error.strerror})",
                                 Location(_shown(arguments.pdf)))) from None
    try:
        report = check_pdf(data, layout, fonts)
    except InputError as error:  # the PDF's own problems: name the file
        raise InputError([dataclasses.replace(problem, location=Location(_shown(arguments.pdf)))
                          if problem.location is None else problem
                          for problem in error.problems]) from None
    print(report.table())
    print(f"{_shown(arguments.pdf)}: {report.page_count} pages, "
          f"{len(report.results) - len(report.failures)} of {len(report.results)} rules pass")
    return EXIT_OK if report.passed else EXIT_FAILED
