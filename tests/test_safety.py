"""Bad input never damages the previous output; only the project's files are read.

Each case builds the example report once, breaks it one way, builds again
through the command line, and asserts the exit code, the message and that the
previous PDF is byte for byte what it was.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, pdf_page_texts
from report_pdf.cli import main


@dataclass(frozen=True)
class Breakage:
    name: str
    file: str  # in the report folder, or fonts/… in the project
    change: object  # (old, new) to replace, or bytes for the whole file, or None to delete
    message: str


LONG = "1" * 40
BREAKAGES = [
    Breakage("malformed YAML", "charts.yaml", ("type: bar", "type: [bar"),
             "YAML syntax error"),
    Breakage("malformed Markdown", "report.md", ("## 一、示例情况", "####### 一、示例情况"),
             "'#######' is not a known head"),
    Breakage("wrong type", "indicators.yaml", ("label: 办结示例事项", "label: {a: b}"),
             "'label' must be non-empty text, found a mapping"),
    Breakage("missing required field", "indicators.yaml", ("    unit: 件\n    preceded_by: 办结",
                                                          "    preceded_by: 办结"),
             "indicator 'completed': missing 'unit'"),
    Breakage("unknown key", "report.yaml", ("summary_table:", "summary_tabel:"),
             "unknown key 'summary_tabel'"),
    Breakage("file saved as GB18030", "report.md", "gb18030",
             "it looks saved as GBK/GB18030 (a Windows default); save it as UTF-8"),
    Breakage("empty file", "indicators.yaml", b"", "the file is empty"),
    Breakage("a negative count", "report.md", ("办结100件", "办结-100件"),
             "indicator 'completed': no figure in report/report.md matches “办结[数字]件”"),
    Breakage("a 40-digit number", "report.md", ("办结100件", f"办结{LONG}件"),
             "has 40 digits; no figure of a report has more than 15"),
    Breakage("unknown chart type", "charts.yaml", ("type: bar", "type: radar"),
             "unknown type 'radar'"),
    Breakage("chart pointing at a missing indicator", "charts.yaml",
             ("indicator: completed", "indicator: finished"),
             "no indicator 'finished' is declared in indicators.yaml"),
    Breakage("duplicate ids", "indicators.yaml", ("id: completed", "id: received"),
             "indicator id 'received' is declared twice"),
    Breakage("emoji", "report.md", ("继续做好", "继续😀做好"),
             "character “😀” (U+1F600) is not in the font FandolFang-Regular.otf"),
    Breakage("CJK extension B character", "report.md", ("继续做好", "继续\U00020000做好"),
             "character “\U00020000” (U+20000) is not in the font"),
    Breakage("a 400-letter Latin run", "report.md", ("继续做好", "继续" + "a" * 400 + "做好"),
             "(400 letters or digits, never broken inside) is 1002 mm wide, wider than its "
             "156 mm line: put spaces in it where it may break, or shorten it"),
    Breakage("a summary-table title of 3000 characters", "report.yaml",
             ("title: 示例指标一览表", "title: " + "表" * 3000),
             "report/report.yaml:3:10: the summary table's title takes 150 lines in the "
             "title's type; keep it to 3"),
    Breakage("missing font file", "fonts/FandolKai-Regular.otf", None,
             "FandolKai-Regular.otf is missing; restore it from the repository"),
    Breakage("damaged font file", "fonts/NotoSansCJKsc-Regular.otf", b"not a font",
             "NotoSansCJKsc-Regular.otf is damaged or was replaced"),
]


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    """The example report built once into out/, in a project of its own."""
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
    """A copy of the baseline to break (fonts and styles linked, not copied)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "fonts").symlink_to(ROOT / "fonts")
    (tmp_path / "styles").symlink_to(ROOT / "styles")
    shutil.copytree(baseline / "report", tmp_path / "report")
    shutil.copytree(baseline / "out", tmp_path / "out")
    return tmp_path


