"""Printing as GB/T 9704 6.2 asks: black and red inks, actual size, both sides.

Read here straight from the PDF's objects and content streams with pikepdf,
apart from the check's reader, so that a mistake there shows up here.
"""

from __future__ import annotations

import io
from collections import Counter

import pikepdf
import pytest

from conftest import ROOT
from report_pdf.errors import InputError
from report_pdf.ink import device_cmyk, in_black_ink, screen_rgb
from report_pdf.layout import load_layout

BLACK = (0.0, 0.0, 0.0, 1.0)  # GB/T 9704 6.2: BL100%
RED = (0.0, 0.8, 0.8, 0.0)  # Y80% M80%
COLOUR_OPERATORS = {"rg", "RG", "g", "G", "k", "K", "cs", "CS", "sc", "SC", "scn", "SCN"}


def colours(pdf: bytes) -> Counter:
    """(what, colour space, components) → times: "text" for each text-showing
    operator with the fill colour then, "fill" and "stroke" for each painted path;
    forms are followed with the colour they are drawn with."""
    found: Counter = Counter()

    def run(stream, resources, fill, stroke):
        saved = []
        for operands, operator in pikepdf.parse_content_stream(stream):
            op = str(operator)
            values = tuple(float(value) for value in operands
                           if not isinstance(value, pikepdf.Name)) \
                if op in COLOUR_OPERATORS - {"cs", "CS"} else ()
            if op == "q":
                saved.append((fill, stroke))
            elif op == "Q":
                fill, stroke = saved.pop()
            elif op in ("cs", "CS"):
                space = str(operands[0])
                if op == "cs":
                    fill = (space, ())
                else:
                    stroke = (space, ())
            elif op in ("sc", "scn"):
                fill = (fill[0], values)
            elif op in ("SC", "SCN"):
                stroke = (stroke[0], values)
            elif op in ("rg", "g", "k"):
                fill = ({"rg": "/DeviceRGB", "g": "/DeviceGray", "k": "/DeviceCMYK"}[op], values)
            elif op in ("RG", "G", "K"):
                stroke = ({"RG": "/DeviceRGB", "G": "/DeviceGray", "K": "/DeviceCMYK"}[op],
                          values)
            elif op in ("Tj", "TJ", "'", '"'):
                found[("text", *fill)] += 1
            elif op in ("f", "F", "f*", "B", "B*", "b", "b*"):
                found[("fill", *fill)] += 1
            if op in ("S", "s", "B", "B*", "b", "b*"):
                found[("stroke", *stroke)] += 1
            elif op == "Do":
                xobject = resources.XObject[operands[0]]
                if xobject.Subtype == "/Form":
                    run(xobject, xobject.get("/Resources", resources), fill, stroke)
                else:
                    found[("image", str(xobject.get("/ColorSpace")), ())] += 1

    initial = ("/DeviceGray", (0.0,))
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            run(page.obj, page.obj.Resources, initial, initial)
    return found


def viewer_preferences(pdf: bytes) -> dict[str, str]:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return {str(key): str(value) for key, value in document.Root.ViewerPreferences.items()}


@pytest.mark.parametrize("name", ["built_2019", "built_issued"])
def test_the_pdf_asks_for_actual_size_and_duplex_on_the_long_edge(name, request):
    preferences = viewer_preferences(request.getfixturevalue(name).pdf)
    assert preferences["/PrintScaling"] == "/None"
    assert preferences["/Duplex"] == "/DuplexFlipLongEdge"
    assert preferences["/DisplayDocTitle"] == "True"


@pytest.mark.parametrize("name", ["built_2019", "built_issued"])
def test_black_is_black_ink_alone_and_red_is_m80_y80(name, request):
    found = colours(request.getfixturevalue(name).pdf)
    spaces = {space for _, space, _ in found}
    assert spaces == {"/DeviceCMYK"}, f"colours outside CMYK: {spaces}"
    for (use, _, values), _times in found.items():
        assert len(values) == 4
        if use == "text":
            assert values in (BLACK, RED), f"text in {values}"
        else:  # a grey of black ink alone (white included), or the red
            assert values == RED or values[:3] == (0.0, 0.0, 0.0), f"{use} in {values}"
    texts = Counter(values for (use, _, values), times in found.items() if use == "text"
                    for _ in range(times))
    assert texts[BLACK] > 100


