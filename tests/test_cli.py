"""The command line, run as the README runs it: ``python -m report_pdf build``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from report_pdf.cli import main


def run(arguments: list[str], cwd: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "report_pdf", *arguments], cwd=cwd,
                          env=environment, capture_output=True, text=True, timeout=120)


@pytest.fixture
def project(tmp_path) -> Path:
    """A fresh project folder: the 2019 report, the repository's styles and fonts.
    Its content/ holds 2019 alone, whatever other years the repository holds."""
    for name in ("styles", "fonts"):
        (tmp_path / name).symlink_to(ROOT / name)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "2019").symlink_to(ROOT / "content" / "2019")
    return tmp_path


def test_build_without_arguments_builds_the_2019_report_into_build(project):
    completed = run(["build", "--timings"], project)
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    for stage in ("load the builder", "layout", "write PDF", "check layout", "total"):
        assert f"    {stage} " in completed.stdout
    assert "building content/2019" in completed.stdout
    assert "PDF: build/2019/report.pdf" in completed.stdout
    assert (project / "build/2019/report.pdf").read_bytes().startswith(b"%PDF-")
    assert (project / "build/2019/report.html").is_file()
    assert len(list((project / "build/2019/charts").glob("*.svg"))) == 5


def test_bad_input_exits_2_with_one_line_per_problem_and_no_traceback(make_report, tmp_path):
    folder = make_report({"report.md": "没有标题。\n", "charts.yaml": "charts: [\n"})
    completed = run(["build", str(folder), "--output", "out"], tmp_path)
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr
    # By file, in the order the files' first problems were found: the text's missing
    # title before the declarations that, in consequence, match nothing in it.
    assert completed.stderr.splitlines() == [
        "error: report/charts.yaml:2:1: YAML syntax error: did not find expected node content",
        "error: report/report.md:1:1: the text must begin with the title line: '# 标题'",
        "error: report/indicators.yaml:3:5: indicator 'received': no figure in "
        "report/report.md matches “受理示例事项[数字]件”; the text and this declaration "
        "must agree: correct one or the other",
        "error: report/indicators.yaml:7:5: indicator 'completed': no figure in "
        "report/report.md matches “办结[数字]件”; the text and this declaration must agree: "
        "correct one or the other",
        "report_pdf: 4 problems; the output was left as it was",
    ]
    assert not (tmp_path / "out").exists()


def test_output_option_and_report_argument(make_report, tmp_path, capsys):
    folder = make_report()
    assert main(["build", str(folder), "-o", "elsewhere"]) == 0
    assert (tmp_path / "elsewhere" / "report.pdf").is_file()
    assert "PDF: elsewhere/report.pdf" in capsys.readouterr().out


def test_failed_build_leaves_the_previous_pdf_untouched(make_report, tmp_path, capsys):
    folder = make_report()
    assert main(["build", str(folder), "-o", "out"]) == 0
    before = (tmp_path / "out" / "report.pdf").read_bytes()
    text = (folder / "report.md").read_text(encoding="utf-8")
    (folder / "report.md").write_text(text.replace("示例开头段落", "😀"), encoding="utf-8")
    assert main(["build", str(folder), "-o", "out"]) == 2
    assert (tmp_path / "out" / "report.pdf").read_bytes() == before
    assert "U+1F600" in capsys.readouterr().err


def test_an_output_folder_that_cannot_be_written_is_reported(make_report, tmp_path, capsys):
    folder = make_report()
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the output folder should be")
    assert main(["build", str(folder), "-o", "blocked/out"]) == 2
    err = capsys.readouterr().err
    assert "cannot write the output" in err and "Traceback" not in err


def test_no_report_folder_in_content_is_explained(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # no content/ here
    assert main(["build"]) == 2
    assert "no report folder found in content/" in capsys.readouterr().err


def test_ctrl_c_exits_130_without_a_traceback(monkeypatch, capsys):
    from report_pdf import cli

    def interrupted(arguments):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_run_check", interrupted)
    assert main(["check", "any.pdf"]) == 130
    assert capsys.readouterr().err == "report_pdf: interrupted\n"


def test_ctrl_c_that_cut_an_import_short_exits_130_too(monkeypatch, capsys):
    from report_pdf import cli, interrupt

    def import_cut_short(arguments):  # what an extension module raises when Ctrl+C
        raise ImportError("initialization failed")  # lands in its import

    monkeypatch.setattr(cli, "_run_check", import_cut_short)
    with pytest.raises(ImportError):  # an ImportError of its own is a bug, and shown
        main(["check", "any.pdf"])
    monkeypatch.setattr(interrupt, "_requested", True)
    assert main(["check", "any.pdf"]) == 130
    assert capsys.readouterr().err == "report_pdf: interrupted\n"


def test_ctrl_c_that_landed_where_it_could_not_be_raised_still_exits_130(monkeypatch,
                                                                        capsys):
    from types import SimpleNamespace

    from report_pdf import cli, interrupt

    monkeypatch.setattr(cli, "_run_check", lambda arguments: 0)  # the work went on
    monkeypatch.setattr(interrupt, "_requested", True)  # but Ctrl+C came, in a finaliser
    assert main(["check", "any.pdf"]) == 130
    assert capsys.readouterr().err == "report_pdf: interrupted\n"
    # Such a signal is not printed as a traceback; anything else still is.
    heard = []
    hook = interrupt._quiet_about_interruptions(heard.append)
    hook(SimpleNamespace(exc_value=KeyboardInterrupt()))
    hook(SimpleNamespace(exc_value=ValueError("a real bug")))
    assert [type(report.exc_value) for report in heard] == [ValueError]


def test_a_closed_output_pipe_is_no_traceback(built_2019):
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(
        [sys.executable, "-m", "report_pdf", "check", str(built_2019.result.pdf_path)],
        cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # as `| head -0` would
    errors = process.stderr.read().decode()
    assert process.wait(timeout=120) == 1
    assert errors == ""
