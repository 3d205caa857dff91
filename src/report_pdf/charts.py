"""Stage 2: draw each declared chart from its indicators, as SVG with real text.

Charts are drawn at the size they are printed, so their type sizes are true
point sizes on paper. Words stay ``<text>`` elements naming the committed
fonts, which the typesetter sets like the body text: digits and Latin letters
in the Latin face, the rest in the chart's Chinese face. The chart style of
layout.yaml names only its Chinese face (宋体), so the Latin face is the body's
(Liberation Serif), as in the text around the chart. Bars are one grey with
black outlines and carry their values as labels: nothing depends on colour, so
a black-and-white office laser printer loses nothing. Every grey is written as
black ink alone (``device-cmyk``, after its screen colour for browsers).

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
from .charts_layout import (
    LABEL_PAD_PT,
    MARGIN_PT,
    VALUE_PAD_PT,
    Plan,
    Room,
    TextBox,
    check_geometry,
    plan_bar,
    plan_hbar,
    sticking_out,
)
from .errors import InputError, Problem, ProblemCollector
from .fonts import Font, FontSet
from .ink import in_black_ink
from .layout import PT_PER_MM, Layout
from .model import ChartItem, ChartSpec

MM_PER_INCH = 25.4
ATTEMPTS = 3  # drawings per chart: each gives the edge a text stuck out of the room it lacked
# The drawing depends on these modules' code besides the installed packages.
DRAWING_CODE = ("charts.py", "charts_layout.py", "compose.py", "ink.py")


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
    texts += [_value_label(spec, item) for item in spec.bars]
    return texts


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
    """Everything an SVG depends on: what the bars show, the style, the font files,
    the installed packages (matplotlib's version among them) and the drawing code.
    (Title and notes are in the caption, which is HTML, not in the SVG.)"""
    bars = [(item.label, item.indicator.display_value, item.indicator.unit)
            for item in spec.bars]
    chart_fonts = [font.sha256 for name in style.families for font in fonts.family(name)]
    return digest(json.dumps([spec.kind, bars, repr(style), chart_fonts],
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


def _value_label(spec: ChartSpec, item: ChartItem) -> str:
    indicator = item.indicator
    unit = "" if spec.unit is not None else indicator.unit
    return f"{indicator.display_value}{unit}"


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
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options(name_IDs=["*"], layout_features=["*"], notdef_outline=True)
    options.drop_tables += ["FFTM"]  # a FontForge time stamp, which it cannot cut
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[code for start, end in font.unicode_ranges
                                 for code in range(start, end + 1)])
    cut = TTFont(font.path)
    subsetter.subset(cut)
    path = Path(_scratch_folder().name) / f"{font.sha256}{font.path.suffix}"
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
    values = [float(item.indicator.value) for item in spec.bars]
    value_labels = [_value_label(spec, item) for item in spec.bars]
    plan_chart = plan_hbar if spec.kind == "hbar" else plan_bar
    room = Room()
    with matplotlib.rc_context(settings):
        measure = _measurer()
        for _ in range(ATTEMPTS):
            plan = plan_chart(style, labels, values, value_labels, measure, room)
            if min(plan.axes[2:]) <= 0:
                raise InputError(Problem(f"chart '{spec.id}': its labels leave no room for the "
                                         "bars; shorten them", spec.defined_at))
            drawing = _render(spec.kind, plan, value_labels, style)
            output = io.BytesIO()
            drawing.savefig(output, format="svg", metadata={"Date": None, "Creator": None})
            boxes = _text_boxes(drawing, plan)
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


def _measurer():
    """Width and height in pt of a text as the chart sets it, lines joined by "\n"."""
    from matplotlib.backends.backend_svg import RendererSVG
    from matplotlib.figure import Figure as Drawing
    from matplotlib.text import Text

    renderer = RendererSVG(100, 100, io.StringIO())
    probe = Text(0, 0, "")
    probe.set_figure(Drawing(dpi=72))

    @lru_cache(maxsize=None)
    def measure(text: str) -> tuple[float, float]:
        probe.set_text(text)
        box = probe.get_window_extent(renderer)
        return box.width, box.height

    return measure


def _render(kind: str, plan: Plan, value_labels: list[str], style: ChartStyle):
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure as Drawing

    width, height = plan.width_pt, plan.height_pt
    drawing = Drawing(figsize=(width / 72, height / 72), dpi=72)  # 1 pixel = 1 pt
    FigureCanvasSVG(drawing)
    left, bottom, axes_width, axes_height = plan.axes
    axes = drawing.add_axes((left / width, bottom / height, axes_width / width,
                             axes_height / height))
    count = len(plan.labels)
    bar_style = dict(color=style.bar_fill, edgecolor=style.edge, linewidth=0.6)
    drawn = [index for index, length in enumerate(plan.lengths) if length > 0]  # 0: no bar
    lengths = [plan.lengths[index] for index in drawn]
    value_style = dict(textcoords="offset points", annotation_clip=False)
    if kind == "hbar":
        rows = [count - 1 - index for index in range(count)]  # first item on top, as in the text
        axes.barh([rows[index] for index in drawn], lengths, height=plan.thickness, **bar_style)
        for index, text in enumerate(value_labels):
            axes.annotate(text, (plan.lengths[index], rows[index]), (VALUE_PAD_PT, 0),
                          ha="left", va="center_baseline", **value_style)
        axes.set(xlim=(0, plan.limit), ylim=(-0.5, count - 0.5), xticks=[])
        axes.set_yticks(rows, plan.labels)
        hidden, label_axis = ("top", "right", "bottom"), "y"
    else:
        axes.bar(drawn, lengths, width=plan.thickness, **bar_style)
        for index, text in enumerate(value_labels):
            axes.annotate(text, (index, plan.lengths[index]), (0, VALUE_PAD_PT),
                          ha="center", va="bottom", **value_style)
        axes.set(xlim=(-0.5, count - 0.5), ylim=(0, plan.limit), yticks=[])
        axes.set_xticks(range(count), plan.labels)
        hidden, label_axis = ("top", "right", "left"), "x"
    for side in hidden:
        axes.spines[side].set_visible(False)
    for spine in axes.spines.values():
        spine.set_linewidth(0.8)
    axes.tick_params(axis=label_axis, length=0, pad=LABEL_PAD_PT)
    return drawing


def _text_boxes(drawing, plan: Plan) -> list[TextBox]:
    """Every text drawn, where the renderer put it (after the drawing was saved)."""
    from matplotlib.backends.backend_svg import RendererSVG
    from matplotlib.text import Text

    renderer = RendererSVG(plan.width_pt, plan.height_pt, io.StringIO())
    boxes = []
    for text in drawing.findobj(lambda artist: isinstance(artist, Text)
                                and artist.get_visible() and artist.get_text()):
        box = text.get_window_extent(renderer)
        boxes.append(TextBox(text.get_text(), float(box.x0), float(plan.height_pt - box.y1),
                             float(box.x1), float(plan.height_pt - box.y0)))
    return boxes
