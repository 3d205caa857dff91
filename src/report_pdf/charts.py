"""Stage 2: draw each declared chart from its indicators, as SVG with real text.

Charts are drawn at the size they are printed, so their type sizes are true
point sizes on paper. Words stay ``<text>`` elements naming the committed
fonts, which the typesetter sets like the body text: digits and Latin letters
in the Latin face, the rest in the chart's Chinese face. The chart style of
layout.yaml names only its Chinese face (宋体), so the Latin face is the body's
(Liberation Serif), as in the text around the chart. Bars are one grey with
black outlines and carry their values as labels: nothing depends on colour, so
a black-and-white office laser printer loses nothing. A chart of two years
(``last_year: true``, with last year's report beside this one) draws last
year's bar light and this year's dark beside it, each with its value, a bar
with no figure last year as "—" (see ``charts_draw.py``). Every grey is written
as black ink alone (``device-cmyk``, after its screen colour for browsers).

Nothing is clipped or guessed: labels and values are placed from their
measured widths (``charts_layout.py``), long labels wrap and the chart grows by
whole lines, and after drawing every text is measured again against the
drawing's edges; one that still sticks out, or overlaps another, fails the
build. Every non-zero bar is at least 1 mm long on paper (a stub), so a 3 beside
a 4000 still shows, its value printed after the stub; a zero has no bar.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import scratch
from .cache import Cache, digest, installed_packages_digest
from .charts_draw import measurer, render, text_boxes
from .charts_layout import (
    MARGIN_PT,
    Room,
    TextBox,
    check_geometry,
    plan_bar,
    plan_hbar,
    sticking_out,
)
from .errors import InputError, Problem, ProblemCollector
from .font_subsets import subset, subset_available
from .fonts import Font, FontSet
from .ink import in_black_ink
from .layout import PT_PER_MM, Layout
from .model import ChartSpec, Indicator

MM_PER_INCH = 25.4
ATTEMPTS = 3  # drawings per chart: each gives the edge a text stuck out of the room it lacked
# The drawing depends on these modules' code besides the installed packages.
DRAWING_CODE = ("charts.py", "charts_draw.py", "charts_layout.py", "compose.py", "ink.py")
NO_FIGURE = "—"  # the value of a bar with no figure last year


@dataclass(frozen=True)
class ChartStyle:
    """How charts look; type and heights follow the layout's text grid."""

    families: tuple[str, ...]  # the Latin face first, then the Chinese face
    font_size_pt: float
    line_pitch_pt: float  # chart heights are whole body lines, to keep the grid
    max_lines: int  # the tallest chart a page holds, with its caption
    weight: int = 400
    width_mm: float = 140  # the widest chart; narrower when there are few bars
    bar_slot_mm: float = 22  # width given to each vertical bar with its label
    bar_fill: str = "0.78"  # mid-light grey: prints as an even tone on laser printers
    pair_slot_mm: float = 32  # width given to a label's bars of two years
    year_fills: tuple[str, str] = ("0.86", "0.35")  # last year light, this year dark
    edge: str = "black"

    @classmethod
    def from_layout(cls, layout: Layout) -> ChartStyle:
        chart = layout.text["chart"]
        families = chart.fonts
        if len(families) == 1:  # only the Chinese face: digits as in the body
            families = tuple(dict.fromkeys((layout.body.fonts[0], *families)))
        # A page's lines, less the line of space around a figure and two of caption.
        return cls(families, chart.size_pt, layout.line_pitch_pt, layout.lines_per_page - 3,
                   chart.weight)


@dataclass(frozen=True)
class Figure:
    """A drawn chart, numbered in reading order."""

    spec: ChartSpec
    number: int
    svg: bytes
    width_mm: float
    height_mm: float
    drawn: bool = True  # False: taken from the cache, as nothing it shows changed
    text_boxes: tuple[TextBox, ...] = ()  # as measured when drawn; none from the cache

    @property
    def caption_title(self) -> str:
        return f"图{self.number} {self.spec.title}"

    @property
    def caption_notes(self) -> str:
        """The unit shared by the bars and the figures quoted with the chart."""
        notes = [] if self.spec.unit is None else [f"单位：{self.spec.unit}"]
        notes += [f"{item.label}{item.indicator.display_value}{item.indicator.unit}"
                  for item in self.spec.notes]
        return f"（{'；'.join(notes)}）" if notes else ""

    @property
    def caption(self) -> str:
        return self.caption_title + self.caption_notes

    @property
    def file_name(self) -> str:
        return f"{self.spec.id}.svg"


def chart_texts(spec: ChartSpec) -> list[str]:
    """Every string a chart draws (labels before wrapping), for the glyph check."""
    texts = [item.label for item in spec.bars]
    texts += [text for year in _value_labels(spec) for text in year]
    return texts + list(_legend(spec))


