"""The fonts of a PDF, as the check's reader needs them: widths, the text each
character code stands for, the vertical metrics, and the embedded program.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import lru_cache

import pikepdf
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import C_F_F_  # noqa: F401

SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
NOTDEF_MAPPING = re.compile(rb"<[0-9A-Fa-f]+>\s+0\b")
HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


@dataclass(frozen=True)
class FontInfo:
    name: str
    embedded: bool
    notdef_codes: int = 0  # character codes its encoding sends to .notdef (a box)
    em_top: float | None = None  # em: the top of its characters' em box (字身框) above
    # the baseline, from the embedded font's typographic ascender


@dataclass
class PdfFont:
    """What the interpreter needs of a font resource."""

    name: str
    two_byte: bool
    widths: dict[int, float]  # by code (simple fonts) or CID, in thousandths of an em
    default_width: float
    code_to_cid: dict[int, int]  # empty: the identity
    unicode: dict[int, str]  # by code
    ascent: float  # em
    descent: float  # em, positive below the baseline
    program: pikepdf.Object | None  # the embedded font file
    info: FontInfo = field(default=None)
    _glyphs: dict[int, tuple[float, str, int]] = field(default_factory=dict)

    def codes(self, data: bytes) -> list[int]:
        if self.two_byte:
            return [data[index] << 8 | data[index + 1] for index in range(0, len(data) - 1, 2)]
        return list(data)

    def cid(self, code: int) -> int:
        return self.code_to_cid.get(code, code) if self.code_to_cid else code

    def width(self, code: int) -> float:
        key = self.cid(code) if self.two_byte else code
        return self.widths.get(key, self.default_width)

    def glyph(self, code: int) -> tuple[float, str, int]:
        """Width (thousandths of an em), text and CID of a character code."""
        known = self._glyphs.get(code)
        if known is None:
            known = self._glyphs[code] = (self.width(code), self.unicode.get(code, "\ufffd"),
                                          self.cid(code))
        return known


def _parse_to_unicode(data: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        pairs = HEX.findall(block)
        for source, target in zip(pairs[::2], pairs[1::2], strict=False):
            mapping[int(source, 16)] = bytes.fromhex(target.decode()).decode("utf-16-be",
                                                                             "replace")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in re.findall(rb"<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*(?:<[0-9A-Fa-f]+>|\[[^\]]*\])",
                               block):
            values = HEX.findall(line)
            start, end = int(values[0], 16), int(values[1], 16)
            targets = values[2:]
            if b"[" in line:
                for offset, target in enumerate(targets):
                    mapping[start + offset] = bytes.fromhex(target.decode()).decode(
                        "utf-16-be", "replace")
            else:
                base = bytes.fromhex(targets[0].decode())
                for offset in range(end - start + 1):
                    value = int.from_bytes(base, "big") + offset
                    mapping[start + offset] = value.to_bytes(len(base), "big").decode(
                        "utf-16-be", "replace")
    return mapping


def _parse_cid_encoding(data: bytes) -> dict[int, int]:
    mapping: dict[int, int] = {}
    for block in re.findall(rb"begincidchar(.*?)endcidchar", data, re.S):
        for code, cid in re.findall(rb"<([0-9A-Fa-f]+)>\s+([0-9]+)", block):
            mapping[int(code, 16)] = int(cid)
    for block in re.findall(rb"begincidrange(.*?)endcidrange", data, re.S):
        for start, end, cid in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s+([0-9]+)",
                                          block):
            for offset in range(int(end, 16) - int(start, 16) + 1):
                mapping[int(start, 16) + offset] = int(cid) + offset
    return mapping


def load_font(spec: pikepdf.Object) -> PdfFont:
    name = SUBSET_PREFIX.sub("", str(spec.get("/BaseFont", "/unknown")).lstrip("/"))
    subtype = str(spec.get("/Subtype", ""))
    encoding = spec.get("/Encoding")
    notdef = 0
    code_to_cid: dict[int, int] = {}
    if isinstance(encoding, pikepdf.Stream):
        data = encoding.read_bytes()
        notdef = len(NOTDEF_MAPPING.findall(data))
        code_to_cid = _parse_cid_encoding(data)
    unicode = {}
    if isinstance(spec.get("/ToUnicode"), pikepdf.Stream):
        unicode = _parse_to_unicode(spec.ToUnicode.read_bytes())
    widths: dict[int, float] = {}
    if subtype == "/Type0":
        descendant = spec.DescendantFonts[0]
        default = float(descendant.get("/DW", 1000))
        items = list(descendant.get("/W", []))
        index = 0
        while index < len(items):
            first = int(items[index])
            if isinstance(items[index + 1], pikepdf.Array):
                for offset, width in enumerate(items[index + 1]):
                    widths[first + offset] = float(width)
                index += 2
            else:
                for cid in range(first, int(items[index + 1]) + 1):
                    widths[cid] = float(items[index + 2])
                index += 3
        descriptor = descendant.get("/FontDescriptor")
    else:
        default = 0.0
        first = int(spec.get("/FirstChar", 0))
        for offset, width in enumerate(spec.get("/Widths", [])):
            widths[first + offset] = float(width)
        descriptor = spec.get("/FontDescriptor")
    descriptor = descriptor if descriptor is not None else {}
    program = next((descriptor[key] for key in ("/FontFile", "/FontFile2", "/FontFile3")
                    if key in descriptor), None)
    ascent = float(descriptor.get("/Ascent", 800)) / 1000
    descent = abs(float(descriptor.get("/Descent", -200))) / 1000
    font = PdfFont(name, subtype == "/Type0", widths, default, code_to_cid, unicode, ascent,
                 descent, program)
    font.info = FontInfo(name, program is not None, notdef,
                         em_top(bytes(program.read_bytes())) if program is not None else None)
    return font


@lru_cache(maxsize=64)
def em_top(font_program: bytes) -> float | None:
    """The top of the em box in em above the baseline: the font's typographic
    ascender (for a CJK face, the ideographic em box's top)."""
    try:
        font = TTFont(io.BytesIO(font_program), lazy=True)
        return font["OS/2"].sTypoAscender / font["head"].unitsPerEm
    except Exception:  # a font program fontTools cannot read, or without OS/2
        return None


@lru_cache(maxsize=64)
def glyph_middle(font_program: bytes, glyph_id: int) -> float | None:
    """Middle of a glyph's ink in em above the baseline, from the embedded font.

    fontTools and its CFF table are imported with this module, not here: in a
    cold build that happens while the typesetting worker loads WeasyPrint.
    """
    try:
        font = TTFont(io.BytesIO(font_program))
        glyphs = font.getGlyphSet()
        pen = BoundsPen(glyphs)
        glyphs[font.getGlyphOrder()[glyph_id]].draw(pen)
    except Exception:  # a font program fontTools cannot read: no measure
        return None
    if pen.bounds is None:
        return None
    _, bottom, _, top = pen.bounds
    return (bottom + top) / 2 / font["head"].unitsPerEm
