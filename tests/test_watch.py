"""Watch mode: a rebuild on every change; a broken edit keeps the last good PDF."""

from __future__ import annotations

from pathlib import Path

from report_pdf.errors import InputError
from report_pdf.options import BuildOptions
from report_pdf.watch import changed_files, snapshot, watch


def test_changed_files_names_what_was_added_removed_or_changed(tmp_path):
    (tmp_path / "kept.md").write_text("a", encoding="utf-8")
    (tmp_path / "edited.md").write_text("a", encoding="utf-8")
    (tmp_path / "removed.md").write_text("a", encoding="utf-8")
    before = snapshot([tmp_path])
    (tmp_path / "edited.md").write_text("ab", encoding="utf-8")
    (tmp_path / "removed.md").unlink()
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "added.yaml").write_text("a", encoding="utf-8")
    assert changed_files(before, snapshot([tmp_path])) == [
        tmp_path / "edited.md", tmp_path / "removed.md", tmp_path / "sub" / "added.yaml"]
    assert changed_files(before, before) == []


def test_a_broken_edit_is_reported_the_pdf_kept_and_the_watch_goes_on(make_report, tmp_path):
    report = make_report()
    text_file = report / "report.md"
    good_text = text_file.read_text(encoding="utf-8")
    options = BuildOptions(report_folder=report, output_folder=tmp_path / "out",
                           project_folder=tmp_path)
    pdf = options.output_folder / "report.pdf"
    outcomes, noticed, pdfs = [], [], []

    def edit_after(build_number: int) -> None:
        pdfs.append(pdf.read_bytes())
        if build_number == 1:  # a figure the indicators no longer find
            text_file.write_text(good_text.replace("受理示例事项", "受理事项"), encoding="utf-8")
        elif build_number == 2:
            text_file.write_text(good_text.replace("示例开头段落", "示例开场段落"),
                                 encoding="utf-8")

    def keep_going() -> bool:
        if len(pdfs) < len(outcomes):
            edit_after(len(outcomes))
        return len(outcomes) < 3

    watch(options, lambda outcome, seconds: outcomes.append(outcome), keep_going,
          noticed.append)
    first, broken, fixed = outcomes
    assert first.check_passed and not first.up_to_date
    assert isinstance(broken, InputError)
    assert "受理示例事项" in str(broken)
    assert pdfs[1] == pdfs[0]  # the failed build wrote nothing
    assert fixed.check_passed and not fixed.up_to_date
    assert pdf.read_bytes() != pdfs[0]
    assert noticed == [[text_file], [text_file]]


def test_the_watch_command_prints_what_changed(monkeypatch, capsys, make_report, tmp_path):
    from report_pdf import cli

    report = make_report()
    calls = []

    def fake_watch(options, report_outcome, keep_going=None, noticed=None):
        calls.append(options)
        noticed([Path(report / "report.md")])

    monkeypatch.setattr("report_pdf.watch.watch", fake_watch)
    assert cli.main(["watch", str(report), "--output", "out"]) == 0
    out = capsys.readouterr().out
    assert "watching report and styles" in out
    assert "changed: report/report.md; building" in out
    assert calls[0].output_folder == Path("out")
