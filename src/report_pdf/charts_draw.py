"""A chart's plan (``charts_layout.py``) drawn with matplotlib, and its texts measured.

One year's bars are one grey; a chart of two years draws last year's bars light
and this year's dark, side by side, each with its value, and names the years in
a legend above the bars: greys far apart, so that a black-and-white printer
keeps them apart too.
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import TYPE_CHECKING

from .charts_layout import LABEL_PAD_PT, VALUE_PAD_PT, Plan, TextBox

if TYPE_CHECKING:
    from .charts import ChartStyle

LEGEND_KEY_EM = 1.6  # width of a year's grey swatch in the legend, in the chart's type size


def measurer():
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


def render(kind: str, plan: Plan, style: ChartStyle, legend: tuple[str, ...] = ()):
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure as Drawing

    width, height = plan.width_pt, plan.height_pt
    drawing = Drawing(figsize=(width / 72, height / 72), dpi=72)  # 1 pixel = 1 pt
    FigureCanvasSVG(drawing)
    left, bottom, axes_width, axes_height = plan.axes
    axes = drawing.add_axes((left / width, bottom / height, axes_width / width,
                             axes_height / height))
    count = len(plan.labels)
    fills = style.year_fills if len(plan.series) > 1 else (style.bar_fill,)
    value_style = dict(textcoords="offset points", annotation_clip=False)
    places = [count - 1 - index for index in range(count)] if kind == "hbar" \
        else list(range(count))  # hbar: the first item on top, as in the text
    for series, fill in zip(plan.series, fills, strict=True):
        bar_style = dict(color=fill, edgecolor=style.edge, linewidth=0.6)
        middles = [place + series.offset for place in places]
        drawn = [index for index, length in enumerate(series.lengths) if length > 0]  # 0: no bar
        lengths = [series.lengths[index] for index in drawn]
        if kind == "hbar":
            axes.barh([middles[index] for index in drawn], lengths, height=plan.thickness,
                      **bar_style)
            for index, text in enumerate(series.value_labels):
                axes.annotate(text, (series.lengths[index], middles[index]), (VALUE_PAD_PT, 0),
                              ha="left", va="center_baseline", **value_style)
        else:
            axes.bar([middles[index] for index in drawn], lengths, width=plan.thickness,
                     **bar_style)
            for index, text in enumerate(series.value_labels):
                axes.annotate(text, (middles[index], series.lengths[index]), (0, VALUE_PAD_PT),
                              ha="center", va="bottom", **value_style)
    if kind == "hbar":
        axes.set(xlim=(0, plan.limit), ylim=(-0.5, count - 0.5), xticks=[])
        axes.set_yticks(places, plan.labels)
        hidden, label_axis = ("top", "right", "bottom"), "y"
    else:
        axes.set(xlim=(-0.5, count - 0.5), ylim=(0, plan.limit), yticks=[])
        axes.set_xticks(places, plan.labels)
        hidden, label_axis = ("top", "right", "left"), "x"
    for side in hidden:
        axes.spines[side].set_visible(False)
    for spine in axes.spines.values():
        spine.set_linewidth(0.8)
    axes.tick_params(axis=label_axis, length=0, pad=LABEL_PAD_PT)
    if plan.legend_corner is not None:
        _legend(drawing, plan, style, fills, legend)
    return drawing


def _legend(drawing, plan: Plan, style: ChartStyle, fills: tuple[str, ...],
            names: tuple[str, ...]) -> None:
    """The years' swatches and names in a row, its top right corner at the plan's."""
    from matplotlib.patches import Patch

    keys = [Patch(facecolor=fill, edgecolor=style.edge, linewidth=0.6) for fill in fills]
    right, top = plan.legend_corner
    drawing.legend(keys, names, loc="upper right",
                   bbox_to_anchor=(right / plan.width_pt, top / plan.height_pt),
                   ncols=len(names), frameon=False, borderpad=0, borderaxespad=0,
                   handlelength=LEGEND_KEY_EM, handleheight=0.8, columnspacing=1.2)


def text_boxes(drawing, plan: Plan) -> list[TextBox]:
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
