"""Read a PDF into characters with their font, size and position, and its fonts.

Positions are in points from the page's top-left corner, as a reader sees the
page.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache

from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdffont import PDFFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSException
from pdfminer.utils import apply_matrix_pt

SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")


class UnreadablePdf(Exception):
    """The file is not a PDF this check can read."""


@dataclass(frozen=True)
class Char:
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


@dataclass(frozen=True)
class Rule:
    """A filled horizontal bar: the red line of a 版头, the rules of a 版记."""

    top: float  # from the top of the page
    bottom: float
    x0: float
    x1: float
    red: bool


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    chars: tuple[Char, ...]
    rules: tuple[Rule, ...] = ()


@dataclass(frozen=True)
class FontInfo:
    name: str
    embedded: bool
    notdef_codes: int = 0  # character codes its encoding sends to .notdef (a box)


@dataclass(frozen=True)
class Document:
    pages: tuple[Page, ...]
    fonts: tuple[FontInfo, ...]


class _Collector(PDFLayoutAnalyzer):
    """A pdfminer device that records characters instead of building a layout."""

    def __init__(self, resources: PDFResourceManager):
        super().__init__(resources, laparams=None)
        self.chars: list[Char] = []
        self.page_height = 0.0

    def begin_page(self, page, ctm) -> None:
        super().begin_page(page, ctm)
        self.chars = []
        self.rules: list[Rule] = []
        self.page_height = self.cur_item.height

    def paint_path(self, gstate, stroke, fill, evenodd, path) -> None:
        """Keep filled rectangles that are wide and thin: rules."""
        if not fill or evenodd or "".join(segment[0] for segment in path) not in ("mlllh",
                                                                                  "re"):
            return
        points = [apply_matrix_pt(self.ctm, segment[-2:]) for segment in path
                  if len(segment) >= 3]
        if len(points) < 4:
            return
        xs, ys = [x for x, _ in points], [y for _, y in points]
        width, height = max(xs) - min(xs), max(ys) - min(ys)
        if width > 280 and height < 6:  # wider than ~100 mm, thinner than ~2 mm
            self.rules.append(Rule(self.page_height - max(ys), self.page_height - min(ys),
                                   min(xs), max(xs), _is_red(gstate.ncolor)))

    def end_page(self, page) -> None:
        self.pageno += 1

    def render_char(self, matrix, font: PDFFont, fontsize, scaling, rise, cid, ncs,
                    graphicstate) -> float:
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = "\ufffd"
        width = font.char_width(cid) * fontsize * scaling
        a, b, c, d, e, f = matrix
        scale = (a * a + b * b) ** 0.5  # the page's CTM scales CSS pixels to points
        name = SUBSET_PREFIX.sub("", font.basefont if hasattr(font, "basefont") else "")
        size = fontsize * scale
        self.chars.append(Char(
            text=text, cid=cid, font=name, size=size,
            x0=e, x1=e + width * scale, baseline=self.page_height - f,
            ascent=font.get_ascent() * size, descent=-font.get_descent() * size,
            ink_middle=_ink_middle(font, cid) * size if text == "—" else None,
            red=_is_red(graphicstate.ncolor)))
        return width


def _is_red(colour) -> bool:
    colour = colour if isinstance(colour, tuple) else ()
    return len(colour) == 3 and colour[0] > 0.8 and max(colour[1:]) < 0.2


def _ink_middle(font: PDFFont, cid: int) -> float | None:
    """Middle of a glyph's ink in em above the baseline, from the embedded font."""
    descriptor = getattr(font, "descriptor", {}) or {}
    for key in ("FontFile3", "FontFile2"):
        if key in descriptor:
            data = resolve1(descriptor[key]).get_data()
            return _glyph_middle(data, cid)
    return None


@lru_cache(maxsize=64)
def _glyph_middle(font_program: bytes, glyph_id: int) -> float | None:
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(io.BytesIO(font_program))
        glyph_name = font.getGlyphOrder()[glyph_id]
        glyphs = font.getGlyphSet()
        pen = BoundsPen(glyphs)
        glyphs[glyph_name].draw(pen)
    except Exception:  # a font program fontTools cannot read: no measure
        return None
    if pen.bounds is None:
        return None
    _, bottom, _, top = pen.bounds
    return (bottom + top) / 2 / font["head"].unitsPerEm


NOTDEF_MAPPING = re.compile(rb"<[0-9A-Fa-f]+>\s+0\b")


def _fonts_of(resources, seen: set[int]) -> dict[str, FontInfo]:
    """Fonts of a resource dictionary and of the forms it uses, with what their
    encodings say. A PDF can map a character to glyph 0 (.notdef, drawn as a
    box) in an embedded CMap; WeasyPrint does so for glyphs no font has."""
    found: dict[str, FontInfo] = {}
    resources = resolve1(resources) or {}
    for spec in (resolve1(resources.get("Font")) or {}).values():
        spec = resolve1(spec)
        name = SUBSET_PREFIX.sub("", getattr(resolve1(spec.get("BaseFont")), "name", ""))
        encoding = resolve1(spec.get("Encoding"))
        notdef = 0
        if hasattr(encoding, "get_data"):
            notdef = len(NOTDEF_MAPPING.findall(encoding.get_data()))
        descendants = resolve1(spec.get("DescendantFonts")) or [spec]
        descriptor = resolve1(resolve1(descendants[0]).get("FontDescriptor")) or {}
        embedded = any(key in descriptor for key in ("FontFile", "FontFile2", "FontFile3"))
        found[name] = FontInfo(name, embedded, notdef)
    for xobject in (resolve1(resources.get("XObject")) or {}).values():
        xobject = resolve1(xobject)
        if id(xobject) in seen or not hasattr(xobject, "get"):
            continue
        seen.add(id(xobject))
        if xobject.get("Resources") is not None:
            found.update(_fonts_of(xobject.get("Resources"), seen))
    return found


def read_pdf(data: bytes) -> Document:
    try:
        parser = PDFParser(io.BytesIO(data))
        document = PDFDocument(parser)
        resources = PDFResourceManager(caching=True)
        collector = _Collector(resources)
        interpreter = PDFPageInterpreter(resources, collector)
        pages = []
        fonts: dict[str, FontInfo] = {}
        seen: set[int] = set()
        for number, pdf_page in enumerate(PDFPage.create_pages(document), start=1):
            interpreter.process_page(pdf_page)
            x0, y0, x1, y1 = pdf_page.mediabox
            pages.append(Page(number, abs(x1 - x0), abs(y1 - y0), tuple(collector.chars),
                              tuple(collector.rules)))
            fonts.update(_fonts_of(pdf_page.resources, seen))
    except (PSException, ValueError, KeyError, TypeError, AttributeError) as error:
        raise UnreadablePdf(str(error) or type(error).__name__) from None
    return Document(tuple(pages), tuple(fonts.values()))
