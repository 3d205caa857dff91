"""Stage 4: typesetting with only the committed fonts; missing glyphs fail the build."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import ROOT, build_into
from report_pdf.errors import InputError


def test_minimal_report_builds_without_warnings(make_report, tmp_path):
    built = build_into(make_report(), tmp_path / "out")
    assert built.result.warnings == ()
    assert "示例工作报告" in built.pages[0]
    assert "120" in built.pages[-1]  # the summary table


@pytest.mark.parametrize("character, code_point", [
    ("😀", "U+1F600"),  # emoji
    ("\U00020000", "U+20000"),  # CJK Extension B: not in the Fandol fonts
])
def test_a_character_missing_from_the_body_font_fails_with_where_it_is(
        make_report, tmp_path, character, code_point):
    text = (make_report() / "report.md").read_text(encoding="utf-8")
    folder = make_report({"report.md": text.replace("继续做好", f"继续{character}做好")})
    with pytest.raises(InputError) as raised:
        build_into(folder, tmp_path / "out")
    assert [str(problem) for problem in raised.value.problems] == [
        f"report/report.md:13:3: character “{character}” ({code_point}) is not in the font "
        "FandolFang-Regular.otf (FandolFang, 仿宋 — body text (三号正文)) nor in LXGW WenKai, "
        "Noto Serif CJK SC, BabelStone Han; replace it with a character the font has, or "
        "choose a font that has it"]
    assert not (tmp_path / "out").exists()


def test_a_character_missing_from_a_heading_font_names_that_font(make_report, tmp_path):
    text = (make_report() / "report.md").read_text(encoding="utf-8")
    # CJK Extension B: in none of the committed faces
    folder = make_report({"report.md": text.replace("二、下一步工作", "二、下一步工作\U00020001")})
    with pytest.raises(InputError) as raised:
        build_into(folder, tmp_path / "out")
    (problem,) = raised.value.problems
    assert str(problem.location) == "report/report.md:11:11"
    assert "“\U00020001” (U+20001) is not in the font NotoSansCJKsc-Regular.otf" in \
        problem.message


def test_each_missing_character_is_reported_once_with_a_count(make_report, tmp_path):
    text = (make_report() / "report.md").read_text(encoding="utf-8")
    folder = make_report({"report.md": text.replace("示例开头段落。", "😀。\n😀。\n\n😀")})
    with pytest.raises(InputError) as raised:
        build_into(folder, tmp_path / "out")
    (problem,) = raised.value.problems
    assert str(problem.location) == "report/report.md:4:1"
    assert "(and in 2 more places)" in problem.message


def test_characters_special_to_html_are_shown_as_text(make_report, tmp_path):
    # (Tags themselves are refused as markup: see tests/hostile.py.)
    text = (make_report() / "report.md").read_text(encoding="utf-8")
    folder = make_report({"report.md": text.replace("示例开头段落。", "示例&amp;开头<段落>。")})
    built = build_into(folder, tmp_path / "out")
    assert "示例&amp;开头<段落>。" in built.pages[0]
    assert "&amp;amp</span>;开头&lt;段落&gt;" in built.html


def test_a_title_too_long_for_one_line_must_be_broken_by_meaning(make_report, tmp_path):
    text = (make_report() / "report.md").read_text(encoding="utf-8")
    long_title = "示例市人民政府关于示例年度法治政府建设情况和下一步工作安排的报告"
    folder = make_report({"report.md": text.replace("# 示例工作报告", f"# {long_title}")})
    with pytest.raises(InputError) as raised:
        build_into(folder, tmp_path / "out")
    (problem,) = raised.value.problems
    assert str(problem.location) == "report/report.md:2:1"
    assert "wider than the 156 mm text block: break it where the meaning allows" in (
        problem.message)


def test_a_title_broken_by_meaning_is_set_line_by_line_centred(make_report, tmp_path):
    from report_pdf.check.reading import read_pdf

    text = (make_report() / "report.md").read_text(encoding="utf-8")
    title = "# 示例市人民政府关于示例年度法治政府建设\n# 情况和下一步工作安排的报告"
    folder = make_report({"report.md": text.replace("# 示例工作报告", title)})
    built = build_into(folder, tmp_path / "out")
    first_lines = built.pages[0].splitlines()[:2]
    assert first_lines == ["示例市人民政府关于示例年度法治政府建设", "情况和下一步工作安排的报告"]
    chars = [char for char in read_pdf(built.pdf).pages[0].chars if char.size > 20]
    centres = {round(char.baseline): [] for char in chars}
    for char in chars:
        centres[round(char.baseline)].append(char)
    for line in centres.values():
        middle = (line[0].x0 + line[-1].x1) / 2
        assert middle == pytest.approx((28 + 156 / 2) * 72 / 25.4, abs=1)
    assert built.result.check.passed


def test_a_layout_naming_an_unknown_font_is_refused(make_report, tmp_path):
    from report_pdf.fonts import load_fonts
    from report_pdf.layout import check_layout_fonts, load_layout

    layout = load_layout(ROOT / "styles")
    families = {font.family for font in load_fonts(ROOT / "fonts").fonts}
    check_layout_fonts(layout, families, ROOT / "styles")  # the committed layout is fine
    broken = dataclasses.replace(layout, text={**layout.text, "body": dataclasses.replace(
        layout.text["body"], fonts=("Liberation Serif", "FandolFangg"))})
    with pytest.raises(InputError) as raised:
        check_layout_fonts(broken, families, ROOT / "styles")
    (problem,) = raised.value.problems
    assert problem.message.startswith("text style 'body' names the font 'FandolFangg', which "
                                      "is not in fonts/fonts.yaml")


def test_without_harfbuzz_subset_the_build_warns_once_not_once_per_font(tmp_path, monkeypatch):
    import weasyprint.pdf.fonts

    from report_pdf.cache import Cache
    from report_pdf.fonts import load_fonts
    from report_pdf.typeset import NO_HARFBUZZ_SUBSET, typeset

    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    fonts = load_fonts(ROOT / "fonts", Cache(None))
    faces = "".join(
        f'@font-face {{ font-family: "Liberation Serif"; font-weight: {weight}; '
        f'src: url("{(ROOT / "fonts" / name).as_uri()}") }}'
        for weight, name in ((400, "LiberationSerif-Regular.ttf"),
                             (700, "LiberationSerif-Bold.ttf")))
    html = (f"<html lang='en'><style>{faces} p {{ font-family: 'Liberation Serif' }}</style>"
            "<p>Regular</p><p><b>Bold</b></p></html>")
    result = typeset(html, tmp_path, fonts, {})
    assert result.warnings == (NO_HARFBUZZ_SUBSET,)


def test_an_image_inside_a_figure_that_points_outside_is_refused(built_2019):
    # SVG images load only when the PDF is written, after the layout: refused then too.
    from report_pdf.fonts import load_fonts
    from report_pdf.layout import load_layout
    from report_pdf.typeset import typeset

    svg = (b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
           b'<image href="file:///etc/hostname" width="10" height="10"/></svg>')
    html = '<html><body><img src="charts/planted.svg"></body></html>'  # no text: no font
    with pytest.raises(InputError) as raised:
        typeset(html, built_2019.result.pdf_path.parent, load_fonts(ROOT / "fonts"),
                {"charts/planted.svg": svg},
                print_profile=load_layout(ROOT / "styles").print_profile)
    assert [problem.message for problem in raised.value.problems] == [
        "a reference to something outside the report's fonts and figures was refused: "
        "file:///etc/hostname"]


PROBE = """
import json, os, re, subprocess, sys
started = []
original = subprocess.Popen.__init__
def recording(self, *args, **kwargs):
    started.append(str(args[0] if args else kwargs.get("args")))
    original(self, *args, **kwargs)
