"""The hostile-input corpus: what a careless or hostile user can hand a build.

Each case breaks a copy of the minimal example report (or its project) one way.
``tests/test_hostile.py`` runs every case through the command line and asserts
its exit code and message, that nothing was printed as a traceback, and what
became of the output: kept byte for byte, or replaced by one whole new set.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

Change = Callable[[Path], None]  # applied to the project folder (report/ is the report)


@dataclass(frozen=True)
class Hostile:
    category: str
    name: str
    change: Change
    exit_code: int  # 0: accepted, and the output replaced by a whole new set
    message: str  # a part of what the build prints (stderr, or stdout when it succeeds)
    arguments: tuple[str, ...] = ("build", "report", "-o", "out")

    @property
    def id(self) -> str:
        return f"{self.category}: {self.name}"


def edit(name: str, old: str, new: str, count: int = 1) -> Change:
    def change(project: Path) -> None:
        path = project / "report" / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {name}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")
    return change


def append(name: str, text: str) -> Change:
    def change(project: Path) -> None:
        with open(project / "report" / name, "a", encoding="utf-8") as stream:
            stream.write(text)
    return change


def write(name: str, data: bytes | Callable[[str], bytes]) -> Change:
    """The file's bytes, given or made from its current text."""
    def change(project: Path) -> None:
        path = project / "report" / name
        path.write_bytes(data(path.read_text(encoding="utf-8")) if callable(data) else data)
    return change


def replace_with(name: str, make: Callable[[Path], None]) -> Change:
    """The file taken away and ``make(path)`` put in its place."""
    def change(project: Path) -> None:
        path = project / "report" / name
        path.unlink()
        make(path)
    return change


def own_fonts(change_fonts: Callable[[Path], None]) -> Change:
    """A project with a copy of the fonts, changed."""
    def change(project: Path) -> None:
        (project / "fonts").unlink()
        shutil.copytree(_repository() / "fonts", project / "fonts")
        change_fonts(project / "fonts")
    return change


def _repository() -> Path:
    return Path(__file__).resolve().parents[1]


def in_output(name: str, make: Callable[[Path], None]) -> Change:
    """A file of the output folder replaced by ``make(path)``."""
    def change(project: Path) -> None:
        path = project / "out" / name
        path.unlink(missing_ok=True)
        make(path)
    return change


def in_cache(kind: str, make: Callable[[Path], None]) -> Change:
    """Every entry of one kind in the build's cache replaced by ``make(path)``."""
    def change(project: Path) -> None:
        for path in (project / "build" / ".cache" / kind).iterdir():
            path.unlink()
            make(path)
    return change


def checksummed(data: bytes) -> Callable[[Path], None]:
    """A cache entry with a right checksum over wrong contents."""
    return lambda path: path.write_bytes(b"sha256:" + hashlib.sha256(data).hexdigest().encode()
                                         + b"\n" + data)


def planted_staging(journal: str) -> Change:
    """A staging folder no build made, its journal naming ``journal``."""
    def change(project: Path) -> None:
        staging = project / "out" / ".report_pdf-staging-planted"
        (staging / "old").mkdir(parents=True)
        (staging / "names").write_text(journal, encoding="utf-8")
        (project / "victim.txt").write_text("not the build's", encoding="utf-8")
    return change


def both(*changes: Change) -> Change:
    def change(project: Path) -> None:
        for each in changes:
            each(project)
    return change


def sealed_with(name: str, data: bytes | None, pinned: str | None = None) -> Change:
    """report.yaml asking for a seal image ``../seals/<name>``, pinned by the sha256
    of ``data`` (or by ``pinned``), and ``data`` written there (None: nothing)."""
    def change(project: Path) -> None:
        if data is not None:
            (project / "seals").mkdir(exist_ok=True)
            (project / "seals" / name).write_bytes(data)
        sha = pinned or hashlib.sha256(data or b"").hexdigest()
        with open(project / "report" / "report.yaml", "a", encoding="utf-8") as stream:
            stream.write("document:\n  signature:\n    authority: 示例县人民政府\n"
                         f"    date: 2022年1月18日\n    seal_image: ../seals/{name}\n"
                         f"    seal_sha256: {sha}\n")
    return change


EXAMPLE_SEAL = _repository() / "tests" / "fixtures" / "seals" / "example-seal.svg"
SVG_FETCHING = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><g fill="red">'
                b'<path d="M0 0h9v9z"/><image href="http://example.org/seal.png"/></g></svg>')
