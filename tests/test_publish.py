"""Stage 7: the output set is published whole or not at all, and a PDF that
fails the check never replaces the last good one."""

from __future__ import annotations

import dataclasses
import errno
import fcntl
import hashlib
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT
from report_pdf import build as build_module
from report_pdf import publish as publish_module
from report_pdf.build import BuildOptions, build
from report_pdf.cache import STATE_FILE, saved_state
from report_pdf.check.context import RuleResult
from report_pdf.cli import main
from report_pdf.errors import InputError, OutputNotRestored
from report_pdf.publish import keep_failed, publish

OLD = {"report.html": b"old html", "charts/a.svg": b"old a", "report.pdf": b"old pdf"}


def written(files: dict[str, bytes]) -> dict[str, str]:
    """What a build record says of ``files``: name → sha256."""
    return {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}


def contents(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` but the lock, by its path inside it."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*"))
            if path.is_file() and path.name != publish_module.LOCK_FILE}


def test_a_new_set_replaces_the_old_and_only_files_of_the_old_set_go(tmp_path):
    publish(tmp_path, OLD)
    (tmp_path / "charts" / "mine.svg").write_bytes(b"the user's own")
    publish(tmp_path, {"report.html": b"new html", "charts/b.svg": b"new b",
                       "report.pdf": b"new pdf"}, previous=written(OLD))
    assert contents(tmp_path) == {"report.html": b"new html", "charts/b.svg": b"new b",
                                  "charts/mine.svg": b"the user's own",
                                  "report.pdf": b"new pdf"}
    assert not [path for path in tmp_path.iterdir()
                if path.name.startswith(publish_module.STAGING_PREFIX)]


def replace_failing_on(*failing: int):
    """os.replace, failing as a broken disk would on the calls numbered ``failing``."""
    real_replace, calls = os.replace, []

    def replace(source, target):
        calls.append(target)
        if len(calls) in failing:
            raise OSError(errno.EIO, "Input/output error", str(target))
        return real_replace(source, target)

    return replace


def test_a_publish_that_fails_halfway_puts_the_old_set_back(tmp_path, monkeypatch):
    publish(tmp_path, OLD)
    # two files of the new set are in: the PDF fails
    monkeypatch.setattr(publish_module.os, "replace", replace_failing_on(3))
    with pytest.raises(InputError, match="the previous output was left as it was"):
        publish(tmp_path, {"report.html": b"new", "charts/b.svg": b"new b",
                           "report.pdf": b"new pdf"}, previous=written(OLD))
    monkeypatch.undo()
    assert contents(tmp_path) == OLD


def test_a_full_disk_while_staging_changes_nothing(tmp_path, monkeypatch):
    publish(tmp_path, OLD)

    def no_space(path, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(publish_module, "_write_new", no_space)
    with pytest.raises(InputError) as raised:
        publish(tmp_path, {"report.pdf": b"new pdf"}, previous=written(OLD))
    message = str(raised.value)
    assert "No space left on device" in message and publish_module.STAGING_PREFIX not in message
    assert contents(tmp_path) == OLD


def test_a_charts_folder_that_links_elsewhere_is_neither_written_nor_emptied(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a.svg").write_bytes(b"not ours")
    output = tmp_path / "out"
    output.mkdir()
    (output / "charts").symlink_to(elsewhere)
    with pytest.raises(InputError, match="outside the output folder"):
        publish(output, {"charts/a.svg": b"new", "report.pdf": b"pdf"})
    publish(output, {"report.pdf": b"pdf"}, previous=written({"charts/a.svg": b"not ours"}))
    assert (elsewhere / "a.svg").read_bytes() == b"not ours"


def test_a_failed_pdf_is_kept_beside_the_output(tmp_path):
    publish(tmp_path, OLD)
    path = keep_failed(tmp_path, "report.pdf", b"bad pdf")
    assert path == tmp_path / "report.failed.pdf"
    assert contents(tmp_path) == {**OLD, "report.failed.pdf": b"bad pdf"}


@pytest.mark.parametrize("state", [b"null", b"[1, 2]", b"{\"files\": [\"a\"]}", b"\xff\xfe",
                                   b"{\"files\": {\"../../etc/passwd\": \"x\"}}"])
def test_a_damaged_build_record_is_no_record(tmp_path, state):
    (tmp_path / STATE_FILE).write_bytes(state)
    assert saved_state(tmp_path) is None


def failing_check(real):
    """The real check, with one rule made to fail."""
    def check(*args, **kwargs):
        report = real(*args, **kwargs)
        return dataclasses.replace(report, results=report.results + (
            RuleResult("a rule made to fail", "1", "0", False, ("page 1: made to fail",)),))
    return check


def test_a_build_that_fails_the_check_leaves_the_last_good_output(make_report, tmp_path,
                                                                   monkeypatch, capsys):
    report = make_report()
    output = tmp_path / "out"
    options = BuildOptions(report_folder=report, output_folder=output, project_folder=ROOT)
    good = build(options)
    assert good.published and good.check_passed
    before = contents(output)

    make_report({"report.md": (report / "report.md").read_text(encoding="utf-8")
                 .replace("示例", "样例", 1)})
    monkeypatch.setattr(build_module, "check_pdf", failing_check(build_module.check_pdf))
    assert main(["build", str(report), "-o", str(output)]) == 1
    err = capsys.readouterr().err
    assert "the previous output was left as it was" in err and "report.failed.pdf" in err
    after = contents(output)
    failed = after.pop("report.failed.pdf")
    assert after == before
    assert failed.startswith(b"%PDF-") and failed != before["report.pdf"]

    monkeypatch.undo()
    again = build(options)  # fixed: published, and the failed PDF goes
    assert again.published and not (output / "report.failed.pdf").exists()


KILLED_WHILE_MOVING = """
import os, sys
from pathlib import Path
from report_pdf import publish

real_replace, moved = os.replace, []

def replace_then_die(source, target):
    moved.append(target)
    if len(moved) == 3:  # two files of the new set are in
        os._exit(9)  # as kill -9: no clean-up runs
    real_replace(source, target)

publish.os.replace = replace_then_die
publish.publish(Path(sys.argv[1]), {"report.html": b"new", "charts/b.svg": b"new b",
                                    "report.pdf": b"new pdf"})
"""


def test_a_build_killed_while_moving_files_in_is_undone_by_the_next(tmp_path):
    publish(tmp_path, OLD)
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    killed = subprocess.run([sys.executable, "-c", KILLED_WHILE_MOVING, str(tmp_path)],
                            env=environment, timeout=60)
    assert killed.returncode == 9
    assert contents(tmp_path)["report.html"] == b"new"  # a mixture, for now
    publish(tmp_path, {"report.pdf": b"next pdf"}, previous=written(OLD))
    assert contents(tmp_path) == {"report.pdf": b"next pdf"}  # old set back, then replaced


def test_a_second_fault_while_putting_back_is_finished_by_the_next_publish(tmp_path,
                                                                           monkeypatch):
    publish(tmp_path, OLD)
    # 1-2: html and chart in; 3: the PDF fails. Undone newest first (the PDF's old
    # file never left): 4-5 the chart out and its old one back, 6 the html out, 7:
    # its old one fails to come back.
    monkeypatch.setattr(publish_module.os, "replace", replace_failing_on(3, 7))
    with pytest.raises(OutputNotRestored, match="the next build into this folder puts it back"):
        publish(tmp_path, {"report.html": b"new", "charts/a.svg": b"new a",
                           "report.pdf": b"new pdf"}, previous=written(OLD))
    monkeypatch.undo()
    halfway = contents(tmp_path)
    assert "report.html" not in halfway and halfway["charts/a.svg"] == b"old a"
    publish(tmp_path, {"report.pdf": b"next"}, previous=written({"report.pdf": b"new pdf"}))
    assert contents(tmp_path) == {**OLD, "report.pdf": b"next"}


def test_a_record_listing_files_the_build_did_not_write_deletes_none_of_them(tmp_path):
    publish(tmp_path, OLD)
    (tmp_path / "notes.txt").write_bytes(b"the user's notes")
    (tmp_path / "link").symlink_to(tmp_path / "notes.txt")
    (tmp_path / "charts" / "a.svg").write_bytes(b"edited by hand")
    # A record edited by hand (or damaged) that lists them, even with their hashes:
    record = written({"notes.txt": b"something else", "charts/a.svg": b"old a",
                      "charts": b"", "report.html": b"old html"})
    record["link"] = hashlib.sha256(b"the user's notes").hexdigest()
    publish(tmp_path, {"report.pdf": b"new pdf"}, previous=record)
    assert contents(tmp_path) == {"notes.txt": b"the user's notes", "link": b"the user's notes",
                                  "charts/a.svg": b"edited by hand", "report.pdf": b"new pdf"}


def test_a_build_with_nothing_to_do_still_undoes_a_killed_publish_first(tmp_path, make_report):
    report = make_report()
    output = tmp_path / "out"
    options = BuildOptions(report_folder=report, output_folder=output, project_folder=ROOT)
    assert build(options).published
    before = contents(output)
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    new = {name: b"from a build that was killed" for name in before if name != STATE_FILE}
    script = KILLED_WHILE_MOVING.replace(
        '{"report.html": b"new", "charts/b.svg": b"new b",\n'
        '                                    "report.pdf": b"new pdf"}', repr(new))
    assert subprocess.run([sys.executable, "-c", script, str(output)], env=environment,
                          timeout=60).returncode == 9
    assert contents(output) != before  # two files of the killed build are in
    again = build(options)
    assert again.up_to_date and contents(output) == before


def test_an_interruption_a_library_swallowed_still_stops_the_build_before_it_publishes(
        make_report, tmp_path, monkeypatch):
    from report_pdf import interrupt

    options = BuildOptions(report_folder=make_report(), output_folder=tmp_path / "out",
                           project_folder=ROOT)
    monkeypatch.setattr(interrupt, "_requested", True)  # Ctrl+C came, the exception went
    with pytest.raises(KeyboardInterrupt):
        build(options)
    assert not (tmp_path / "out").exists()


def test_a_build_waiting_for_another_says_so(tmp_path, capsys):
    publish(tmp_path, OLD)
    with open(tmp_path / publish_module.LOCK_FILE, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another build, publishing
        waiting = threading.Thread(target=publish, args=(tmp_path, {"report.pdf": b"next"}))
        waiting.start()
        waiting.join(timeout=0.5)
        assert waiting.is_alive()  # it waits its turn
        fcntl.flock(held, fcntl.LOCK_UN)
    waiting.join(timeout=10)
    assert "waiting for another build writing into" in capsys.readouterr().err
    assert contents(tmp_path)["report.pdf"] == b"next"
