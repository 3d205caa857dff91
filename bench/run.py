"""Benchmark of report_pdf: whole-process timings, as a user meets them.

    python bench/run.py [--runs 7] [--long-runs 3] [--long-pages 300] [--json FILE]

Every figure is the median of several runs of a whole process (Python's start
and imports included), with the fastest and slowest run beside it, because the
machines are shared and noisy. It runs in a temporary copy of the project, so
the repository's build/ and its cache are left alone, and prints:

* a cold build of the 2019 report with its charts drawn (an empty cache) and
  with them cached (only the output removed);
* bare WeasyPrint turning the same final HTML, with the same fonts, into a
  PDF, run in turn with the cached build, and our time as a ratio to it;
* a rebuild when nothing changed, and watch mode after a one-character edit;
* synthetic text-only reports of about 6 and about 300 pages (see
  synthetic.py): time per page, and peak memory of all the build's processes
  together, with bare WeasyPrint on the same HTML beside them;
* the size of the 2019 PDF, and where the time of a cached build goes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from anchor import fair_anchor
from synthetic import write_synthetic_report

ROOT = Path(__file__).resolve().parents[1]
BARE = Path(__file__).with_name("bare_weasyprint.py")
TYPST = Path(__file__).with_name("typst_report.py")
WATCH_EDIT = ("坚强领导", "坚定领导")  # one character, a sentence without figures
TIMEOUT = 900


@dataclass
class Run:
    seconds: float
    output: str
    peak_mib: float | None = None


class BenchError(Exception):
    pass


def rss_mib(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MiB."""
    total, pending = 0, [pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while pending:
        current = pending.pop()
        try:
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * page
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError):  # gone between two reads
            continue
    return total / 2**20


def run(command: list[str], cwd: Path, sample_memory: bool = False) -> Run:
    """Run a command to its end; its peak memory sampled every 20 ms if asked."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    peak = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.02):
            peak[0] = max(peak[0], rss_mib(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    if sample_memory:
        sampler.start()
    output, _ = process.communicate(timeout=TIMEOUT)
    seconds = time.perf_counter() - started
    done.set()
    if process.returncode != 0:
        raise BenchError(f"{' '.join(command)} failed ({process.returncode}):\n{output}")
    return Run(seconds, output, peak[0] if sample_memory else None)


def build_command(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "report_pdf", "build", *arguments]


def bare_command(output: Path, html: str = "report.html") -> list[str]:
    """Bare WeasyPrint on an HTML file of a build into ``output`` (its final HTML,
    or the fair anchor made from it)."""
    fontconfig = ROOT / "src" / "report_pdf" / "fontconfig-empty.conf"
    return [sys.executable, str(BARE), str(fontconfig), str(output / html),
            str(output.parent / f"{output.name}-{Path(html).stem}-bare.pdf")]


def write_anchor(output: Path) -> str:
    """The fair anchor of a build's HTML, beside it (its URLs are relative)."""
    html = (output / "report.html").read_text(encoding="utf-8")
    (output / "anchor.html").write_text(fair_anchor(html), encoding="utf-8")
    return "anchor.html"


def typst_command(report: Path, output: Path) -> list[str]:
    return [sys.executable, str(TYPST), str(report), str(output),
            str(output.parent / f"{output.name}-typst.pdf")]


def html_versus_anchor(output: Path, workspace: Path, runs: int) -> dict:
    """Bare WeasyPrint on our final HTML and on its fair anchor, in turn: time,
    the ratio pair by pair, and peak memory."""
    anchor = write_anchor(output)
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(run(bare_command(output), workspace, sample_memory=True))
        theirs.append(run(bare_command(output, anchor), workspace, sample_memory=True))
    return {"html": Summary([result.seconds for result in ours]),
            "anchor": Summary([result.seconds for result in theirs]),
            "ratio": Summary([mine.seconds / other.seconds
                              for mine, other in zip(ours, theirs, strict=True)]),
            "html_peak": Summary([result.peak_mib for result in ours]),
            "anchor_peak": Summary([result.peak_mib for result in theirs]),
            "memory_ratio": Summary([mine.peak_mib / other.peak_mib
                                     for mine, other in zip(ours, theirs, strict=True)])}


def typst_runs(report: Path, output: Path, workspace: Path, runs: int) -> Summary | None:
    """The same report through Typst, whole processes; None without the package."""
    try:
        metadata.version("typst")
    except metadata.PackageNotFoundError:
        return None
    return Summary([run(typst_command(report, output), workspace).seconds
                    for _ in range(runs)])


