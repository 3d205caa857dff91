"""Faults of the machine and of timing, against whole builds in their own
processes: killed at varied moments, a full disk, a file-size limit, two
builds of different content into one folder, a build beside ``watch``.

Each ends with the previous output byte for byte as it was, or with one whole
new set (every file as the build record lists it), and no traceback.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, pdf_page_texts, tree, whole_set
from report_pdf.publish import STAGING_PREFIX

ENVIRONMENT = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
BOUND = 120  # seconds a whole build may take here before it counts as a hang


def command(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "report_pdf", *arguments]


def published(output: Path) -> dict[str, str]:
    """The output set, without the build record, lock and staging folders."""
    return {name: digest for name, digest in tree(output).items()
            if not name.startswith(".") and not name.endswith("/")}


def other_report(project: Path) -> Path:
    """A second report, one word different from the first."""
    other = project / "other"
    shutil.copytree(project / "report", other)
    text = (other / "report.md").read_text(encoding="utf-8")
    (other / "report.md").write_text(text.replace("继续做好", "继续认真做好", 1),
                                     encoding="utf-8")
    return other


def unfinished(output: Path) -> list[Path]:
    """Staging folders a killed build left with files moved in (the next build
    puts them back before anything else)."""
    return [staging for staging in output.glob(STAGING_PREFIX + "*")
            if (staging / "names").is_file() and not (staging / "done").exists()]


KILLS = [(signal.SIGKILL, delay) for delay in (0.2, 0.7, 1.2, 1.8, 2.5)] + [
    (signal.SIGTERM, 0.7), (signal.SIGTERM, 1.8), (signal.SIGINT, 1.2)]


@pytest.mark.parametrize("how, delay", KILLS,
                         ids=[f"{how.name}-after-{delay}s" for how, delay in KILLS])
def test_a_build_killed_at_any_moment_leaves_the_previous_set_or_a_whole_one(project, how,
                                                                             delay):
    before = published(project / "out")
    other_report(project)
    temporary = project / "tmp"
    temporary.mkdir()
    environment = {**ENVIRONMENT, "TMPDIR": str(temporary)}
    run = subprocess.Popen(command("build", "other", "-o", "out", "--no-cache"), cwd=project,
                           env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(delay)
    run.send_signal(how)
    _, err = run.communicate(timeout=BOUND)
    assert b"Traceback" not in err
    out = project / "out"
    if how != signal.SIGKILL:  # stopped, not killed: what it had moved in is put back
        # 130, or ended by SIGINT after saying so (which a shell also shows as 130)
        assert run.returncode in (0, 130) or (run.returncode == -signal.SIGINT
                                              and b"interrupted" in err), err.decode()
        assert not unfinished(out)
    if not unfinished(out):
        assert published(out) == before or whole_set(out)
    # Whatever the moment, the next build finds a whole set to start from and ends whole.
    again = subprocess.run(command("build", "report", "-o", "out"), cwd=project,
                           env=environment, capture_output=True, text=True, timeout=BOUND)
    assert again.returncode == 0, again.stderr
    assert whole_set(out) and not unfinished(out)
    assert not list(out.glob(STAGING_PREFIX + "*"))
    # Nor is anything left in TMPDIR: the killed build's folders go with the next.
    left = sorted(path.relative_to(temporary).as_posix() for path in temporary.rglob("*"))
    assert not left, left


def test_two_builds_of_different_reports_at_once_leave_one_whole_set(project):
    # Both build for real (--no-cache), and write at once: the folder ends with the
    # set of one of them, every file as that build's record says.
    other_report(project)
    runs = [subprocess.Popen(command("build", folder, "-o", "out", "--no-cache"), cwd=project,
                             env=ENVIRONMENT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for folder in ("report", "other")]
    for run in runs:
        _, err = run.communicate(timeout=BOUND)
        assert run.returncode == 0, err.decode()
    out = project / "out"
    assert whole_set(out)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert ("认真" in html) == ("认真" in "".join(pdf_page_texts((out / "report.pdf")
                                                                .read_bytes())))


def test_a_build_beside_watch_leaves_one_whole_set_and_the_watch_goes_on(project):
    watching = subprocess.Popen(command("watch", "report", "-o", "out"), cwd=project,
                                env=ENVIRONMENT, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
    try:
        assert "report_pdf: watching" in watching.stdout.readline()
        # An edit the watch rebuilds for, and a build of the same folder at once.
        text = project / "report" / "report.md"
        text.write_text(text.read_text(encoding="utf-8").replace("继续做好", "继续扎实做好", 1),
                        encoding="utf-8")
        build = subprocess.run(command("build", "report", "-o", "out", "--no-cache"),
                               cwd=project, env=ENVIRONMENT, capture_output=True, text=True,
                               timeout=BOUND)
        assert build.returncode == 0, build.stderr
        deadline = time.monotonic() + BOUND
        while "扎实" not in "".join(pdf_page_texts((project / "out" / "report.pdf")
                                                    .read_bytes())):
            assert time.monotonic() < deadline and watching.poll() is None
            time.sleep(0.2)
    finally:
        watching.send_signal(signal.SIGINT)
        out, err = watching.communicate(timeout=BOUND)
    assert watching.returncode == 0 and "stopped watching" in out
    assert "Traceback" not in out + err
    assert whole_set(project / "out")


FULL_DISK = """
set -e
mount -t tmpfs -o size={size}k tmpfs out
cp -a previous/. out/
{python} -m report_pdf build other -o out --no-cache > /dev/null 2> disk.err || echo $? > disk.code
find out -type f -exec sha256sum {{}} + | sort -k 2 > disk.after
mkdir -p tiny && mount -t tmpfs -o size=64k tmpfs tiny
TMPDIR=$PWD/tiny {python} -m report_pdf build other -o out --no-cache > /dev/null 2> tmp.err \\
  || echo $? > tmp.code
