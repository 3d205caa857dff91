"""A joint document (联合行文, GB/T 9704 7.2.4, 7.3.5.1, 7.3.5.2): the stacked
issuer mark, the names side by side under their seals or one under the other,
and the check of each. Example data and example seals only."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import FIXTURES, ROOT, build_into, first_pages
from report_pdf.check import check_pdf
from report_pdf.content import load_report
from report_pdf.errors import InputError
from report_pdf.fonts import load_fonts
from report_pdf.ink import in_seal_inks
from report_pdf.layout import PT_PER_MM
from report_pdf.plan import plan_document
from report_pdf.plan_parts import MastheadBlock, SignatureBlock
from report_pdf.typeset import typeset

JOINT = FIXTURES / "joint"
AUTHORITIES = re.compile(r"    authorities:.*?(?=    date:)", re.S)


def copy_with(tmp_path, change):
    """The joint example (with the example seals beside it) with report.yaml changed."""
    shutil.copytree(FIXTURES / "seals", tmp_path / "seals")
    folder = tmp_path / "report"
    shutil.copytree(JOINT, folder)
    settings = (folder / "report.yaml").read_text(encoding="utf-8")
    changed = change(settings)
    assert changed != settings
    (folder / "report.yaml").write_text(changed, encoding="utf-8")
    return folder


def unsealed(settings: str) -> str:
    return AUTHORITIES.sub("    authorities: [中共示例县委员会, 示例县人民政府]\n", settings)


def planned(folder, fonts, layout):
    plan = plan_document(load_report(folder), [], fonts, layout)
    (masthead,) = plan.blocks(MastheadBlock)
    (signature,) = plan.blocks(SignatureBlock)
    return masthead, signature


def test_the_joint_mark_stacks_the_names_at_one_width_with_the_word_beside(fonts, layout):
    masthead, _ = planned(JOINT, fonts, layout)
    joint = masthead.joint
    assert [name for name, _, _ in joint.names] == ["中共示例县委员会", "示例县人民政府"]
    assert joint.word == "文件" and joint.word_left > joint.left
    # the word centred on the two names, and the whole fitting the text block
    height = joint.names[-1][1] + joint.size
    assert joint.word_top + joint.size / 2 == pytest.approx(height / 2)
    assert joint.size < layout.text["issuer_mark"].size_pt  # set down to fit
    assert joint.names[1][2] > 0  # the shorter name spread to the longer's width


def test_sealed_names_stand_side_by_side_the_last_over_the_date(fonts, layout):
    _, signature = planned(JOINT, fonts, layout)
    names, date = signature.lines
    assert [run.text for run in names] == ["中共示例县委员会", "示例县人民政府"]
    assert len(signature.seals) == 2
    first, second = signature.seals
    assert first.top == second.top  # aligned
    diameter = layout.seal_diameter_mm * PT_PER_MM
    assert second.left - (first.left + first.width) >= layout.seal_joint_gap_mm * PT_PER_MM - 0.01
    assert first.width == pytest.approx(diameter)


def test_unsealed_names_stand_one_under_the_other(tmp_path, fonts, layout):
    _, signature = planned(copy_with(tmp_path, unsealed), fonts, layout)
    assert [line[0].text for line in signature.lines] == [
        "中共示例县委员会", "示例县人民政府", "2024年1月22日"]
    assert not signature.seals
    assert signature.lines[0][0].gap == signature.lines[1][0].gap  # starting together


@pytest.mark.parametrize("change, expected", [
    (lambda text: AUTHORITIES.sub("    authorities: [中共示例县委员会]\n", text),
     "authorities lists the 2 to 6 issuers"),
    (lambda text: text.replace("    authorities:",
                               "    authority: 示例县人民政府\n    authorities:"),
     "give no authority, signer or seal_image beside it"),
    (lambda text: text.replace("        seal_sha256: a0a0", "        seal_sha: a0a0"),
     "seal_image and seal_sha256 go together"),
    (lambda text: text.replace("    names: [中共示例县委员会, 示例县人民政府]",
                               "    names: [示例县人民政府]"),
     "issuer_mark: names lists the issuers of a joint document"),
], ids=["one-issuer", "authority-beside", "half-pinned", "one-name-in-the-mark"])
def test_wrong_joint_settings_are_refused(tmp_path, change, expected):
    with pytest.raises(InputError) as raised:
        load_report(copy_with(tmp_path, change))
    assert any(expected in str(problem) and "report.yaml:" in str(problem)
               for problem in raised.value.problems), raised.value.problems


def test_the_joint_example_passes_every_rule(built_joint):
    result = built_joint.result
    assert result.check.passed, result.check.table()
    rules = {rule.rule: rule.measured for rule in result.check.results}
    assert rules["联合行文 署名 and seals"] == "2 issuers side by side"
    assert rules["发文机关标志 and the red line"].startswith("2 issuers and “文件”, top 35.00 mm")


def test_the_unsealed_joint_signature_passes_every_rule(tmp_path):
    built = build_into(copy_with(tmp_path, unsealed), tmp_path / "out")
    assert built.result.check.passed, built.result.check.table()
    rules = {rule.rule: rule.measured for rule in built.result.check.results}
    assert rules["联合行文 署名 and seals"] == "2 issuers one under the other"


def failing_after(built, layout, old: str, new: str, pages: int) -> dict[str, str]:
    """The failing rules of the build's first ``pages`` pages with ``old`` made ``new``."""
    html = first_pages(built.html, pages)
    assert html.count(old) == 1, old
    output = built.result.html_path.parent
    images = [issuer.image for issuer in load_report(JOINT).document.signature.joint]
    seals = {(output / name).as_posix(): in_seal_inks(image.svg, layout.red_cmyk).encode()
             for name, image in zip(("seal.svg", "seal-2.svg"), images, strict=True)}
    pdf = typeset(html.replace(old, new), output, load_fonts(ROOT / "fonts"), seals,
                  print_profile=layout.print_profile).pdf
    return {rule.rule: " / ".join(rule.details) for rule in check_pdf(pdf, layout).failures}


