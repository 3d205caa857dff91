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


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    chars: tuple[Char, ...]


@dataclass(frozen=True)
class FontInfo:
    name: str
    embedded: bool


@dataclass(frozen=True)
class Document:
    pages: tuple[Page, ...]
    fonts: tuple[FontInfo, ...]


class _Collector(PDFLayoutAnalyzer):
    """A pdfminer device that records characters instead of building a layout."""

    def __init__(self, resources: PDFResourceManager):
        super().__init__(resources, laparams=None)
        self.chars: list[Char] = []
        self.fonts: dict[str, FontInfo] = {}
        self.page_height = 0.0

    def begin_page(self, page, ctm) -> None:
        super().begin_page(page, ctm)
        self.chars = []
        self.page_height = self.cur_item.height

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
        self.fonts.setdefault(name, FontInfo(name, _embedded(font)))
        size = fontsize * scale
        self.chars.append(Char(
            text=text, cid=cid, font=name, size=size,
            x0=e, x1=e + width * scale, baseline=self.page_height - f,
            ascent=font.get_ascent() * size, descent=-font.get_descent() * size,
            ink_middle=_ink_middle(font, cid) * size if text == "—" else None))
        return width


def _embedded(font: PDFFont) -> bool:
    descriptor = getattr(font, "descriptor", {}) or {}
    return any(key in descriptor for key in ("FontFile", "FontFile2", "FontFile3"))


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


def read_pdf(data: bytes) -> Document:
    try:
        parser = PDFParser(io.BytesIO(data))
        document = PDFDocument(parser)
        resources = PDFResourceManager(caching=True)
        collector = _Collector(resources)
        interpreter = PDFPageInterpreter(resources, collector)
        pages = []
        for number, pdf_page in enumerate(PDFPage.create_pages(document), start=1):
            interpreter.process_page(pdf_page)
            x0, y0, x1, y1 = pdf_page.mediabox
            pages.append(Page(number, abs(x1 - x0), abs(y1 - y0), tuple(collector.chars)))
    except (PSException, ValueError, KeyError, TypeError) as error:
        raise UnreadablePdf(str(error) or type(error).__name__) from None
    return Document(tuple(pages), tuple(collector.fonts.values()))
