"""Where the parts of a chart go, and the check that they stayed there.

Planning is pure arithmetic on text sizes measured by the caller (in points, as
printed), so that every label and value is placed from its real width rather
than a guess: wrapped labels, the plot area, bar lengths (coordinates from the
drawing's bottom-left corner). The check takes the boxes of the texts as drawn
(from the top-left corner, as in the SVG).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .compose import NO_LINE_END, NO_LINE_START, PIECE
from .errors import InputError, ProblemCollector
from .layout import PT_PER_MM
from .model import ChartSpec

if TYPE_CHECKING:
    from .charts import ChartStyle

Measure = Callable[[str], tuple[float, float]]  # text, lines joined by "\n" -> (width, height)

MARGIN_PT = 2.0  # between every text and the edge of the drawing
TOLERANCE_PT = 0.5  # how far a text may reach past the drawing's edge: rounding
LABEL_PAD_PT = 6.0  # between a category label and its axis
VALUE_PAD_PT = 4.0  # between a bar's end and its value
ROW_GAP_PT = 2.5  # hbar: between the labels of neighbouring rows
COLUMN_GAP_PT = 6.0  # bar: between the labels of neighbouring bars
# A bar of 3 beside bars of 4000 would be a fraction of a point long, and its
# value would float beside nothing: every non-zero bar is at least 1 mm long
# on paper, a stub that shows the bar is there, its value printed after it.
STUB_PT = 1.0 * PT_PER_MM
HBAR_MIN_BAR_SHARE = 0.4  # labels wrap before the bars get less of the width
HBAR_FLOOR_BAR_SHARE = 0.2  # the bars never get less: a label wider sticks out, an error
HBAR_MAX_THICKNESS_LINES = 0.4  # the thickest horizontal bar, in line pitches
BAR_HEIGHT_LINES = 6  # a vertical bar chart with labels of one line
BAR_EXTRA_WIDTH_MM = 28  # a vertical bar chart's width besides its bars' slots
BAR_PAIR_SHARE = 0.72  # bar: of a slot, what a label's bars of two years take together
VALUE_GAP_PT = 3.0  # bar: between the values of a label's bars of two years
LEGEND_GAP_PT = 6.0  # above and under the legend


@dataclass(frozen=True)
class Room:
    """Extra space at the drawing's edges, in pt, given after a text stuck out."""

    left: float = 0.0
    right: float = 0.0
    top: float = 0.0
    bottom: float = 0.0

    def widened(self, extra: dict[str, float]) -> Room:
        return Room(**{side: getattr(self, side) + extra.get(side, 0.0)
                       for side in ("left", "right", "top", "bottom")})


@dataclass(frozen=True)
class TextBox:
    """Where a drawn text stands, in pt from the drawing's top-left corner."""

    text: str
    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class Series:
    """The bars of one year, one for each label."""

    lengths: tuple[float, ...]  # in data units, stubs included; 0: no bar
    value_labels: tuple[str, ...]
    offset: float  # of each bar's middle from its label's, in rows (hbar) or slots (bar)


@dataclass(frozen=True)
class Plan:
    """A chart's geometry, ready to draw."""

    width_pt: float
    height_pt: float
    axes: tuple[float, float, float, float]  # plot area: left, bottom, width, height
    labels: tuple[str, ...]  # category labels, wrapped lines joined by "\n"
    series: tuple[Series, ...]  # last year's first, when the chart shows two years
    limit: float  # the value at the plot area's far end
    thickness: float  # of a bar, in rows (hbar) or slots (bar)
    legend_corner: tuple[float, float] | None = None  # its top right, pt; None: no legend


def wrap(text: str, max_width: float, width_of: Callable[[str], float]) -> tuple[str, ...]:
    """Break a label into lines of at most ``max_width`` pt, as even as possible.

    Lines break between characters, never before a closing mark (、，。）” …),
    after an opening one, or inside a run of digits and Latin letters. A unit
    wider than ``max_width`` stands on a line of its own and sticks out.
    """
    units = break_units(text)
    widths = [width_of(unit) for unit in units]
    lines = _greedy(units, widths, max_width)
    if len(lines) > 1:
        # The narrowest width giving as few lines: 5 + 5 characters, not 8 + 2.
        high = max_width
        low = min(sum(widths) / len(lines), high)
        for _ in range(12):
            middle = (low + high) / 2
            if len(_greedy(units, widths, middle)) <= len(lines):
                high = middle
            else:
                low = middle
        lines = _greedy(units, widths, high)
    return tuple(lines)


def break_units(text: str) -> list[str]:
    """The pieces a label may be broken between."""
    units: list[str] = []
    for match in PIECE.finditer(text):
        piece = match.group()
        if units and (piece[0] in NO_LINE_START or units[-1][-1] in NO_LINE_END):
            units[-1] += piece
        else:
            units.append(piece)
    return units