SECOND_SEAL = 'src="seal-2.svg" alt="印章" style="left: 267.536pt;'
WORD = '<span class="line" style="left: 361.804pt; top: 25.125pt">文件</span>'


@pytest.mark.parametrize("old, new, pages, rule, expected", [
    (SECOND_SEAL, SECOND_SEAL.replace("267.536", "200.000"), 2, "联合行文 署名 and seals",
     "seals 1 and 2 touch or overlap"),
    (WORD, WORD.replace("25.125pt", "45.125pt"), 1, "发文机关标志 and the red line",
     "“文件” 7.06 mm off the names' middle"),
    ('<div class="red-rule" style="margin-top: 11.339pt;',
     '<div class="red-rule" style="margin-top: 17.339pt;', 1, "发文机关标志 and the red line",
     "the red line 6.12 mm under the 发文字号"),
], ids=["seals-touching", "word-off-the-middle", "red-line-too-low"])
def test_a_joint_document_set_wrong_fails(built_joint, layout, old, new, pages, rule,
                                          expected):
    failed = failing_after(built_joint, layout, old, new, pages)
    assert rule in failed, failed
    assert expected in failed[rule]


MARK = '<p class="issuer-mark" style="margin-top: 16.633pt; height: 42.000pt">'


@pytest.mark.parametrize("new, expected", [
    # two millimetres lower, and the lines under it with it
    (MARK.replace("16.633pt", "22.302pt"),
     "the mark's top 37.00 mm under the text block's top"),
    (MARK.replace('style="', 'style="padding-left: 40pt; '), "the mark 7.06 mm off centre"),
], ids=["lower", "off-centre"])
def test_an_issuer_mark_out_of_place_fails(built_issued, layout, new, expected):
    html = first_pages(built_issued.html, 1)
    assert html.count(MARK) == 1
    pdf = typeset(html.replace(MARK, new), built_issued.result.html_path.parent,
                  load_fonts(ROOT / "fonts"), {}, print_profile=layout.print_profile).pdf
    failed = {rule.rule: " / ".join(rule.details) for rule in check_pdf(pdf, layout).failures}
    assert expected in failed["发文机关标志 and the red line"], failed


def test_a_mark_wider_than_the_text_block_is_set_smaller_to_fit(tmp_path, fonts, layout):
    folder = tmp_path / "report"
    shutil.copytree(FIXTURES / "issued", folder)
    settings = (folder / "report.yaml").read_text(encoding="utf-8")
    longer = settings.replace("issuer_mark: 示例市人民政府文件",
                              "issuer_mark: 示例市人民政府办公室文件")
    (folder / "report.yaml").write_text(longer, encoding="utf-8")
    plan = plan_document(load_report(folder), [], fonts, layout)
    (masthead,) = plan.blocks(MastheadBlock)
    size = layout.text["issuer_mark"].size_pt
    assert masthead.mark_height < size
    # 12 characters of the mark's face fill the text block, no more
    assert 12 * masthead.mark_height == pytest.approx(layout.text_width_pt, rel=0.02)


def test_addressees_a_line_too_low_fail(built_issued, layout):
    old = '<p class="addressees continued" style="margin-top: 28.950pt">'
    html = first_pages(built_issued.html, 1)
    assert html.count(old) == 1
    pdf = typeset(html.replace(old, old.replace("28.950pt", "57.900pt")),
                  built_issued.result.html_path.parent, load_fonts(ROOT / "fonts"), {},
                  print_profile=layout.print_profile).pdf
    failed = {rule.rule: " / ".join(rule.details) for rule in check_pdf(pdf, layout).failures}
    assert failed["主送机关"] == "“示例自治区人民政府：” 2.00 lines under the title, not 1"


def test_a_document_number_off_centre_fails(built_issued, layout):
    old = 'style="margin-left: 153.102pt">示府发〔2020〕1号</span>'
    html = first_pages(built_issued.html, 1)
    assert html.count(old) == 1
    pdf = typeset(html.replace(old, old.replace("153.102", "133.102")),
                  built_issued.result.html_path.parent, load_fonts(ROOT / "fonts"), {},
                  print_profile=layout.print_profile).pdf
    failed = {rule.rule: " / ".join(rule.details) for rule in check_pdf(pdf, layout).failures}
    assert failed["发文机关标志 and the red line"] == "the 发文字号 7.06 mm off centre"