subprocess.Popen.__init__ = recording
if sys.argv[1] == "ours":
    from report_pdf.typeset import load_typesetter
    load_typesetter()
else:
    os.environ["FONTCONFIG_FILE"] = sys.argv[2]
    import weasyprint
maps = open("/proc/self/maps").read()
libraries = sorted(set(re.findall(r"/\\S*lib(?:gobject|pango|harfbuzz|fontconfig)\\S*", maps)))
print(json.dumps({"started": started, "libraries": libraries,
                  "subset": type(sys.modules["fontTools.subset"]).__name__}))
"""


def test_weasyprint_loads_the_same_libraries_without_running_a_program():
    import json
    import subprocess
    import sys

    from report_pdf.typeset import EMPTY_FONTCONFIG

    def probe(mode: str) -> dict:
        completed = subprocess.run([sys.executable, "-c", PROBE, mode, str(EMPTY_FONTCONFIG)],
                                   capture_output=True, text=True, timeout=120, check=True)
        return json.loads(completed.stdout.splitlines()[-1])

    ours, plain = probe("ours"), probe("plain")
    assert ours["started"] == [] and plain["started"] != []  # ldconfig, a compiler
    assert ours["libraries"] == plain["libraries"]
    assert any("harfbuzz-subset" in path for path in ours["libraries"])
    # fontTools' subsetter waits for its first use (when HarfBuzz cannot subset).
    assert (ours["subset"], plain["subset"]) == ("_LazyModule", "module")


def test_a_lazy_module_loads_on_first_use():
    import sys

    from report_pdf.typeset_loading import make_lazy

    sys.modules.pop("json.tool", None)
    make_lazy(("json.tool",))
    module = sys.modules["json.tool"]
    assert type(module).__name__ == "_LazyModule"
    assert callable(module.main)
    assert type(module).__name__ == "module"


def test_page_references_are_made_once_per_number_of_pages():
    import pydyf

    from report_pdf.typeset import load_typesetter

    load_typesetter()  # keeps them
    pdf = pydyf.PDF()
    for _ in range(3):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    references = pdf.page_references
    assert references == tuple(f"{number} 0 R".encode() for number in pdf.pages["Kids"][::3])
    assert pdf.page_references is references  # kept, not made again
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert len(pdf.page_references) == 4 and pdf.page_references[:3] == references