def make_workspace() -> Path:
    workspace = Path(tempfile.mkdtemp(prefix="report_pdf-bench-"))
    shutil.copytree(ROOT / "content" / "2019", workspace / "content" / "2019")
    shutil.copytree(ROOT / "styles", workspace / "styles")
    (workspace / "fonts").symlink_to(ROOT / "fonts")
    return workspace


def timings_of(output: str) -> dict[str, float]:
    """The stages of ``build --timings``."""
    rows = re.findall(r"^    (\S.*?)\s+(-?\d+\.\d+)$", output, re.M)
    return {stage: float(seconds) for stage, seconds in rows}


def pages_of(output: str) -> int:
    match = re.search(r"^  (\d+) pages?,", output, re.M)
    if not match:
        raise BenchError(f"no page count in the build's output:\n{output}")
    return int(match.group(1))


class Summary:
    """Median, fastest and slowest of a series of seconds (or any figures)."""

    def __init__(self, values: list[float]):
        self.values = values
        self.median = statistics.median(values)
        self.low, self.high = min(values), max(values)


def bench_2019(workspace: Path, runs: int) -> dict:
    output = workspace / "build" / "2019"
    cache = workspace / "build" / ".cache"
    build = build_command("content/2019", "--timings")
    run(build, workspace)  # warm-up: the file system cache, compiled modules
    drawn = []
    for _ in range(runs):
        shutil.rmtree(workspace / "build", ignore_errors=True)
        drawn.append(run(build, workspace).seconds)
    cached, bare, ratios, stages = [], [], [], []
    for _ in range(runs):  # in turn, so that a drift of the machine hits both
        shutil.rmtree(output, ignore_errors=True)
        ours = run(build, workspace)
        if "0 drawn" not in ours.output or not cache.is_dir():
            raise BenchError(f"the charts were not taken from the cache:\n{ours.output}")
        theirs = run(bare_command(output), workspace)
        cached.append(ours.seconds)
        bare.append(theirs.seconds)
        ratios.append(ours.seconds / theirs.seconds)
        stages.append(timings_of(ours.output))
    unchanged = []
    for _ in range(runs):
        again = run(build, workspace)
        if "up to date" not in again.output:
            raise BenchError(f"a build with nothing changed did work:\n{again.output}")
        unchanged.append(again.seconds)
    profile = {stage: statistics.median(lap[stage] for lap in stages if stage in lap)
               for stage in stages[0]}
    return {"drawn": Summary(drawn), "cached": Summary(cached), "bare": Summary(bare),
            "ratio": Summary(ratios), "unchanged": Summary(unchanged), "profile": profile,
            "pages": pages_of(ours.output),
            "pdf_kib": (output / "report.pdf").stat().st_size / 1024,
            "bare_pdf_kib": (output.parent / "2019-report-bare.pdf").stat().st_size / 1024,
            "anchor": html_versus_anchor(output, workspace, runs),
            "typst": typst_runs(workspace / "content" / "2019", output, workspace, runs)}


def bench_watch(workspace: Path, edits: int) -> dict:
    """Seconds from saving a one-character edit to the change being noticed, and to
    the new PDF being written and checked, in a warm ``watch`` process."""
    text_file = workspace / "content" / "2019" / "report.md"
    original = text_file.read_text(encoding="utf-8")
    if WATCH_EDIT[0] not in original:
        raise BenchError(f"the edit “{WATCH_EDIT[0]}” is not in {text_file}")
    process = subprocess.Popen([sys.executable, "-m", "report_pdf", "watch", "content/2019"],
                               cwd=workspace, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put((time.perf_counter(), line))
                                     for line in process.stdout], daemon=True).start()

    def wait_for(pattern: str) -> tuple[float, str]:
        deadline = time.perf_counter() + TIMEOUT
        while time.perf_counter() < deadline:
            try:
                when, line = lines.get(timeout=1)
            except queue.Empty:
                if process.poll() is not None:
                    break
                continue
            if "error" in line:
                raise BenchError(f"watch reported: {line}")
            if re.search(pattern, line):
                return when, line
        raise BenchError(f"watch never printed {pattern!r}")

    noticed, rebuilt = [], []
    try:
        wait_for(r"built in")
        for edit in range(edits):
            old, new = WATCH_EDIT if edit % 2 == 0 else WATCH_EDIT[::-1]
            text = text_file.read_text(encoding="utf-8").replace(old, new, 1)
            saved = time.perf_counter()
            text_file.write_text(text, encoding="utf-8")
            seen, _ = wait_for(r"changed: .*report\.md")
            built, _ = wait_for(r"built in")
            noticed.append(seen - saved)
            rebuilt.append(built - saved)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
        text_file.write_text(original, encoding="utf-8")
    return {"noticed": Summary(noticed), "rebuilt": Summary(rebuilt)}