def check_chart_glyphs(charts: tuple[ChartSpec, ...], fonts: FontSet,
                       style: ChartStyle) -> None:
    """Every character must be in the face the typesetter will take it from."""
    problems = ProblemCollector()
    for spec in charts:
        for text in chart_texts(spec):
            for char in dict.fromkeys(text):
                if fonts.covering(char, style.families, style.weight) is None:
                    problems.add(f"chart '{spec.id}': character “{char}” (U+{ord(char):04X}) "
                                 f"in “{text}” is not in the chart font "
                                 f"{_face_meant_for(char, fonts, style)}; replace it",
                                 spec.defined_at)
    problems.raise_if_any(InputError)


def _face_meant_for(char: str, fonts: FontSet, style: ChartStyle) -> str:
    """The first face of the stack whose unicode-range takes ``char``."""
    for name in style.families:
        faces = fonts.family(name)
        if not faces or any(not font.unicode_ranges or any(
                start <= ord(char) <= end for start, end in font.unicode_ranges)
                for font in faces):
            return name
    return style.families[-1]


def draw_charts(charts: tuple[ChartSpec, ...], fonts: FontSet, layout: Layout,
                cache: Cache | None = None) -> list[Figure]:
    """Draw every chart; figures are numbered in the order they appear in the text.

    A chart whose key (see :func:`chart_key`) is in the cache is not drawn again,
    and matplotlib is imported only when some chart must be drawn.
    """
    if not charts:
        return []
    style = ChartStyle.from_layout(layout)
    check_chart_glyphs(charts, fonts, style)
    ordered = sorted(charts, key=lambda spec: _reading_position(spec))
    figures = []
    for number, spec in enumerate(ordered, start=1):
        key = chart_key(spec, style, fonts)
        svg = cache.get("charts", key, ".svg") if cache else None
        size = _svg_size_pt(svg) if svg is not None else None
        if size is not None:
            figures.append(Figure(spec, number, svg, size[0] / PT_PER_MM, size[1] / PT_PER_MM,
                                  False))
            continue
        figure = _draw(spec, number, style, _matplotlib(fonts, style))
        if cache:
            cache.put("charts", key, figure.svg, ".svg")
        figures.append(figure)
    return figures


def chart_key(spec: ChartSpec, style: ChartStyle, fonts: FontSet) -> str:
    """Everything an SVG depends on: what the bars show (last year's figures and the
    years too, on a chart of two years), the style, the font files,
    the installed packages (matplotlib's version among them) and the drawing code.
    (Title and notes are in the caption, which is HTML, not in the SVG.)"""
    bars = [(item.label, item.indicator.display_value, item.indicator.unit)
            for item in spec.bars]
    before = [(item.last_year.display_value, item.last_year.unit) if item.last_year else None
              for item in spec.bars] if spec.years else []
    chart_fonts = [font.sha256 for name in style.families for font in fonts.family(name)]
    return digest(json.dumps([spec.kind, bars, spec.years, before, repr(style), chart_fonts],
                             ensure_ascii=False).encode(), _drawing_code_digest().encode())


@lru_cache(maxsize=1)
def _drawing_code_digest() -> str:
    """The drawing code and the installed packages: read once per process."""
    folder = Path(__file__).parent
    return digest(installed_packages_digest().encode(),
                  *((folder / name).read_bytes() for name in DRAWING_CODE))


def _reading_position(spec: ChartSpec) -> tuple[int, int]:
    start = spec.block.location
    return (start.line or 0, spec.defined_at.line or 0)


def _svg_size_pt(svg: bytes) -> tuple[float, float] | None:
    """The size matplotlib wrote on a drawing taken from the cache; None when the
    file is not such a drawing (damaged), so that the chart is drawn again."""
    match = re.search(rb'<svg\b[^>]*?\bwidth="([0-9.]+)pt" height="([0-9.]+)pt"', svg)
    return None if match is None else (float(match.group(1)), float(match.group(2)))


def _years(spec: ChartSpec) -> list[list[Indicator | None]]:
    """The figures of each year the chart shows, last year's first."""
    this_year = [item.indicator for item in spec.bars]
    return [[item.last_year for item in spec.bars], this_year] if spec.years else [this_year]


def _value_labels(spec: ChartSpec) -> list[list[str]]:
    unit = spec.unit is None  # mixed units: each value carries its own
    return [[NO_FIGURE if figure is None else
             f"{figure.display_value}{figure.unit if unit else ''}" for figure in year]
            for year in _years(spec)]


def _legend(spec: ChartSpec) -> tuple[str, ...]:
    return tuple(f"{year}年" for year in spec.years)


