"""Stage 2: draw each declared chart from its indicators, as SVG with real text.

Charts are drawn at the size they are printed, so their type sizes are true
point sizes on paper. Words stay ``<text>`` elements naming the committed
fonts, which the typesetter sets like the body text. Bars are one grey with
black outlines and carry their values as labels: nothing depends on colour,
so a black-and-white office laser printer loses nothing.
"""

from __future__ import annotations

import io
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .cache import Cache, digest, installed_packages_digest
from .errors import InputError, ProblemCollector
from .fonts import FontSet
from .layout import PT_PER_MM, Layout
from .model import ChartItem, ChartSpec

MM_PER_INCH = 25.4


@dataclass(frozen=True)
class ChartStyle:
    """How charts look; type and heights follow the layout's text grid."""

    family: str  # one face for every word and digit of a chart
    font_size_pt: float
    line_pitch_pt: float  # chart heights are whole body lines, to keep the grid
    width_mm: float = 140  # the widest chart; narrower when there are few bars
    bar_slot_mm: float = 22  # width given to each vertical bar with its label
    bar_fill: str = "0.78"  # mid-light grey: prints as an even tone on laser printers
    edge: str = "black"

    @classmethod
    def from_layout(cls, layout: Layout) -> ChartStyle:
        chart = layout.text["chart"]
        return cls(chart.fonts[0], chart.size_pt, layout.line_pitch_pt)


@dataclass(frozen=True)
class Figure:
    """A drawn chart, numbered in reading order."""

    spec: ChartSpec
    number: int
    svg: bytes
    width_mm: float
    height_mm: float
    drawn: bool = True  # False: taken from the cache, as nothing it shows changed

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
    """Every string a chart draws, for the glyph check."""
    texts = [item.label for item in spec.bars]
    texts += [_value_label(spec, item) for item in spec.bars]
    return texts


def check_chart_glyphs(charts: tuple[ChartSpec, ...], fonts: FontSet,
                       style: ChartStyle) -> None:
    problems = ProblemCollector()
    stack = (style.family,)
    for spec in charts:
        for text in chart_texts(spec):
            for char in dict.fromkeys(text):
                if fonts.covering(char, stack, 400) is None:
                    problems.add(f"chart '{spec.id}': character “{char}” (U+{ord(char):04X}) "
                                 f"in “{text}” is not in the chart font {style.family}; "
                                 "replace it", spec.defined_at)
    problems.raise_if_any(InputError)


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
    pyplot = None
    figures = []
    for number, spec in enumerate(ordered, start=1):
        key = chart_key(spec, style, fonts)
        svg = cache.get("charts", key, ".svg") if cache else None
        if svg is not None:
            width_mm, height_pt = _size(spec, style)
            figures.append(Figure(spec, number, svg, width_mm, height_pt / PT_PER_MM, False))
            continue
        pyplot = pyplot or _matplotlib(fonts, style)
        figure = _draw(spec, number, style, pyplot)
        if cache:
            cache.put("charts", key, figure.svg, ".svg")
        figures.append(figure)
    return figures


def chart_key(spec: ChartSpec, style: ChartStyle, fonts: FontSet) -> str:
    """Everything an SVG depends on: what the bars show, the style, the font file,
    the installed packages (matplotlib's version among them) and this drawing code.
    (Title and notes are in the caption, which is HTML, not in the SVG.)"""
    bars = [(item.label, item.indicator.display_value, item.indicator.unit)
            for item in spec.bars]
    chart_fonts = [font.sha256 for font in fonts.family(style.family)]
    return digest(json.dumps([spec.kind, bars, repr(style), chart_fonts],
                             ensure_ascii=False).encode(), _drawing_code_digest().encode())


@lru_cache(maxsize=1)
def _drawing_code_digest() -> str:
    """This module and the installed packages: read once per process."""
    return digest(installed_packages_digest().encode(), Path(__file__).read_bytes())


def _reading_position(spec: ChartSpec) -> tuple[int, int]:
    start = spec.paragraph.location
    return (start.line or 0, spec.defined_at.line or 0)


def _matplotlib(fonts: FontSet, style: ChartStyle):
    """Import matplotlib only when a chart is drawn, set up for reproducible SVG."""
    import dataclasses

    import matplotlib

    matplotlib.use("svg")
    from matplotlib import font_manager, pyplot

    # Register the committed fonts under their manifest names, which is what the
    # SVG will name and what the typesetter knows them by.
    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    for font in fonts.family(style.family):
        if str(font.path) in known:
            continue
        entry = font_manager.ttfFontProperty(font_manager.get_font(font.path))
        font_manager.fontManager.ttflist.append(dataclasses.replace(entry, name=font.family))
    matplotlib.rcParams.update({
        "svg.fonttype": "none",  # text stays text
        "svg.hashsalt": "report_pdf",  # stable ids: the same data gives the same file
        "font.family": [style.family],
        "font.size": style.font_size_pt,
        "axes.unicode_minus": False,
    })
    return pyplot


def _value_label(spec: ChartSpec, item: ChartItem) -> str:
    indicator = item.indicator
    unit = "" if spec.unit is not None else indicator.unit
    return f"{indicator.display_value}{unit}"


def _size(spec: ChartSpec, style: ChartStyle) -> tuple[float, float]:
    """Width in mm and height in pt; heights are whole lines of the text grid."""
    if spec.kind == "hbar":
        return style.width_mm, max(3, math.ceil(len(spec.bars) * 0.5) + 1) * style.line_pitch_pt
    width = min(style.width_mm, 28 + style.bar_slot_mm * len(spec.bars))
    return width, 6 * style.line_pitch_pt


def _draw(spec: ChartSpec, number: int, style: ChartStyle, pyplot) -> Figure:
    width_mm, height_pt = _size(spec, style)
    width_in = width_mm / MM_PER_INCH
    height_in = height_pt / 72
    figure, axes = pyplot.subplots(figsize=(width_in, height_in))
    labels = [item.label for item in spec.bars]
    values = [float(item.indicator.value) for item in spec.bars]
    value_labels = [_value_label(spec, item) for item in spec.bars]
    bar_style = dict(color=style.bar_fill, edgecolor=style.edge, linewidth=0.6)
    if spec.kind == "hbar":
        positions = list(range(len(labels)))[::-1]  # first item on top, as in the text
        bars = axes.barh(positions, values, height=0.6, **bar_style)
        axes.set_yticks(positions, labels)
        axes.bar_label(bars, value_labels, padding=4)
        axes.set_xlim(0, max(values) * 1.15 or 1)
        axes.set_xticks([])
        for side in ("top", "right", "bottom"):
            axes.spines[side].set_visible(False)
        axes.tick_params(axis="y", length=0, pad=6)
    else:
        positions = list(range(len(labels)))
        bars = axes.bar(positions, values, width=0.55, **bar_style)
        axes.set_xticks(positions, labels)
        axes.bar_label(bars, value_labels, padding=3)
        axes.set_ylim(0, max(values) * 1.15 or 1)
        axes.set_yticks([])
        for side in ("top", "right", "left"):
            axes.spines[side].set_visible(False)
        axes.tick_params(axis="x", length=0, pad=6)
    for spine in axes.spines.values():
        spine.set_linewidth(0.8)
    figure.tight_layout(pad=0.4)
    output = io.BytesIO()
    figure.savefig(output, format="svg", metadata={"Date": None, "Creator": None})
    pyplot.close(figure)
    return Figure(spec, number, output.getvalue(), width_mm, height_pt / PT_PER_MM)


def write_figures(figures: list[Figure], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for figure in figures:
        (folder / figure.file_name).write_bytes(figure.svg)