def bench_long(workspace: Path, pages_asked: int, runs: int) -> dict:
    """Build a synthetic report of about ``pages_asked`` pages; when the first
    build is more than 5 % off, the text is scaled once and the runs start over."""
    report = workspace / "content" / f"synthetic-{pages_asked}"
    output = workspace / "build" / f"synthetic-{pages_asked}"
    command = build_command(str(report), "--output", str(output))
    write_synthetic_report(ROOT / "content" / "2019", report, pages_asked)
    pages = pages_of(run(command, workspace).output)
    if abs(pages - pages_asked) > 0.05 * pages_asked:
        write_synthetic_report(ROOT / "content" / "2019", report,
                               pages_asked * pages_asked / pages)
    ours, bare = [], []
    for _ in range(runs):
        shutil.rmtree(output, ignore_errors=True)
        ours.append(run(command, workspace, sample_memory=True))
        bare.append(run(bare_command(output), workspace, sample_memory=True))
    pages = pages_of(ours[0].output)
    seconds = Summary([result.seconds for result in ours])
    return {"pages": pages, "seconds": seconds, "per_page": seconds.median / pages,
            "peak": Summary([result.peak_mib for result in ours]),
            "bare_seconds": Summary([result.seconds for result in bare]),
            "bare_peak": Summary([result.peak_mib for result in bare]),
            "anchor": html_versus_anchor(output, workspace, runs),
            "typst": typst_runs(report, output, workspace, runs)}


STARTUP_PROBE = """
import json, subprocess, sys
started = []
original = subprocess.Popen.__init__
def recording(self, *args, **kwargs):
    started.append(str(args[0] if args else kwargs.get("args")))
    original(self, *args, **kwargs)
subprocess.Popen.__init__ = recording
from report_pdf.typeset import load_typesetter
load_typesetter()
programs = len(started)
from report_pdf.cli import main
status = main(["build", "content/2019", "-o", "build/startup-probe", "--no-cache"])
subset = sys.modules.get("fontTools.subset")
print(json.dumps({"status": status, "programs": programs,
                  "subsetter": subset is not None and type(subset).__name__ == "module",
                  "pyplot": "matplotlib.pyplot" in sys.modules}))
"""


def bench_startup(workspace: Path) -> dict:
    """What loading WeasyPrint runs, and what a whole build (charts drawn) imports."""
    probe = run([sys.executable, "-c", STARTUP_PROBE], workspace)
    found = json.loads(probe.output.strip().splitlines()[-1])
    if found["status"] != 0:
        raise BenchError(f"the start-up probe's build failed:\n{probe.output}")
    return found


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in
                  Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown CPU")
    memory = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text()
                  .splitlines() if line.startswith("MemTotal"))
    from ctypes.util import find_library

    subsetter = "yes" if find_library("harfbuzz-subset") else "NO (fontTools fallback)"
    return (f"{model}, {len(os.sched_getaffinity(0))} cores, {memory / 2**20:.0f} GiB; "
            f"{platform.system()} {platform.release()}; Python {platform.python_version()}; "
            f"WeasyPrint {metadata.version('weasyprint')}; HarfBuzz subsetter: {subsetter}")


def verdict(value: float, limit: float) -> str:
    return "met" if value <= limit else f"missed by {value / limit - 1:.0%}"


