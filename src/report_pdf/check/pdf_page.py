"""What the check reads from a PDF: pages of characters (upright and turned),
filled rules, what each marked content draws and the colours it paints with,
and the document's fonts and print settings. Filled by :mod:`.reading`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from .pdf_catalog import OutputIntent
from .pdf_fonts import FontInfo

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


class UnreadablePdf(Exception):
    """The file is not a PDF this check can read."""


class Char(NamedTuple):  # a tuple: a long report has hundreds of thousands
    text: str
    cid: int
    font: str  # without subset prefix
    size: float  # pt
    x0: float  # left of the advance box
    x1: float  # right of the advance box
    baseline: float  # from the top of the page
    ascent: float  # pt above the baseline, from the font descriptor
    descent: float  # pt below the baseline (positive)
    ink_middle: float | None  # pt above the baseline, for "—" only (the dash line)
    red: bool = False
    mcid: int | None = None  # the marked content it belongs to, for the structure tree


class TurnedChar(NamedTuple):
    """A character not set upright: on a landscape page, a table turned a quarter."""

    text: str
    cid: int
    font: str
    size: float  # pt
    box: Box  # (left, top, right, bottom) from the top left of the page
    origin: tuple[float, float]  # the glyph's origin on its baseline, from the top left
    up: str  # where the glyph's top points: "left", "right", "up" or "down"
    mcid: int | None = None


@dataclass(frozen=True)
class Rule:
    """A filled horizontal bar: the red line of a 版头, the rules of a 版记."""

    top: float  # from the top of the page
    bottom: float
    x0: float
    x1: float
    red: bool


class Paint(NamedTuple):
    """A colour as the PDF gives it: its colour space and its components."""

    space: str  # DeviceCMYK, DeviceRGB, DeviceGray, ICCBased/4 …
    values: tuple[float, ...]


INITIAL_PAINT = Paint("DeviceGray", (0.0,))  # the PDF's default: black


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    chars: tuple[Char, ...]
    rules: tuple[Rule, ...] = ()
    structure: tuple[tuple[str, ...] | None, ...] = ()  # by MCID: the structure types
    # from the document down to the element that holds the marked content
    turned: tuple[TurnedChar, ...] = ()  # characters not set upright
    drawn: dict[int, Box] = field(default_factory=dict)  # by MCID: what its paths
    # and images cover (a chart: its background, axes and marks; not its texts)
    paints: dict[tuple[str, Paint], int] = field(default_factory=dict)  # times each
    # colour is used to show text ("text"), fill or stroke a path, or is an image's
    inks: dict[int, frozenset[Paint]] = field(default_factory=dict)  # by MCID: the
    # colours its paths are painted with, and its images' colour spaces
    skewed: frozenset[int] = frozenset()  # MCIDs with a path or image rotated or skewed


@dataclass(frozen=True)
class Document:
    pages: tuple[Page, ...]
    fonts: tuple[FontInfo, ...]
    tagged: bool = False  # the PDF has a structure tree
    viewer_preferences: dict[str, str] = field(default_factory=dict)  # "/Duplex": "/…"
    output_intents: tuple[OutputIntent, ...] = ()
