"""The committed fonts: manifest, integrity, licences and coverage."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from conftest import ROOT
from report_pdf.content.yamldoc import load_yaml
from report_pdf.errors import InputError
from report_pdf.fonts import load_fonts
from report_pdf.layout import load_layout

FONTS = ROOT / "fonts"


@pytest.fixture(scope="module")
def fonts():
    return load_fonts(FONTS)


def test_manifest_lists_every_font_file_with_its_true_hash(fonts):
    files = {path.name for path in FONTS.iterdir() if path.suffix in (".otf", ".ttf")}
    assert {font.path.name for font in fonts.fonts} == files
    for font in fonts.fonts:
        assert font.role
    manifest = load_yaml(FONTS / "fonts.yaml", FONTS / "fonts.yaml").value["fonts"].value
    for entry in manifest:
        fields = {key: node.value for key, node in entry.value.items()}
        data = (FONTS / fields["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == fields["sha256"]
        assert "Debian" in fields["source"]


def test_licence_texts_are_committed():
    licences = FONTS / "licenses"
    assert "GNU GENERAL PUBLIC LICENSE" in (licences / "GPL-3.0.txt").read_text()
    assert "As a special exception" in (licences / "Font-exception-2.0.txt").read_text()
    assert "GPL + GPL font exception" in (licences / "Fandol-README.txt").read_text()
    assert "SIL OPEN FONT LICENSE Version 1.1" in (licences / "Liberation-copyright.txt"
                                                   ).read_text()
    for name in ("OFL-1.1-Noto-CJK.txt", "OFL-1.1-LXGW-WenKai.txt"):
        assert "SIL OPEN FONT LICENSE Version 1.1" in (licences / name).read_text()
    assert "ARPHIC PUBLIC LICENSE" in (licences / "Arphic-Public-License.txt").read_text()


def test_a_damaged_font_file_is_refused(tmp_path):
    copy = tmp_path / "fonts"
    shutil.copytree(FONTS, copy)
    damaged = copy / "FandolKai-Regular.otf"
    damaged.write_bytes(damaged.read_bytes()[:1000])
    (copy / "LiberationSerif-Bold.ttf").unlink()
    with pytest.raises(InputError) as raised:
        load_fonts(copy)
    messages = [problem.message for problem in raised.value.problems]
    assert len(messages) == 2
    assert "FandolKai-Regular.otf is damaged or was replaced" in messages[0]
    assert "LiberationSerif-Bold.ttf is missing" in messages[1]


def test_stacks_give_latin_to_the_latin_face_and_chinese_to_the_chinese_face(fonts):
    body = ("Liberation Serif", "FandolFang")
    assert fonts.covering("8", body, 400).path.name == "LiberationSerif-Regular.ttf"
    assert fonts.covering("“", body, 400).path.name == "FandolFang-Regular.otf"
    assert fonts.covering("治", body, 400).path.name == "FandolFang-Regular.otf"
    assert fonts.covering("8", ("Liberation Serif", "Noto Serif CJK SC"), 700
                          ).path.name == "LiberationSerif-Bold.ttf"
    assert fonts.covering("😀", body, 400) is None
    assert fonts.covering("\U00020000", body, 400) is None  # CJK extension B


def test_every_character_of_the_2019_text_is_in_the_body_font(fonts):
    text = (ROOT / "content" / "2019" / "report.md").read_text(encoding="utf-8")
    missing = {char for char in text if char != "\n"
               and fonts.covering(char, ("Liberation Serif", "FandolFang"), 400) is None}
    assert missing == set()


GBK_IDEOGRAPHS = range(0x4E00, 0x9FA6)  # 20,902
EXTENSION_A = range(0x3400, 0x4DC0)  # 6,592


def test_every_ideograph_of_gbk_and_extension_a_has_a_face_in_every_role(fonts):
    layout = load_layout(ROOT / "styles")
    for role, style in layout.text.items():
        faces = {}
        for code in (*GBK_IDEOGRAPHS, *EXTENSION_A):
            font = fonts.covering(chr(code), style.fonts, style.weight)
            assert font is not None, f"{role}: U+{code:04X} has no face"
            faces[font.family] = faces.get(font.family, 0) + 1
        meant = fonts.main_font(style.fonts, style.weight).family
        assert faces[meant] >= 20_000 if meant.startswith("Noto") else faces[meant] > 7_000, (
            role, faces)


def test_a_character_set_in_a_fallback_face_is_a_warning_naming_it_and_its_place(
        make_report, tmp_path):
    from conftest import build_into

    text = (make_report() / "report.md").read_text(encoding="utf-8")
    folder = make_report({"report.md": text.replace("继续做好", "继续在埇桥区做好")})
    built = build_into(folder, tmp_path / "out")
    (warning,) = [message for message in built.result.warnings if "埇" in message]
    assert warning.startswith("font: report/report.md:13:4: character “埇” (U+57C7) is not "
                              "in the font FandolFang-Regular.otf")
    assert "set in LXGW WenKai (LXGWWenKai-Light.ttf) instead" in warning
    assert built.result.check.passed, built.result.check.table()


def office_font(folder, keep: str):
    """An office's own licensed font, stood in for by FandolFang cut to ``keep``
    and named “Office Fang”: outside the repository, as an office's would be."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(FONTS / "FandolFang-Regular.otf")
    subsetter = subset.Subsetter(subset.Options(name_IDs=["*"]))
    subsetter.populate(text=keep)
    subsetter.subset(font)
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = "Office Fang"
        elif record.nameID == 6:
            record.string = "OfficeFang"
    folder.mkdir()
    font.save(folder / "OfficeFang.otf")
    (folder / "fonts.yaml").write_text(
        "# an office's own fonts: used, never committed\n"
        "fonts:\n  - file: OfficeFang.otf\n    family: Office Fang\n    weight: 400\n"
        "    sets: [仿宋]\n", encoding="utf-8")


def test_an_offices_own_fonts_come_first_where_they_set(make_report, tmp_path):
    from conftest import build_into
    from report_pdf.check.reading import read_pdf

    folder = make_report()
    text = (folder / "report.md").read_text(encoding="utf-8")
    office_font(tmp_path / "office", keep="".join(set(text) - set("继")))
    settings = (folder / "report.yaml").read_text(encoding="utf-8")
    (folder / "report.yaml").write_text(settings + "fonts: ../office\n", encoding="utf-8")
    built = build_into(folder, tmp_path / "out")
    body = [char for page in read_pdf(built.pdf).pages for char in page.chars
            if abs(char.size - 16) < 0.1 and not char.text.isascii()]
    assert {char.font for char in body if char.text != "继"} >= {"Office-Fang"}
    assert {char.font for char in body if char.text == "继"} == {"FandolFang"}
    assert any("“继” (U+7EE7) is not in the font OfficeFang.otf" in warning
               for warning in built.result.warnings)
    assert built.result.check.passed, built.result.check.table()


def test_an_offices_fonts_count_in_the_fingerprint(make_report, tmp_path):
    from report_pdf.options import BuildOptions

    folder = make_report()
    office_font(tmp_path / "office", keep="示例")
    options = BuildOptions(report_folder=folder, output_folder=tmp_path / "out",
                           project_folder=tmp_path, office_fonts=tmp_path / "office")
    before = options.fingerprint()
    font = tmp_path / "office" / "OfficeFang.otf"
    font.write_bytes(font.read_bytes() + b"\0")
    assert options.fingerprint() != before
