"""The committed fonts: manifest, integrity, licences and coverage."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from conftest import ROOT
from report_pdf.content.yamldoc import load_yaml
from report_pdf.errors import InputError
from report_pdf.fonts import load_fonts

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
        assert "Debian 12 package" in fields["source"]


def test_licence_texts_are_committed():
    licences = FONTS / "licenses"
    assert "GNU GENERAL PUBLIC LICENSE" in (licences / "GPL-3.0.txt").read_text()
    assert "As a special exception" in (licences / "Font-exception-2.0.txt").read_text()
    assert "GPL + GPL font exception" in (licences / "Fandol-README.txt").read_text()
    assert "SIL OPEN FONT LICENSE Version 1.1" in (licences / "Liberation-copyright.txt"
                                                   ).read_text()


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
    assert fonts.covering("8", ("Liberation Serif", "FandolSong"), 700
                          ).path.name == "LiberationSerif-Bold.ttf"
    assert fonts.covering("😀", body, 400) is None
    assert fonts.covering("\U00020000", body, 400) is None  # CJK extension B


def test_every_character_of_the_2019_text_is_in_the_body_font(fonts):
    text = (ROOT / "content" / "2019" / "report.md").read_text(encoding="utf-8")
    missing = {char for char in text if char != "\n"
               and fonts.covering(char, ("Liberation Serif", "FandolFang"), 400) is None}
    assert missing == set()