def _matplotlib(fonts: FontSet, style: ChartStyle) -> dict:
    """Import matplotlib, make the chart's faces known to it; its settings for the chart."""
    from matplotlib import font_manager

    for name in style.families:
        font = min(fonts.family(name), key=lambda font: abs(font.weight - style.weight))
        _register(font, font_manager)
    return {
        "svg.fonttype": "none",  # text stays text
        "svg.hashsalt": "report_pdf",  # stable ids: the same data gives the same file
        # matplotlib measures each character in the first face that has it, as
        # the typesetter sets it; the SVG names both faces in this order.
        "font.family": list(style.families),
        "font.size": style.font_size_pt,
        "font.weight": style.weight,
        "axes.unicode_minus": False,
        "text.parse_math": False,  # a $ in a label is a dollar sign
    }


_registered: set[Path] = set()


def _register(font: Font, font_manager) -> None:
    """Make a committed font known to matplotlib under its manifest name, which is
    what the SVG will name and what the typesetter knows it by."""
    if font.path in _registered:
        return
    path = _restricted_copy(font) if font.unicode_ranges else font.path
    entry = font_manager.ttfFontProperty(font_manager.get_font(path))
    # First in the list, so that a font of the same name installed on the
    # machine loses the tie.
    font_manager.fontManager.ttflist.insert(
        0, dataclasses.replace(entry, name=font.family, weight=font.weight))
    _registered.add(font.path)


def _restricted_copy(font: Font) -> Path:
    """The font cut to its unicode-range: the typesetter takes nothing else from it
    (the Latin face's quotes “” and dashes come from the Chinese face), so neither
    may matplotlib when it measures. Kept in a folder removed when the process ends."""
    characters = [chr(code) for start, end in font.unicode_ranges
                  for code in range(start, end + 1)]
    path = Path(_scratch_folder().name) / f"{font.sha256}{font.path.suffix}"
    if subset_available():  # HarfBuzz, as for the typesetter: no fontTools subsetter
        path.write_bytes(subset(font.path.read_bytes(), characters))
        return path
    from fontTools import subset as fonttools_subset
    from fontTools.ttLib import TTFont

    options = fonttools_subset.Options(name_IDs=["*"], layout_features=["*"],
                                       notdef_outline=True)
    options.drop_tables += ["FFTM"]  # a FontForge time stamp, which it cannot cut
    subsetter = fonttools_subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(char) for char in characters])
    cut = TTFont(font.path)
    subsetter.subset(cut)
    cut.save(path)
    return path


@lru_cache(maxsize=1)
def _scratch_folder() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix=scratch.prefix("charts"))


def _draw(spec: ChartSpec, number: int, style: ChartStyle, settings: dict) -> Figure:
    """Plan, draw and measure; give any edge a text stuck out of the room it lacked
    and draw again; fail when a text still sticks out or two texts overlap."""
    import matplotlib

    labels = [item.label for item in spec.bars]
    values = [[0.0 if figure is None else float(figure.value) for figure in year]
              for year in _years(spec)]
    value_labels = _value_labels(spec)
    legend = _legend(spec)
    plan_chart = plan_hbar if spec.kind == "hbar" else plan_bar
    room = Room()
    with matplotlib.rc_context(settings):
        measure = measurer()
        for _ in range(ATTEMPTS):
            plan = plan_chart(style, labels, values, value_labels, measure, room, legend)
            if min(plan.axes[2:]) <= 0:
                raise InputError(Problem(f"chart '{spec.id}': its labels leave no room for the "
                                         "bars; shorten them", spec.defined_at))
            drawing = render(spec.kind, plan, style, legend)
            output = io.BytesIO()
            drawing.savefig(output, format="svg", metadata={"Date": None, "Creator": None})
            boxes = text_boxes(drawing, plan)
            lacking = sticking_out(boxes, plan)
            if not lacking:
                break
            room = room.widened({side: amount + MARGIN_PT for side, amount in lacking.items()})
    check_geometry(spec, style, plan, boxes)
    return Figure(spec, number, in_black_ink(_typesetter_families(output.getvalue())),
                  plan.width_pt / PT_PER_MM,
                  plan.height_pt / PT_PER_MM, text_boxes=tuple(boxes))


def _typesetter_families(svg: bytes) -> bytes:
    """Font lists without a space after their commas: WeasyPrint 70 splits an SVG's
    font-family at the commas and strips quotes but not spaces, so “'A', 'B'”
    would name a family “ 'B” it does not have, and Pango would pick any font."""
    return re.sub(rb"(font-family: [^;\"]*)", lambda match: match.group(1).replace(b", ", b","),
                  svg)