def _greedy(units: Sequence[str], widths: Sequence[float], max_width: float) -> list[str]:
    lines: list[str] = []
    line, used = "", 0.0
    for unit, width in zip(units, widths, strict=True):
        if line and used + width > max_width + 0.01:
            lines.append(line)
            line, used = "", 0.0
        line += unit
        used += width
    return [*lines, line]


def plan_hbar(style: ChartStyle, labels: Sequence[str], values: Sequence[Sequence[float]],
              value_labels: Sequence[Sequence[str]], measure: Measure, room: Room,
              legend: Sequence[str] = ()) -> Plan:
    """Labels to the left of the bars, wrapped when the bars would get too narrow;
    each value just after its bar; rows as tall as the tallest label, or as a
    row's values one above the other. ``values`` and ``value_labels``: one list
    for each year shown; ``legend``: the years' names, set above the bars."""
    width = style.width_mm * PT_PER_MM
    left_edge, right_edge = MARGIN_PT + room.left, width - MARGIN_PT - room.right
    value_sizes = [[measure(text) for text in texts] for texts in value_labels]
    value_room = VALUE_PAD_PT + max(size[0] for sizes in value_sizes for size in sizes)
    label_room = right_edge - left_edge - LABEL_PAD_PT - value_room - HBAR_MIN_BAR_SHARE * width
    wrapped = [wrap(label, label_room, lambda text: measure(text)[0]) for label in labels]
    label_width = max(measure(line)[0] for lines in wrapped for line in lines)
    axes_left = min(left_edge + label_width + LABEL_PAD_PT,
                    right_edge - value_room - HBAR_FLOOR_BAR_SHARE * width)
    axes_width = right_edge - axes_left

    joined = tuple("\n".join(lines) for lines in wrapped)
    value_height = max(size[1] for sizes in value_sizes for size in sizes)
    label_height = max(value_height * len(values), *(measure(text)[1] for text in joined))
    pitch = max(label_height + ROW_GAP_PT, style.line_pitch_pt / 2)
    strip = _legend_strip(legend, measure)
    height = _whole_lines(len(labels) * pitch + 2 * MARGIN_PT + room.top + room.bottom + strip,
                          style, minimum=3)
    axes_height = height - 2 * MARGIN_PT - room.top - room.bottom - strip
    row = axes_height / len(labels)
    if len(values) == 1:
        thickness = min(0.6, HBAR_MAX_THICKNESS_LINES * style.line_pitch_pt / row)
    else:  # each year's bar as tall as its value, so that the values stand apart
        thickness = value_height / row
    limit, lengths = _scale(values, [[size[0] for size in sizes] for sizes in value_sizes],
                            axes_width)
    # The first year on top: rows count upwards.
    return Plan(width, height, (axes_left, MARGIN_PT + room.bottom, axes_width, axes_height),
                joined, _series(lengths, value_labels, -thickness), limit, thickness,
                _legend_corner(legend, width, height, room))


def plan_bar(style: ChartStyle, labels: Sequence[str], values: Sequence[Sequence[float]],
             value_labels: Sequence[Sequence[str]], measure: Measure, room: Room,
             legend: Sequence[str] = ()) -> Plan:
    """Labels under the bars, wrapped to their slot; values above the bars, a
    label's bars side by side. The chart is as wide as its bars need, and taller
    by whole lines when labels wrap, and by the legend's strip above the bars."""
    count = len(labels)
    edges = 2 * MARGIN_PT + room.left + room.right
    widest = style.width_mm * PT_PER_MM
    value_sizes = [[measure(text) for text in texts] for texts in value_labels]
    widest_value = max(size[0] for sizes in value_sizes for size in sizes)
    unbreakable = max(measure(unit)[0] for label in labels for unit in break_units(label))
    if len(values) == 1:
        thickness, slot_mm = 0.55, style.bar_slot_mm
        values_need = widest_value + COLUMN_GAP_PT
    else:  # neighbouring bars' middles are a bar's width apart, and so are their values
        thickness, slot_mm = BAR_PAIR_SHARE / len(values), style.pair_slot_mm
        values_need = (widest_value + VALUE_GAP_PT) / thickness
    slot = max(unbreakable + COLUMN_GAP_PT, values_need)
    width = min(widest, max((BAR_EXTRA_WIDTH_MM + slot_mm * count) * PT_PER_MM,
                            slot * count + edges))
    line_width = (width - edges) / count - COLUMN_GAP_PT
    wrapped = [wrap(label, line_width, lambda text: measure(text)[0]) for label in labels]

    joined = tuple("\n".join(lines) for lines in wrapped)
    tallest = max(range(count), key=lambda index: measure(joined[index])[1])
    label_height = measure(joined[tallest])[1]
    extra = label_height - measure(wrapped[tallest][0])[1]
    height = (BAR_HEIGHT_LINES + math.ceil(extra / style.line_pitch_pt - 1e-9)) \
        * style.line_pitch_pt
    strip = _legend_strip(legend, measure)
    height = _whole_lines(height + room.top + room.bottom + strip, style,
                          minimum=BAR_HEIGHT_LINES)
    bottom = MARGIN_PT + room.bottom + label_height + LABEL_PAD_PT
    axes_height = height - MARGIN_PT - room.top - strip - bottom
    limit, lengths = _scale(values, [[size[1] for size in sizes] for sizes in value_sizes],
                            axes_height)
    return Plan(width, height, (MARGIN_PT + room.left, bottom, width - edges, axes_height),
                joined, _series(lengths, value_labels, thickness), limit, thickness,
                _legend_corner(legend, width, height, room))


