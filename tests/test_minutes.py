"""The 纪要格式 (GB/T 9704 10.3), on the example minutes (example data only): the
mark, and the lists of who attended as the standard lays them out, measured from
the PDF; report.yaml's keys refused where minutes have no place for them; and
the check failing a list broken in one way at a time."""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES, build_into, edit, failing, refusal, render, replace_in
from report_pdf.check import check_pdf
from report_pdf.check.reading import read_pdf
from report_pdf.errors import InputError
from report_pdf.layout import PT_PER_MM

MINUTES = FIXTURES / "minutes"
RULE = "出席, 请假 and 列席 of minutes"


@pytest.fixture(scope="module")
def minutes(built_minutes):
    return built_minutes, read_pdf(built_minutes.pdf)


def lines_of(page) -> list[list]:
    """The page's lines of characters, top to bottom, each left to right."""
    lines: dict[float, list] = {}
    for char in page.chars:
        lines.setdefault(round(char.baseline, 1), []).append(char)
    return [sorted(chars, key=lambda char: char.x0) for _, chars in sorted(lines.items())]


def text(chars) -> str:
    return "".join(char.text for char in chars)


def test_every_layout_rule_passes(minutes):
    built, _ = minutes
    assert built.result.check.passed, built.result.check.table()
    measured = {result.rule: result.measured for result in built.result.check.results}
    assert measured[RULE] == "出席 / 请假 / 列席, 11.14 mm, 11.14 mm, 11.14 mm in"


def test_the_mark_is_red_centred_and_set_smaller_to_fit_the_text_block(minutes, layout):
    _, document = minutes
    mark = [char for char in document.pages[0].chars if char.red]
    assert text(mark) == "示例市法治政府建设工作会议纪要"
    left, right = layout.left_mm * PT_PER_MM, (layout.left_mm + layout.text_width_mm) * PT_PER_MM
    assert left < mark[0].x0 and mark[-1].x1 < right
    assert mark[0].x0 - left == pytest.approx(right - mark[-1].x1, abs=0.5)
    # the 42 pt of a 文件's mark would not fit its 15 characters
    assert mark[0].size == pytest.approx(29, abs=0.01)


def test_attendance_lists_as_the_standard_lays_them_out(minutes, layout):
    _, document = minutes
    lines = lines_of(document.pages[1])
    texts = [text(line) for line in lines]
    first = next(index for index, line in enumerate(texts) if line.startswith("出席："))
    assert texts[first:first + 7] == [
        "出席：示例市人民政府张示例，示例市司法局李示例，", "示例市公安局王示例，",
        "示例市市场监督管理局赵示例，", "示例市生态环境局钱示例，示例市自然资源局孙示例",
        "请假：示例市交通运输局周示例", "列席：示例市甲区人民政府吴示例，",
        "示例市乙区人民政府郑示例"]
    pitch, left = layout.line_pitch_pt, layout.left_mm * PT_PER_MM
    body = lines[first - 1]
    assert lines[first][0].baseline - body[0].baseline == pytest.approx(2 * pitch, abs=0.1)
    for index, line in enumerate(lines[first:first + 7]):
        assert line[0].baseline == pytest.approx(lines[first][0].baseline + index * pitch,
                                                 abs=0.1)
    names_left = lines[first][3].x0
    for line in lines[first:first + 7]:
        if text(line)[2:3] == "：":  # a label: 三号黑体, two characters in
            assert line[0].x0 == pytest.approx(left + 2 * 16, abs=1.0)
            assert all(char.font == "Noto-Sans-CJK-SC" for char in line[:3])
            assert all(char.size == pytest.approx(16, abs=0.01) for char in line[:3])
            assert line[3].x0 - line[2].x1 < 1  # the names right after the colon
            names = line[3:]
        else:
            names = line
        assert names[0].x0 == pytest.approx(names_left, abs=0.3)  # under the first name
        assert all("FandolFang" in char.font for char in names)