SVG_HREF = SVG_FETCHING.replace(b"<image", b'<path fill="url(file:///etc/passwd#x)" d="M0 0"')


def alias_bomb(levels: int, width: int) -> str:
    lines = ["a0: &a0 [x]"]
    for level in range(1, levels):
        previous = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{previous}]")
    return "\n".join(lines) + "\n"


def nested(depth: int) -> str:
    return "deep: " + "[" * depth + "1" + "]" * depth + "\n"


def relation(text: str) -> Change:
    return append("indicators.yaml", f"relations:\n  - \"{text}\"\n")


BODY = "继续做好示例工作。"
ATTACHED = append("report.yaml", "attachments:\n  - file: 附件.md\n")
EDITED = edit("report.md", "继续做好", "继续认真做好")  # a change, so that the build publishes
TERMS = " + ".join(["completed"] * 1500)

CASES = [
    # Encoding
    Hostile("encoding", "report.md saved as GB18030",
            write("report.md", lambda text: text.encode("gb18030")), 2,
            "report/report.md:2: not valid UTF-8 text: it looks saved as GBK/GB18030"),
    Hostile("encoding", "report.md saved as UTF-16",
            write("report.md", lambda text: text.encode("utf-16")), 2,
            "report/report.md:1: not valid UTF-8 text: save it as UTF-8"),
    Hostile("encoding", "Latin-1 bytes in indicators.yaml",
            write("indicators.yaml", lambda text: text.encode() + b"# caf\xe9\n"), 2,
            "report/indicators.yaml:11: not valid UTF-8 text"),
    Hostile("encoding", "an encoded surrogate",
            write("report.md", lambda text: text.encode() + b"\xed\xa0\x80\n"), 2,
            "report/report.md:14: not valid UTF-8 text"),
    Hostile("encoding", "a NUL byte", edit("report.md", "继续做好", "继续\0做好"), 2,
            "report/report.md:13:3: a control character (U+0000)"),
    Hostile("encoding", "a bell in report.yaml", edit("report.yaml", "示例指标", "示例\a指标"), 2,
            "report/report.yaml:3:12: a control character (U+0007)"),
    Hostile("encoding", "an escape in charts.yaml", edit("charts.yaml", "受理", "受\x1b理"), 2,
            "report/charts.yaml:8:17: a control character (U+001B)"),
    Hostile("encoding", "an emoji", edit("report.md", "继续做好", "继续😀做好"), 2,
            "character “😀” (U+1F600) is not in the font"),
    Hostile("encoding", "a CJK Extension B character",
            edit("report.md", "继续做好", "继续\U00020000做好"), 2,
            "character “\U00020000” (U+20000) is not in the font"),
    Hostile("encoding", "a private-use character", edit("report.md", "继续做好", "继续\ue000做好"),
            2, "(U+E000) is not in the font"),
    Hostile("encoding", "a right-to-left override",
            edit("report.md", "继续做好", "继续\u202e做好"), 2,
            "report/report.md:13:3: an invisible formatting character (U+202E)"),
    Hostile("encoding", "a zero-width space inside a figure",
            edit("report.md", "办结100件", "办结1\u200b00件"), 2,
            "report/report.md:9:17: an invisible formatting character (U+200B)"),
    Hostile("encoding", "a combining accent on a Chinese character",
            edit("report.md", "继续做好", "继\u0301续做好"), 0, "(U+0301) is not in the font"),
    Hostile("encoding", "old Mac line ends", write("report.md", lambda text: text.replace(
        "\n", "\r").encode()), 0, "report.pdf"),
    Hostile("encoding", "a byte-order mark in every file",
            write("report.yaml", lambda text: b"\xef\xbb\xbf" + text.encode()), 0, "report.pdf"),
    # YAML
    Hostile("yaml", "a syntax error", edit("charts.yaml", "type: bar", "type: [bar"), 2,
            "report/charts.yaml:5:10: YAML syntax error"),
    Hostile("yaml", "a tab for indentation", edit("indicators.yaml", "    unit: 件", "\tunit: 件"),
            2, "report/indicators.yaml:5:1: YAML syntax error"),
    Hostile("yaml", "a mapping where text belongs",
            edit("indicators.yaml", "label: 办结示例事项", "label: {a: b}"), 2,
            "'label' must be non-empty text, found a mapping"),
    Hostile("yaml", "a list where a mapping belongs",
            write("report.yaml", b"summary_table: [a, b]\n"), 2, "report/report.yaml:1:16:"),
    Hostile("yaml", "null where text belongs", edit("report.yaml", "示例指标一览表", "~"), 2,
            "report/report.yaml:3:10:"),
    Hostile("yaml", "a number where text belongs",
            edit("charts.yaml", "title: 示例事项办理情况", "title: 12.5"), 0, "report.pdf"),
    Hostile("yaml", "a list at the top", write("indicators.yaml", b"- a\n- b\n"), 2,
            "report/indicators.yaml:1:1:"),
    Hostile("yaml", "a required field missing",
            edit("indicators.yaml", "    unit: 件\n    preceded_by: 办结", "    preceded_by: 办结"),
            2, "indicator 'completed': missing 'unit'"),
    Hostile("yaml", "an unknown key", edit("report.yaml", "summary_table:", "summary_tabel:"),
            2, "unknown key 'summary_tabel'"),
    Hostile("yaml", "a key twice", append("report.yaml", "summary_table:\n  title: 又一个\n"), 2,
            "report/report.yaml:4:1:"),
    Hostile("yaml", "an empty file", write("indicators.yaml", b""), 2, "the file is empty"),
    Hostile("yaml", "two documents in one file", append("report.yaml", "---\nsummary_table: {}\n"),
            2, "report/report.yaml:4:1:"),
    Hostile("yaml", "aliases nine levels of nine", write("charts.yaml", alias_bomb(9, 9).encode()),
            2, "report/charts.yaml:2:"),
    Hostile("yaml", "an alias of itself", write("charts.yaml", b"loop: &x [*x]\n"), 2,
            "report/charts.yaml:1:"),
    Hostile("yaml", "lists nested 200 deep", write("charts.yaml", nested(200).encode()), 2,
            "nested more than 20"),
    Hostile("yaml", "a Python object tag",
            write("charts.yaml", b"charts: !!python/object/apply:os.system [echo hacked]\n"), 2,
            "report/charts.yaml:1:9: a YAML tag (tag:yaml.org,2002:python/object/apply:os.system)"),
    Hostile("yaml", "a custom tag", edit("charts.yaml", "type: bar", "type: !bar bar"), 2,
            "report/charts.yaml:4:11: a YAML tag (!bar) asks for a type of value"),
    Hostile("yaml", "30 February",
            edit("report.yaml", "summary_table:", "document:\n  signature:\n    authority: 示例市"
                 "人民政府\n    date: 2020年2月30日\nsummary_table:"), 2, "2020年2月30日"),
    Hostile("yaml", "the year 0000",
            edit("report.yaml", "summary_table:", "document:\n  signature:\n    authority: 示例市"
                 "人民政府\n    date: 0000年1月1日\nsummary_table:"), 2, "0000年1月1日"),
    Hostile("yaml", "a date with leading zeros",
            edit("report.yaml", "summary_table:", "document:\n  signature:\n    authority: 示例市"
                 "人民政府\n    date: 2020年02月03日\nsummary_table:"), 2, "2020年02月03日"),
    Hostile("yaml", "a date in ISO form",
            edit("report.yaml", "summary_table:", "document:\n  signature:\n    authority: 示例市"
                 "人民政府\n    date: 2020-02-03\nsummary_table:"), 2, "report/report.yaml:5:"),
    Hostile("yaml", "a 发文字号 with 第 and a two-digit year",
            edit("report.yaml", "summary_table:", "document:\n  number: 示府发〔20〕第1号\n"
                 "summary_table:"), 2,
            "report/report.yaml:3:11: document: number '示府发〔20〕第1号' is not like"),
    Hostile("yaml", "a huge 份号", edit("report.yaml", "summary_table:", "document:\n"
                                     "  copy_number: 99999999999999999999999\nsummary_table:"),
            2, "report/report.yaml:3:16: document: copy_number must be six digits"),
    Hostile("yaml", "NaN as a 份号", edit("report.yaml", "summary_table:", "document:\n"
                                        "  copy_number: .nan\nsummary_table:"),
            2, "report/report.yaml:3:16: document: copy_number must be six digits"),
    # Markup
    Hostile("markup", "a head of seven #",
            edit("report.md", "## 一、示例情况", "####### 一、示例情况"), 2,
            "'#######' is not a known head"),
    Hostile("markup", "a script element", edit("report.md", BODY, "<script>alert(1)</script>"),
            2, "report/report.md:13:1: an HTML tag is not part of a report's text"),
    Hostile("markup", "a seal image that would fetch an image",
            sealed_with("seal.svg", SVG_FETCHING), 2,
            "cannot be printed as a seal: it has a <image>"),
    Hostile("markup", "a seal image referring to a local file",
            sealed_with("seal.svg", SVG_HREF), 2,
            "its <path> refers to another file (url(file:///etc/passwd#x))"),
    Hostile("markup", "HTML tags in a paragraph",
            edit("report.md", BODY, "继续<b>做好</b>示例工作。"), 2,
            "report/report.md:13:3: an HTML tag"),
    Hostile("markup", "a style element closing the page's",
            edit("report.md", BODY, "</style><style>body{display:none}</style>"), 2,
            "report/report.md:13:1: an HTML tag"),
    Hostile("markup", "& and < as text", edit("report.md", BODY, "继续做好A&B<C示例工作。"), 0,
            "report.pdf"),
    Hostile("markup", "an image", edit("report.md", BODY, "![章](/etc/hostname)"), 2,
            "report/report.md:13:1: an image is not part of a report's text"),
    Hostile("markup", "a link", edit("report.md", BODY, "见[示例](http://example.com/)。"), 2,
            "report/report.md:13:2: a link is not part of a printed report"),
    Hostile("markup", "a comment never closed", edit("report.md", BODY, "<!-- 未完\n" + BODY), 2,
            "report/report.md:13:1: a comment '<!--' is never closed"),
    Hostile("markup", "a table without its delimiter row",
            edit("report.md", BODY, "| 甲 | 乙 |\n| 1 | 2 |"), 2, "report/report.md:13:"),
    Hostile("markup", "a table with ragged rows",
            edit("report.md", BODY, "表1 示例表\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 | 3 |\n| 4 |"),
            2, "report/report.md:"),
    Hostile("markup", "a table of 200 columns",
            edit("report.md", BODY, "表1 示例表\n\n|" + " 甲 |" * 200 + "\n|" + "---|" * 200), 2,
            "report/report.md:"),
    Hostile("markup", "an empty report.md", write("report.md", b""), 2, "report/report.md"),
    Hostile("markup", "only a title", write("report.md", "# 示例工作报告\n".encode()), 2,
            "report/report.md"),
    Hostile("markup", "heads out of order", edit("report.md", "## 二、", "## 四、"), 0,
            "head “四、” skips from 1"),
    # Numbers
    Hostile("numbers", "a negative count", edit("report.md", "办结100件", "办结-100件"), 2,
            "indicator 'completed': no figure in report/report.md matches “办结[数字]件”"),
    Hostile("numbers", "a 40-digit figure",
            edit("report.md", "办结100件", "办结" + "1" * 40 + "件"), 2,
            "has 40 digits; no figure of a report has more than 15"),
    Hostile("numbers", "full-width digits", edit("report.md", "办结100件", "办结１００件"), 2,
            "report/report.md:9:"),
    Hostile("numbers", "a figure with a thousands comma",
            edit("report.md", "受理示例事项120件", "受理示例事项1,200件"), 2,
            "report/report.md:9:"),
    Hostile("numbers", "a figure with a wrong comma",
            edit("report.md", "受理示例事项120件", "受理示例事项1,20件"), 2,
            "report/report.md:9:"),
    Hostile("numbers", "a relation that does not hold", relation("completed > received"), 2,
            "completed > received"),
    Hostile("numbers", "a relation naming no indicator", relation("finished <= received"), 2,
            "'finished'"),
    Hostile("numbers", "a relation of 1500 terms", relation(f"{TERMS} > received"), 2,
            "a relation may name at most 100 indicators"),
    Hostile("numbers", "a relation 3000 brackets deep",
            relation("(" * 3000 + "completed" + ")" * 3000 + " <= received"), 2,
            "nest brackets 10 deep"),
    Hostile("numbers", "a relation that divides by zero",
            relation("completed / (received - received) >= completed"), 2,
            "report/indicators.yaml:12:5: relation “completed / (received - received) >= "
            "completed” divides by zero"),
    Hostile("numbers", "a relation with a number in it", relation("completed * 2 > received"), 2,
            "report/indicators.yaml:12:5: relation “completed * 2 > received”: cannot read “2"),
    Hostile("numbers", "an unknown chart type", edit("charts.yaml", "type: bar", "type: radar"),
            2, "unknown type 'radar'"),
    Hostile("numbers", "a chart of a missing indicator",
            edit("charts.yaml", "indicator: completed", "indicator: finished"), 2,
            "no indicator 'finished' is declared in indicators.yaml"),
    Hostile("numbers", "an indicator id twice",
            edit("indicators.yaml", "id: completed", "id: received"), 2,
            "indicator id 'received' is declared twice"),
    # Paths
    Hostile("paths", "report.md a pipe", replace_with("report.md", os.mkfifo), 2,
            "report/report.md: not a regular file"),
    Hostile("paths", "report.md a folder", replace_with("report.md", Path.mkdir), 2,
            "report/report.md: not a regular file"),
    Hostile("paths", "report.md a link to a device",
            replace_with("report.md", lambda path: path.symlink_to("/dev/zero")), 2,
            "report/report.md: not a regular file"),
    Hostile("paths", "an attachment a pipe",
            both(ATTACHED, lambda project: os.mkfifo(project / "report" / "附件.md")), 2,
            "report/附件.md: not a regular file"),
    Hostile("paths", "an attachment linking outside the report folder",
            both(ATTACHED, lambda project: (project / "report" / "附件.md").symlink_to(
                "/etc/hostname")), 2, "attachments: '附件.md' is not a file of the report folder"),
    Hostile("paths", "an attachment in the folder above",
            both(append("report.yaml", "attachments:\n  - file: ../report.md\n")), 2,
            "attachments: '../report.md' is not a file of the report folder itself"),
    Hostile("paths", "report.yaml a pipe", replace_with("report.yaml", os.mkfifo), 2,
            "report/report.yaml: not a regular file"),
    Hostile("paths", "report.yaml a link to a device",
            replace_with("report.yaml", lambda path: path.symlink_to("/dev/zero")), 2,
            "report/report.yaml: not a regular file"),
    Hostile("paths", "a file whose name is not UTF-8 beside the report",
            lambda project: (project / "report" / os.fsdecode(b"notes\xff.txt")).write_text(
                "x", encoding="utf-8"), 0, "report.pdf"),
    Hostile("paths", "an output folder name too long", lambda project: None, 2,
            "cannot write the output (File name too long",
            ("build", "report", "-o", "made/" + "d" * 300 + "/out")),
    Hostile("paths", "an output folder that is a file", lambda project: None, 2,
            "cannot write the output", ("build", "report", "-o", "out/report.pdf")),
    Hostile("paths", "check given a pipe",
            lambda project: os.mkfifo(project / "pipe.pdf"), 2,
            "pipe.pdf: not a PDF file (a folder, a pipe or a device)", ("check", "pipe.pdf")),
    Hostile("paths", "check given a device",
            lambda project: (project / "zero.pdf").symlink_to("/dev/zero"), 2,
            "zero.pdf: not a PDF file (a folder, a pipe or a device)", ("check", "zero.pdf")),
    Hostile("paths", "a build record that is a pipe",
            in_output(".report_pdf-state.json", os.mkfifo), 0, "report.pdf"),
    Hostile("paths", "a build record nested 100,000 deep",
            in_output(".report_pdf-state.json",
                      lambda path: path.write_text("[" * 100_000 + "]" * 100_000)), 0,
            "report.pdf"),
    Hostile("paths", "a build record that lists the user's own file",
            in_output(".report_pdf-state.json", lambda path: (
                path.write_text('{"files": {"notes.txt": "0", "charts/mine.svg": "0"}}'),
                (path.parent / "notes.txt").write_text("mine", encoding="utf-8"),
                (path.parent / "charts" / "mine.svg").write_text("mine", encoding="utf-8"))),
            0, "report.pdf"),
    Hostile("paths", "a lock file linked to a file outside",
            both(EDITED, in_output(".report_pdf.lock",
                                   lambda path: path.symlink_to("../outside.txt"))),
            2,
            "cannot write the output (Too many levels of symbolic links"),
    Hostile("paths", "a lock file that is a pipe",
            both(EDITED, in_output(".report_pdf.lock", os.mkfifo)), 2,
            "cannot write the output"),
    Hostile("paths", "a staging folder planted with a journal naming ../victim.txt",
            both(EDITED, planted_staging("../victim.txt\nreport.pdf")), 0, "report.pdf"),
    Hostile("paths", "a staging folder that links elsewhere",
            both(EDITED, lambda project: (project / "out" / ".report_pdf-staging-x")
                 .symlink_to(project / "report")), 0, "report.pdf"),
    Hostile("paths", "cached font measures of the wrong shape, rightly checksummed",
            both(EDITED, in_cache("font-metrics", checksummed(b'[{"a": "b"}, "x"]'))), 0,
            "report.pdf"),
    Hostile("paths", "cached charts that are pipes",
            both(EDITED, in_cache("charts", os.mkfifo)), 0, "report.pdf"),
    Hostile("paths", "indicators.yaml missing",
            replace_with("indicators.yaml", lambda path: None), 2,
            "report/indicators.yaml: file not found"),
    Hostile("paths", "the report folder missing",
            lambda project: shutil.rmtree(project / "report"), 2,
            "report: report folder not found"),
    Hostile("paths", "a chart id of 300 letters",
            edit("charts.yaml", "id: example", "id: " + "a" * 300), 2,
            "report/charts.yaml:3:9: chart id 'aaaa"),
    Hostile("paths", "a chart id that climbs out",
            edit("charts.yaml", "id: example", "id: ../../escape"), 2,
            "report/charts.yaml:3:9: chart id '../../escape' must be lower-case letters"),
    Hostile("paths", "a font file missing",
            own_fonts(lambda fonts: (fonts / "FandolKai-Regular.otf").unlink()), 2,
            "FandolKai-Regular.otf is missing; restore it from the repository"),
    Hostile("paths", "a font file damaged",
            own_fonts(lambda fonts: (fonts / "NotoSansCJKsc-Regular.otf").write_bytes(b"x")), 2,
            "NotoSansCJKsc-Regular.otf is damaged or was replaced"),
    Hostile("paths", "a seal image that is not there",
            sealed_with("nowhere.svg", None, "0" * 64), 2,
            "seal_image '../seals/nowhere.svg': no such file"),
    Hostile("paths", "a seal image swapped for another",
            sealed_with("seal.svg", EXAMPLE_SEAL.read_bytes(), "1" * 64), 2,
            "the image was changed or swapped since it was approved"),
    Hostile("paths", "a seal image that is not an image",
            sealed_with("seal.png", b"#!/bin/sh\necho not an image\n"), 2,
            "seal_image '../seals/seal.png' is named .png but its content is not a PNG"),
    Hostile("paths", "report.yaml names a fonts folder that is not there",
            append("report.yaml", "fonts: ../nowhere\n"), 2,
            "nowhere: the office's fonts folder was not found"),
    # Sizes
    Hostile("sizes", "a 5 MB report.md",
            lambda project: os.truncate(project / "report" / "report.md", 5 * 2**20), 2,
            "report/report.md: the file is 5.0 MB, more than the 4 MB"),
    Hostile("sizes", "a paragraph of a million characters",
            edit("report.md", BODY, "继续做好" * 250_000), 2,
            "report/report.md:13:1: a paragraph of 1,000,000 characters"),
    Hostile("sizes", "a text of 400,000 characters",
            edit("report.md", BODY, "\n\n".join(["继续做好示例工作。" * 400] * 112)), 2,
            "report/report.md: the text has 403,"),
    Hostile("sizes", "a 400-letter Latin run",
            edit("report.md", "继续做好", "继续" + "a" * 400 + "做好"), 2,
            "(400 letters or digits, never broken inside) is 1002 mm wide"),
    Hostile("sizes", "a summary-table title of 3000 characters",
            edit("report.yaml", "title: 示例指标一览表", "title: " + "表" * 3000), 2,
            "report/report.yaml:3:10: the summary table's title takes 150 lines"),
    Hostile("sizes", "a chart title of 3000 characters",
            edit("charts.yaml", "title: 示例事项办理情况", "title: " + "图" * 3000), 2,
            "report/charts.yaml:3:5: this part of the body is 105 lines tall"),
    Hostile("sizes", "a bar label of 5000 characters",
            edit("charts.yaml", "label: 受理", "label: " + "受" * 5000), 2,
            "report/charts.yaml:3:5: chart 'example' would be 363 lines tall"),
    Hostile("sizes", "an indicator label of 3000 characters",
            edit("indicators.yaml", "label: 办结示例事项", "label: " + "办" * 3000), 2,
            "report/indicators.yaml:7:5: indicator 'completed': its label in the summary table "
            "takes 137 lines"),
    Hostile("sizes", "a report title of 3000 characters",
            edit("report.md", "# 示例工作报告", "# " + "题" * 3000), 2, "report/report.md:2:"),
    Hostile("sizes", "an attachment title of 3000 characters",
            both(ATTACHED, write("附件.md", ("# " + "附" * 3000 + "\n").encode())), 2,
            "report/附件.md:1:1: this part of the body is 137 lines tall"),
    Hostile("sizes", "1000 attachments",
            append("report.yaml", "attachments:\n" + "  - file: 附件.md\n" * 1000), 2,
            "report/report.yaml:5:3: attachments: 1000 attachments, more than the 30"),
    Hostile("sizes", "an issuer mark of 3000 characters",
            edit("report.yaml", "summary_table:", "document:\n  issuer_mark: " + "标" * 3000
                 + "\nsummary_table:"), 2,
            "report/report.yaml: the issuer mark “" + "标" * 40 + "…” is "
            "23283 mm long even in the title's 22 pt type, wider than the 156 mm text block"),
    Hostile("sizes", "a joint issuer's name of 3000 characters",
            edit("report.yaml", "summary_table:", "document:\n  issuer_mark:\n    names: [甲, "
                 + "乙" * 3000 + "]\n    word: 文件\nsummary_table:"), 2,
            "report/report.yaml: document: issuer_mark is too long for the 版头"),
    Hostile("sizes", "1000 joint issuers",
            edit("report.yaml", "summary_table:", "document:\n  issuer_mark:\n    names: ["
                 + ", ".join(["甲"] * 1000) + "]\nsummary_table:"), 2,
            "report/report.yaml:4:12: document: issuer_mark: 1000 issuers, more than the 6"),
    Hostile("sizes", "a joint signature of 3000-character names",
            edit("report.yaml", "summary_table:", "document:\n  signature:\n    authorities: [甲, "
                 + "乙" * 3000 + "]\n    date: 2020年2月3日\n    seal: true\nsummary_table:"), 2,
            "report/report.yaml: the joint signature's names are too long"),
    Hostile("sizes", "a head of 3000 characters",
            edit("report.md", "## 一、示例情况", "## 一、" + "情" * 3000), 2,
            "report/report.md:6:"),
    Hostile("sizes", "a signing authority of 3000 characters",
            edit("report.yaml", "summary_table:", "document:\n  signature:\n    authority: "
                 + "署" * 3000 + "\n    date: 2020年2月3日\nsummary_table:"), 2,
            "report/report.yaml: the signature (署名) and its date do not fit"),
    Hostile("sizes", "a bar label of 3000 Latin letters",
            edit("charts.yaml", "label: 受理", "label: " + "a" * 3000), 2,
            "report/charts.yaml:3:5: chart 'example': its labels leave no room for the bars"),
    Hostile("sizes", "a unit of 3000 characters",
            edit("indicators.yaml", "unit: 件", "unit: " + "件" * 3000), 2,
            "report/indicators.yaml:5:11: indicator 'received': a unit of 3000 characters"),
    Hostile("sizes", "an indicator label of 400 digits",
            edit("indicators.yaml", "label: 办结示例事项", "label: '" + "9" * 400 + "'"), 2,
            "report/indicators.yaml:7:5: “9999"),
    Hostile("sizes", "a 签名章 signer's title of 3000 characters",
            edit("report.yaml", "summary_table:", "document:\n  signature:\n    signer: "
                 + "长" * 3000 + "\n    date: 2020年2月3日\nsummary_table:"), 2,
            "report/report.yaml: the signer's title beside the 签名章 does not fit"),
    Hostile("sizes", "200 签发人",
            edit("report.yaml", "summary_table:", "document:\n  issuer_mark: 示例市人民政府文件\n"
                 "  number: 示府发〔2020〕1号\n  signers: [" + ", ".join(["示例人"] * 200)
                 + "]\nsummary_table:"), 2,
            "report/report.yaml: this part of the body is 109 lines tall"),
    Hostile("sizes", "a table cell of 3000 characters",
            edit("report.md", BODY, "表1 示例表\n\n| 甲 | 乙 |\n|---|---|\n| " + "格" * 3000
                 + " | 乙 |"), 2, "a row of 表1 takes"),
]