def test_the_issuing_authority_mark_and_the_red_line_are_red_ink(built_issued):
    found = colours(built_issued.pdf)
    assert found[("text", "/DeviceCMYK", RED)] >= 1  # the mark
    assert found[("fill", "/DeviceCMYK", RED)] >= 1  # the line under the number


def test_charts_are_greys_of_black_ink(built_2019):
    greys = {values[3] for (use, _, values) in colours(built_2019.pdf) if use == "fill"}
    assert 0.0 in greys and any(0 < grey < 1 for grey in greys)  # paper white, bars' tint


def test_the_output_intent_is_the_cmyk_printing_condition(built_2019, built_issued):
    for built in (built_2019, built_issued):
        with pikepdf.open(io.BytesIO(built.pdf)) as document:
            (intent,) = document.Root.OutputIntents
            profile = intent.DestOutputProfile
            assert intent.S == "/GTS_PDFA1" and int(profile.N) == 4
            assert profile.read_bytes()[16:20] == b"CMYK"
            assert str(intent.OutputConditionIdentifier) == "FOGRA39"


def test_the_html_preview_gives_browsers_a_screen_colour_first(built_issued):
    # Browsers do not know device-cmyk(); each such declaration follows one they do.
    lines = [line.strip() for line in built_issued.html.splitlines()]
    inks = [index for index, line in enumerate(lines) if "device-cmyk(" in line]
    assert len(inks) >= 5
    for index in inks:
        prop = lines[index].split(":")[0]
        assert lines[index - 1].startswith(f"{prop}: #"), lines[index - 1:index + 1]


def test_inks_as_css():
    assert device_cmyk((0, 80, 80, 0)) == "device-cmyk(0 0.8 0.8 0)"
    assert device_cmyk((0, 0, 0, 100)) == "device-cmyk(0 0 0 1)"
    assert screen_rgb((0, 0, 0, 100)) == "#000000"
    assert screen_rgb((0, 80, 80, 0)) == "#ff3333"


def test_a_drawing_is_turned_into_black_ink_and_refuses_colour():
    svg = b'<svg x="1"><path style="fill: #c7c7c7; stroke: #000000"/><text>3</text></svg>'
    assert in_black_ink(svg) == (
        b'<svg style="fill: #000000; fill: device-cmyk(0 0 0 1)" x="1"><path style="fill: '
        b'#c7c7c7; fill: device-cmyk(0 0 0 0.2196); stroke: #000000; stroke: '
        b'device-cmyk(0 0 0 1)"/><text>3</text></svg>')
    with pytest.raises(ValueError, match="#ff0000 is not a grey"):
        in_black_ink(b'<svg><path style="fill: #ff0000"/></svg>')


@pytest.mark.parametrize("print_section, expected", [
    ("  black_cmyk: [0, 0, 0, 120]\n  red_cmyk: [0, 80, 80, 0]\n"
     "  profile: print/FOGRA39L-coated.icc\n",
     "print: 'black_cmyk' is four percentages of C, M, Y and K, each 0 to 100"),
    ("  black_cmyk: [0, 0, 0, 100]\n  red_cmyk: [0, 80, 80]\n"
     "  profile: print/FOGRA39L-coated.icc\n",
     "print: 'red_cmyk' must be a list of 4 numbers"),
    ("  black_cmyk: [0, 0, 0, 100]\n  red_cmyk: [0, 80, 80, 0]\n  profile: layout.yaml\n",
     "is not a CMYK ICC profile"),
    ("  black_cmyk: [0, 0, 0, 100]\n  red_cmyk: [0, 80, 80, 0]\n"
     "  profile: ../fonts/fonts.yaml\n",
     "print: 'profile' must name an ICC profile file inside"),
], ids=["over-100", "three-numbers", "not-a-profile", "outside"])
def test_a_wrong_print_section_is_reported_with_its_place(tmp_path, print_section, expected):
    styles = tmp_path / "styles"
    (styles / "print").mkdir(parents=True)
    source = (ROOT / "styles" / "layout.yaml").read_text(encoding="utf-8")
    start = source.index("\nprint:\n") + 1
    end = source.index("\n\n", start)
    (styles / "layout.yaml").write_text(
        source[:start] + "print:\n" + print_section + source[end + 1:], encoding="utf-8")
    profile = ROOT / "styles" / "print" / "FOGRA39L-coated.icc"
    (styles / "print" / profile.name).write_bytes(profile.read_bytes())
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "fonts.yaml").write_text("fonts: []\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_layout(styles)
    message = str(raised.value)
    assert expected in message and "layout.yaml:" in message