@pytest.mark.parametrize("old, new, expected, line", [
    ("  present:", "  signature:\n    authority: 示例市人民政府\n    date: 2024年3月5日\n"
     "  present:", "document: minutes (纪要格式, GB/T 9704 10.3) carry no 署名 or 成文日期", 8),
    ("issuer_mark: 示例市法治政府建设工作会议纪要", "issuer_mark: 示例市人民政府文件",
     "document: the mark of minutes (纪要格式, GB/T 9704 10.3) is “××××纪要”, found "
     "'示例市人民政府文件'", 5),
    ("  present:", "  signers: [张示例]\n  present:", "document: signers (签发人) stand in the "
     "版头 of a 上行文 in the 文件格式, not in minutes", 7),
    ("  format: minutes               # 纪要格式\n", "", "document: present (出席) is printed "
     "at the end of minutes (纪要格式, GB/T 9704 10.3): give format: minutes, or remove it", 7),
], ids=["signature", "mark", "signers", "no-format"])
def test_what_minutes_have_no_place_for_is_refused_with_its_place(tmp_path, old, new,
                                                                 expected, line):
    problem = refusal(MINUTES, tmp_path / "report", old, new, expected)
    assert problem.location.line == line


def test_a_mark_too_long_even_in_the_titles_size_is_refused(tmp_path):
    folder = tmp_path / "report"
    shutil.copytree(MINUTES, folder)
    replace_in(folder / "report.yaml", "示例市法治政府建设工作会议纪要",
           "示例市法治政府建设工作领导小组全体成员单位联席会议纪要")
    with pytest.raises(InputError) as raised:
        build_into(folder, tmp_path / "out")
    assert [problem.message for problem in raised.value.problems] == [
        "the issuer mark “示例市法治政府建设工作领导小组全体成员单位联席会议纪要” is 210 mm long "
        "even in the title's 22 pt type, wider than the 156 mm text block: shorten it"]
    assert not (tmp_path / "out").exists()


PRESENT = '<ul class="attendance" style="margin-top: 28.950pt; padding-left: 78.927pt; ' \
          'text-indent: -47.356pt">'
ON_LEAVE = '<ul class="attendance" style="padding-left: 78.927pt; text-indent: -47.356pt">' \
           '<li><span class="text"><span class="run-label">请假：</span>示例市交通运输局周示例' \
           '</span></li></ul>\n'


@pytest.mark.parametrize("change, expected", [
    # 出席 in the names' 仿宋
    (lambda html: edit(html, '<span class="run-label">出席：</span>', "出席："),
     "page 2: “出席：示例市人民政府张示例，…”: 出席 not in 三号黑体"),
    # the wrapped names a character left of the first
    (lambda html: edit(html, PRESENT, PRESENT.replace("78.927", "62.927")
                       .replace("-47.356", "-31.356")),
     "page 2: “示例市公安局王示例，”: starts -5.63 mm from the first name, not under it / "
     "page 2: “示例市市场监督管理局赵示例，”: starts -5.63 mm from the first name, not under it / "
     "page 2: “示例市生态环境局钱示例，示例…”: starts -5.63 mm from the first name, not under "
     "it"),
    # no blank line under the text
    (lambda html: edit(html, PRESENT, PRESENT.replace("margin-top: 28.950pt; ", "")),
     "page 2: “出席：示例市人民政府张示例，…”: 0.00 blank lines under the text above, not 1"),
    # 列席 before 请假
    (lambda html: edit(html, ON_LEAVE, "").replace("</li></ul>\n</main>",
                                                   "</li></ul>\n" + ON_LEAVE + "</main>"),
     "出席 / 列席 / 请假: not in the order 出席, 请假, 列席, each once"),
], ids=["label-face", "wrapped-lines", "no-blank-line", "order"])
def test_a_list_broken_in_one_way_fails_the_attendance_rule(built_minutes, layout, change,
                                                            expected):
    report = check_pdf(render((built_minutes, built_minutes.result.html_path.parent),
                              change(built_minutes.html)), layout)
    assert failing(report) == {RULE: expected}