find out -type f -exec sha256sum {{}} + | sort -k 2 > tmp.after
"""


def test_a_full_disk_or_a_full_temporary_folder_keeps_the_previous_output(project):
    """On small filesystems mounted for the test (in a mount namespace of its own);
    where none can be mounted, test_publish covers a full disk by simulation."""
    if shutil.which("unshare") is None or subprocess.run(
            ["unshare", "-rm", "mount", "-t", "tmpfs", "tmpfs", str(project)],
            capture_output=True).returncode != 0:
        pytest.skip("no mount namespace here; a full disk is simulated in test_publish")
    other_report(project)
    shutil.move(project / "out", project / "previous")
    (project / "out").mkdir()
    size = sum(path.stat().st_size for path in (project / "previous").rglob("*")
               if path.is_file())
    script = FULL_DISK.format(size=size * 3 // 2 // 1024, python=sys.executable)
    subprocess.run(["unshare", "-rm", "sh", "-c", script], cwd=project, env=ENVIRONMENT,
                   check=True, timeout=2 * BOUND)
    expected = {name: digest for name, digest in tree(project / "previous").items()
                if not name.endswith("/")}  # (find lists files)
    for case in ("disk", "tmp"):
        err = (project / f"{case}.err").read_text(encoding="utf-8")
        assert (project / f"{case}.code").read_text().strip() == "2", err
        assert "Traceback" not in err and "No space left on device" in err
        assert err.rstrip().endswith("the output was left as it was")
        after = {line.split(maxsplit=1)[1].removeprefix("out/"): line.split()[0]
                 for line in (project / f"{case}.after").read_text().splitlines()}
        assert after == expected
    assert "TMPDIR" in (project / "tmp.err").read_text(encoding="utf-8")


def test_a_file_size_limit_is_one_clear_line_and_keeps_the_previous_output(project):
    # The typesetter copies every font (cut to the example's characters: 17 to 100
    # kB) to a temporary file: a 64 kB limit stops it.
    before = tree(project / "out")
    limit = 64 * 2**10
    run = subprocess.run(
        command("build", "report", "-o", "out", "--no-cache"),
        cwd=project, env=ENVIRONMENT, capture_output=True, text=True, timeout=BOUND,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)))
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert "(File too large)" in run.stderr and "ulimit -f" in run.stderr
    assert tree(project / "out") == before


def test_a_stop_after_the_work_is_done_does_not_cut_the_exit_short():
    """Once the command has done its work, Ctrl+C or SIGTERM waits for the exit
    (and is moot): no traceback from a shutdown callback, no death by SIGTERM."""
    probe = ("import os, signal, sys\n"
             "from report_pdf import interrupt\n"
             "interrupt.install()\n"
             "interrupt.hold()\n"
             "for stop in (signal.SIGTERM, signal.SIGINT):\n"
             "    os.kill(os.getpid(), stop)\n"
             "print('exited normally')\n")
    done = subprocess.run([sys.executable, "-c", probe], env=ENVIRONMENT, capture_output=True,
                          text=True, timeout=BOUND)
    assert (done.returncode, done.stdout, done.stderr) == (0, "exited normally\n", "")