def apply(path: Path, change: object) -> None:
    if change is None:
        path.unlink()
    elif change == "gb18030":
        path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    elif isinstance(change, bytes):
        path.write_bytes(change)
    else:
        old, new = change
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("breakage", BREAKAGES, ids=[breakage.name for breakage in BREAKAGES])
def test_bad_input_exits_2_says_why_and_keeps_the_previous_pdf(project, capsys, breakage):
    before = (project / "out" / "report.pdf").read_bytes()
    capsys.readouterr()
    if breakage.file.startswith("fonts/"):
        (project / "fonts").unlink()
        shutil.copytree(ROOT / "fonts", project / "fonts")
        target = project / breakage.file
    else:
        target = project / "report" / breakage.file
    apply(target, breakage.change)
    assert main(["build", "report", "-o", "out"]) == 2
    err = capsys.readouterr().err
    assert breakage.message in err
    assert "Traceback" not in err
    assert err.rstrip().endswith("the output was left as it was")
    assert (project / "out" / "report.pdf").read_bytes() == before


@pytest.mark.parametrize("quirk", ["bom", "crlf"])
def test_a_byte_order_mark_and_crlf_line_ends_are_read_as_they_were_meant(project, quirk):
    before = (project / "out" / "report.pdf").read_bytes()
    for name in ("report.md", "indicators.yaml", "charts.yaml", "report.yaml"):
        path = project / "report" / name
        text = path.read_text(encoding="utf-8")
        path.write_bytes(codecs.BOM_UTF8 + text.encode() if quirk == "bom"
                         else text.replace("\n", "\r\n").encode())
    assert main(["build", "report", "-o", "out"]) == 0
    assert (project / "out" / "report.pdf").read_bytes() == before


def test_an_output_folder_that_cannot_be_written_keeps_the_previous_pdf(project, capsys):
    before = (project / "out" / "report.pdf").read_bytes()
    # A file where the charts folder should be: writing fails before the PDF,
    # which is written last. (Permissions would not stop root, who runs CI.)
    shutil.rmtree(project / "out" / "charts")
    (project / "out" / "charts").write_text("in the way")
    assert main(["build", "report", "-o", "out"]) == 2
    err = capsys.readouterr().err
    assert "cannot write the output" in err and "Traceback" not in err
    assert (project / "out" / "report.pdf").read_bytes() == before


@pytest.mark.parametrize("reference", [
    "http://example.com/seal.png",
    "https://example.com/seal.png",
    "/etc/hostname",
    "../../../etc/hostname",
])
def test_a_reference_outside_the_project_fails_and_nothing_of_it_is_used(
        project, capsys, reference):
    styles = project / "styles"
    styles.unlink()
    shutil.copytree(ROOT / "styles", styles)
    stylesheet = styles / "report.css.j2"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8")
                          + f'\nbody {{ background: url("{reference}"); }}\n',
                          encoding="utf-8")
    before = (project / "out" / "report.pdf").read_bytes()
    assert main(["build", "report", "-o", "out"]) == 2
    err = capsys.readouterr().err
    assert "was refused" in err
    assert ("hostname" in err) or ("example.com" in err)
    assert (project / "out" / "report.pdf").read_bytes() == before


def test_two_builds_of_different_reports_at_once_leave_one_whole_set(project):
    # Both build for real (--no-cache), and write at once: the folder ends with the
    # set of one of them, every file as that build's record says.
    other = project / "other"
    shutil.copytree(project / "report", other)
    text = (other / "report.md").read_text(encoding="utf-8")
    (other / "report.md").write_text(text.replace("继续做好", "继续认真做好", 1),
                                     encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    runs = [subprocess.Popen([sys.executable, "-m", "report_pdf", "build", folder, "-o", "out",
                              "--no-cache"], cwd=project, env=environment,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for folder in ("report", "other")]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err.decode()
    out = project / "out"
    record = json.loads((out / ".report_pdf-state.json").read_text(encoding="utf-8"))
    produced = {path.relative_to(out).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
                for path in out.rglob("*") if path.is_file() and not path.name.startswith(".")}
    assert produced == record["files"]  # whole files, all from the build the record is of
    html = (out / "report.html").read_text(encoding="utf-8")
    assert ("认真" in html) == ("认真" in "".join(pdf_page_texts((out / "report.pdf")
                                                                .read_bytes())))


def test_a_file_size_limit_is_one_clear_line_and_keeps_the_previous_output(project):
    # The typesetter copies every font to a temporary file: a 2 MB limit stops it.
    before = (project / "out" / "report.pdf").read_bytes()
    limit = 2 * 2**20
    run = subprocess.run(
        [sys.executable, "-m", "report_pdf", "build", "report", "-o", "out", "--no-cache"],
        cwd=project, env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True, text=True, timeout=120,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)))
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert "(File too large)" in run.stderr and "ulimit -f" in run.stderr
    assert (project / "out" / "report.pdf").read_bytes() == before