def _series(lengths: Sequence[tuple[float, ...]], value_labels: Sequence[Sequence[str]],
            step: float) -> tuple[Series, ...]:
    """Each year's bars, side by side around their label's middle, ``step`` apart."""
    middle = (len(lengths) - 1) / 2
    return tuple(Series(year_lengths, tuple(texts), (index - middle) * step)
                 for index, (year_lengths, texts)
                 in enumerate(zip(lengths, value_labels, strict=True)))


def _legend_strip(legend: Sequence[str], measure: Measure) -> float:
    """The height the legend takes above the bars, with a gap on either side; 0
    without one."""
    return max(measure(text)[1] for text in legend) + 2 * LEGEND_GAP_PT if legend else 0.0


def _legend_corner(legend: Sequence[str], width: float, height: float,
                   room: Room) -> tuple[float, float] | None:
    # The gap above: the typesetter's 宋体 reaches higher than matplotlib measures.
    top = height - MARGIN_PT - room.top - LEGEND_GAP_PT
    return (width - MARGIN_PT - room.right, top) if legend else None


def _whole_lines(height: float, style: ChartStyle, minimum: int) -> float:
    """Charts are whole lines of the text grid tall, so the text after them stays on it."""
    return max(minimum, math.ceil(height / style.line_pitch_pt - 1e-9)) * style.line_pitch_pt


def _scale(values: Sequence[Sequence[float]], value_sizes: Sequence[Sequence[float]],
           length: float) -> tuple[float, tuple[tuple[float, ...], ...]]:
    """The value at the plot area's far end, such that every bar's value label
    (``value_sizes`` along the bar, pt) ends inside it, and each year's bars' lengths."""
    limit = 0.0
    for year_values, sizes in zip(values, value_sizes, strict=True):
        for value, size in zip(year_values, sizes, strict=True):
            free = max(length - VALUE_PAD_PT - size, STUB_PT)
            limit = max(limit, value * length / free)
    limit = limit or 1.0
    stub = STUB_PT * limit / length
    return limit, tuple(tuple(0.0 if value <= 0 else max(value, stub) for value in year_values)
                        for year_values in values)


def sticking_out(boxes: Sequence[TextBox], plan: Plan) -> dict[str, float]:
    """How far texts reach past each edge of the drawing, beyond the tolerance."""
    reach: dict[str, float] = {}
    for box in boxes:
        for side, amount in _outside(box, plan).items():
            reach[side] = max(reach.get(side, 0.0), amount)
    return reach


def _outside(box: TextBox, plan: Plan) -> dict[str, float]:
    reach = {"left": -box.left, "top": -box.top, "right": box.right - plan.width_pt,
             "bottom": box.bottom - plan.height_pt}
    return {side: amount for side, amount in reach.items() if amount > TOLERANCE_PT}


def check_geometry(spec: ChartSpec, style: ChartStyle, plan: Plan,
                   boxes: Sequence[TextBox]) -> None:
    """The drawn chart must fit a page, and its texts the drawing, none on another."""
    messages = []
    lines = round(plan.height_pt / style.line_pitch_pt)
    if lines > style.max_lines:
        messages.append(f"chart '{spec.id}' would be {lines} lines tall, but a page holds "
                        f"{style.max_lines} with the caption; shorten its labels or split it "
                        "into two charts")
    for box in boxes:
        for side, amount in _outside(box, plan).items():
            messages.append(f"chart '{spec.id}': “{_shown(box)}” sticks out of the drawing by "
                            f"{amount:.1f} pt ({amount / PT_PER_MM:.1f} mm) at the {side} "
                            "edge, even after the chart made room; shorten the label")
    for index, first in enumerate(boxes):
        for second in boxes[index + 1:]:
            across = min(first.right, second.right) - max(first.left, second.left)
            down = min(first.bottom, second.bottom) - max(first.top, second.top)
            if min(across, down) > TOLERANCE_PT:
                messages.append(f"chart '{spec.id}': “{_shown(first)}” and “{_shown(second)}” "
                                f"overlap by {across:.1f} pt; shorten the labels")
    problems = ProblemCollector()
    for message in dict.fromkeys(messages):  # labels alike give the same message
        problems.add(message, spec.defined_at)
    problems.raise_if_any(InputError)


def _shown(box: TextBox) -> str:
    return box.text.replace("\n", "")
