"""Only the project's files are read, and editors' quirks are read as meant.

(Broken and hostile input is in tests/hostile.py; faults of the machine in
test_faults.py.)
"""

from __future__ import annotations

import codecs
import shutil

import pytest

from conftest import ROOT
from report_pdf.cli import main


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


