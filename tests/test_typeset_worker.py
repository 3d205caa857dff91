"""The typesetting worker that a cold ``build`` forks: the same PDF, the same errors."""

from __future__ import annotations

import os
import signal

import pytest

from conftest import ROOT
from report_pdf.build import BuildOptions, build
from report_pdf.errors import InputError
from report_pdf.typeset_worker import TypesetWorker

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the worker is forked")


def build_with(report, output, typesetter=None):
    options = BuildOptions(report_folder=report, output_folder=output, project_folder=ROOT,
                           use_cache=False)
    return build(options, typesetter=typesetter)


def test_the_worker_writes_the_same_pdf_as_typesetting_in_process(make_report, tmp_path):
    report = make_report()
    with TypesetWorker() as worker:
        in_worker = build_with(report, tmp_path / "worker", worker)
        assert worker.answered == 1
    in_process = build_with(report, tmp_path / "here")
    assert in_worker.pdf_path.read_bytes() == in_process.pdf_path.read_bytes()
    assert in_worker.page_count == in_process.page_count
    assert in_worker.warnings == in_process.warnings == ()
    assert [stage for stage, _ in in_worker.timings] == [
        "read content", "lint", "compose lines", "charts", "HTML", "subset fonts", "layout",
        "write PDF",
        "typeset: load WeasyPrint, check glyphs", "check layout", "write files"]


def test_bad_input_found_in_the_worker_is_the_same_error(tmp_path):
    """What only the typesetter can find (here a reference to a file outside the
    report) is the same InputError whether the worker or this process typesets."""
    from report_pdf.fonts import load_fonts
    from report_pdf.typeset import typeset

    html = ('<html lang="zh-CN"><body><p>示例<img src="file:///etc/hostname" alt="x">'
            "</p></body></html>")
    fonts = load_fonts(ROOT / "fonts")
    with TypesetWorker() as worker:
        with pytest.raises(InputError) as in_worker:
            worker(html, tmp_path, fonts, {})
        assert worker.answered == 1
    with pytest.raises(InputError) as in_process:
        typeset(html, tmp_path, fonts, {})
    assert [str(problem) for problem in in_worker.value.problems] == \
        [str(problem) for problem in in_process.value.problems]
    assert "file:///etc/hostname" in str(in_worker.value.problems[0])


def test_a_worker_that_died_is_replaced_by_typesetting_in_process(make_report, tmp_path):
    report = make_report()
    worker = TypesetWorker()
    os.kill(worker.pid, signal.SIGKILL)
    os.waitpid(worker.pid, 0)
    built = build_with(report, tmp_path / "out", worker)
    assert worker.answered == 0
    assert built.check_passed and built.page_count >= 1
    assert built.pdf_path.read_bytes() == build_with(report, tmp_path / "here").pdf_path \
        .read_bytes()
    worker.close()  # closing twice, or after it died, is harmless