def table(results: dict, runs: int, long_runs: int) -> str:
    of_2019, watch = results["2019"], results["watch"]
    short, long = results["short"], results["long"]
    rows = [
        ("cold build, charts drawn", of_2019["drawn"], "s", "≤ 1.5 s", 1.5),
        ("cold build, charts cached", of_2019["cached"], "s", "", None),
        ("bare WeasyPrint, same HTML and fonts", of_2019["bare"], "s", "", None),
        ("ratio cached build / bare (paired runs)", of_2019["ratio"], "×", "≤ 1.3×", 1.3),
        ("rebuild, nothing changed", of_2019["unchanged"], "s", "≤ 0.3 s", 0.3),
        ("watch: edit saved → rebuild begins", watch["noticed"], "s", "≤ 0.3 s", 0.3),
        ("watch: edit saved → PDF written, checked", watch["rebuilt"], "s", "≤ 0.8 s", 0.8),
        (f"synthetic {short['pages']} pages", short["seconds"], "s", "", None),
        (f"synthetic {long['pages']} pages", long["seconds"], "s", "≤ 6 s", 6.0),
        (f"synthetic {long['pages']} pages, bare WeasyPrint", long["bare_seconds"], "s", "",
         None),
        (f"synthetic {long['pages']} pages: peak memory", long["peak"], "MiB", "≤ 400 MB",
         400 * 1e6 / 2**20),
        (f"synthetic {long['pages']} pages, bare WeasyPrint: peak memory", long["bare_peak"],
         "MiB", "", None),
    ]
    for name, result in ((f"2019 ({of_2019['pages']} pages)", of_2019),
                         (f"synthetic {long['pages']} pages", long)):
        anchor = result["anchor"]
        rows += [
            (f"{name}: fair anchor, bare WeasyPrint", anchor["anchor"], "s", "", None),
            (f"{name}: our HTML, bare WeasyPrint", anchor["html"], "s", "", None),
            (f"{name}: our HTML / fair anchor, time (paired)", anchor["ratio"], "×",
             "≤ 1.05×", 1.05),
            (f"{name}: our HTML / fair anchor, peak memory (paired)", anchor["memory_ratio"],
             "×", "≤ 1.05×", 1.05),
        ]
        if result["typst"] is not None:
            rows.append((f"{name}: Typst, same text, charts and table", result["typst"], "s",
                         "", None))
    long_over_anchor = Summary([seconds / long["anchor"]["anchor"].median
                                for seconds in long["seconds"].values])
    rows.append((f"synthetic {long['pages']} pages: our build / fair anchor "
                 f"({len(os.sched_getaffinity(0))} cores)", long_over_anchor, "×", "≤ 0.6×", 0.6))
    lines = [f"Medians of {runs} runs ({long_runs} for the synthetic reports), "
             "whole processes.\n",
             "| measure | median | fastest–slowest | target | |", "|---|---:|---:|---|---|"]
    for name, summary, unit, target, limit in rows:
        figure = "{:.2f}" if unit in ("s", "×") else "{:.0f}"
        lines.append(f"| {name} | {figure.format(summary.median)} {unit} | "
                     f"{figure.format(summary.low)}–{figure.format(summary.high)} | {target} | "
                     f"{verdict(summary.median, limit) if limit else ''} |")
    per_short, per_long = short["per_page"], long["per_page"]
    lines.append(f"| time per page: {short['pages']} → {long['pages']} pages | "
                 f"{per_short:.3f} → {per_long:.3f} s | | not more at {long['pages']} | "
                 f"{'met' if per_long <= per_short else 'missed'} |")
    lines.append(f"| PDF of the 2019 report (bare WeasyPrint: "
                 f"{of_2019['bare_pdf_kib'] * 1.024:.0f} KB) | "
                 f"{of_2019['pdf_kib'] * 1.024:.0f} KB | | ≤ 450 KB | "
                 f"{verdict(of_2019['pdf_kib'] * 1024, 450e3)} |")
    start = results["startup"]
    lines.append(f"| programs run while WeasyPrint loads | {start['programs']} | | none | "
                 f"{'met' if start['programs'] == 0 else 'missed'} |")
    for label, imported in (("fontTools' subsetter imported by a build", start["subsetter"]),
                            ("pyplot imported by a build drawing charts", start["pyplot"])):
        lines.append(f"| {label} | {'yes' if imported else 'no'} | | no | "
                     f"{'missed' if imported else 'met'} |")
    profile = of_2019["profile"]
    total = profile.get("total", sum(profile.values()))
    lines += ["", f"Where a cached cold build's time goes (`build --timings`, medians of "
                  f"{runs}; Python's own start-up is outside it):", "",
              "| stage | seconds | share |", "|---|---:|---:|"]
    lines += [f"| {stage} | {seconds:.3f} | {seconds / total:.0%} |"
              for stage, seconds in profile.items() if stage != "total"]
    lines.append(f"| total | {total:.3f} | |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per measure (default 7)")
    parser.add_argument("--long-runs", type=int, default=3,
                        help="runs of each synthetic report (default 3)")
    parser.add_argument("--long-pages", type=int, default=300,
                        help="pages of the long synthetic report (default 300)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    arguments = parser.parse_args()
    print(f"report_pdf benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"machine: {machine()}\n", flush=True)
    workspace = make_workspace()
    try:
        results = {"startup": bench_startup(workspace),
                   "2019": bench_2019(workspace, arguments.runs),
                   "watch": bench_watch(workspace, arguments.runs),
                   "short": bench_long(workspace, 6, arguments.long_runs),
                   "long": bench_long(workspace, arguments.long_pages, arguments.long_runs)}
    except (BenchError, subprocess.TimeoutExpired) as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(workspace, ignore_errors=True)
    print(table(results, arguments.runs, arguments.long_runs))
    if arguments.json:
        arguments.json.write_text(json.dumps(results, default=lambda value: vars(value),
                                             ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
