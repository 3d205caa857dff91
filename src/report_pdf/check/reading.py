"""Read a PDF into characters with their font, size and position, its filled
rules, the extent of what each marked content draws, the colours it paints
with, how it asks to be printed, and its fonts.

qpdf (through pikepdf) parses the content streams; this module interprets the
few operators that place text and paint paths. Positions are in points
from the page's top-left corner, as a reader sees the page.
"""

from __future__ import annotations

import io
import re

import pikepdf

from .pdf_catalog import print_settings
from .pdf_fonts import PdfFont, glyph_middle, load_font
from .pdf_page import (
    INITIAL_PAINT,
    Box,
    Char,
    Document,
    Page,
    Paint,
    Rule,
    TurnedChar,
    UnreadablePdf,
)
from .structure import page_structures

# An item of an unparsed TJ array: <hex string>, (literal string) or a number;
# the groups keep their delimiters, so that an empty group means "not this kind".
TJ_ITEM = re.compile(rb"(<[0-9A-Fa-f]*>)|(\((?:[^\\()]|\\.)*\))|([-+]?[0-9]*\.?[0-9]+)", re.S)
LITERAL_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)
ESCAPED = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"\n": b""}


# The operators the reader interprets; qpdf leaves the others out while parsing.
OPERATORS = ("q Q cm rg RG g G k K cs CS sc SC scn SCN m l c v y re f F f* B B* b b* n S s W "
             "W* BT Tf Tm Td TD T* TL Tc Tw Tz Ts TJ Tj ' \" Do BDC BMC EMC")
DEVICE_SPACES = {"rg": "DeviceRGB", "g": "DeviceGray", "k": "DeviceCMYK"}
PAINT = frozenset(("f", "F", "f*", "B", "B*", "b", "b*", "S", "s"))
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def multiply(first: Matrix, second: Matrix) -> Matrix:
    """The matrix applying ``first``, then ``second``."""
    a, b, c, d, e, f = first
    g, h, i, j, k, m = second
    return (a * g + b * i, a * h + b * j, c * g + d * i, c * h + d * j,
            e * g + f * i + k, e * h + f * j + m)


def apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def _shown_codes(array: pikepdf.Array, font: PdfFont) -> list[list[int] | float]:
    """The character codes and the adjustments of a TJ array, read from its
    unparsed form: one call into qpdf instead of one for each item (WeasyPrint
    writes one item for each glyph)."""
    items: list[list[int] | float] = []
    one_code = 6 if font.two_byte else 4  # "<00a1>" or "<a1>"
    for hexadecimal, literal, number in TJ_ITEM.findall(array.unparse()):
        if number:
            items.append(float(number))
        elif len(hexadecimal) == one_code:
            items.append([int(hexadecimal[1:-1], 16)])
        elif hexadecimal:
            items.append(font.codes(bytes.fromhex(hexadecimal[1:-1].decode())))
        else:
            items.append(font.codes(LITERAL_ESCAPE.sub(_unescape, literal[1:-1])))
    return items


def _unescape(match: re.Match) -> bytes:
    escaped = match[1]
    if escaped[:1].isdigit():
        return bytes([int(escaped, 8) & 0xFF])
    return ESCAPED.get(escaped, escaped)


def _is_red(paint: Paint) -> bool:
    colour = paint.values
    if len(colour) == 4:  # CMYK: magenta and yellow, little cyan or black
        return min(colour[1:3]) > 0.5 and max(colour[0], colour[3]) < 0.2
    return len(colour) == 3 and colour[0] > 0.8 and max(colour[1:]) < 0.2


class _PageReader:
    """Interprets one page's content, and the forms it draws, for text and rules."""

    def __init__(self, page: pikepdf.Page, fonts: dict[tuple[int, int], PdfFont]):
        box = [float(value) for value in page.mediabox]
        self.width, self.height = abs(box[2] - box[0]), abs(box[3] - box[1])
        self.fonts = fonts
        self.chars: list[Char] = []
        self.turned: list[TurnedChar] = []
        self.rules: list[Rule] = []
        self.drawn: dict[int, Box] = {}
        self.paints: dict[tuple[str, Paint], int] = {}
        self.inks: dict[int, set[Paint]] = {}
        self.skewed: set[int] = set()
        self._marks: list[int | None] = []  # marked content open at this point: their MCIDs
        self._mcid: int | None = None  # the MCID the text drawn now belongs to
        self._run(page.obj, page.obj.get("/Resources", pikepdf.Dictionary()), IDENTITY,
                  (INITIAL_PAINT, INITIAL_PAINT))

    def _open_mark(self, mcid: int | None) -> None:
        self._marks.append(mcid)
        if mcid is not None:
            self._mcid = mcid

    def _close_mark(self) -> None:
        self._marks.pop()
        # the innermost marked content still open that has an MCID
        self._mcid = next((mcid for mcid in reversed(self._marks) if mcid is not None), None)

    def _font(self, resources, name) -> PdfFont:
        spec = resources.Font[name]
        key = spec.objgen
        if key not in self.fonts or key == (0, 0):
            self.fonts[key] = load_font(spec)
        return self.fonts[key]

    def _run(self, content, resources, ctm: Matrix, paints: tuple[Paint, Paint],
             depth: int = 0) -> None:
        stack: list[tuple[Matrix, Paint, Paint]] = []
        fill, stroke = paints
        text_matrix = line_matrix = IDENTITY
        font: PdfFont | None = None
        size = rise = char_spacing = word_spacing = leading = 0.0
        scaling = 1.0
        rectangles: list[tuple[float, float, float, float]] = []
        path: list[tuple[float, float]] = []  # the current path's points, on the page
        for operands, operator in pikepdf.parse_content_stream(content, OPERATORS):
            op = str(operator)
            if op == "q":
                stack.append((ctm, fill, stroke))
            elif op == "Q" and stack:
                ctm, fill, stroke = stack.pop()
            elif op == "cm":
                ctm = multiply(tuple(float(value) for value in operands), ctm)
            elif op in ("rg", "g", "k"):
                fill = Paint(DEVICE_SPACES[op], tuple(float(value) for value in operands))
            elif op in ("RG", "G", "K"):
                stroke = Paint(DEVICE_SPACES[op.lower()],
                               tuple(float(value) for value in operands))
            elif op == "cs":
                fill = Paint(_colour_space(resources, operands[0]), ())
            elif op == "CS":
                stroke = Paint(_colour_space(resources, operands[0]), ())
            elif op in ("sc", "scn"):
                fill = fill._replace(values=tuple(
                    float(value) for value in operands if not isinstance(value, pikepdf.Name)))
            elif op in ("SC", "SCN"):
                stroke = stroke._replace(values=tuple(
                    float(value) for value in operands if not isinstance(value, pikepdf.Name)))
            elif op in ("m", "l", "c", "v", "y"):  # a curve lies within its control points
                values = [float(value) for value in operands]
                pairs = zip(values[::2], values[1::2], strict=True)
                path.extend(apply(ctm, x, y) for x, y in pairs)
            elif op == "re":
                x, y, w, h = rectangle = tuple(float(value) for value in operands)
                rectangles.append(rectangle)
                path.extend(apply(ctm, x + dx, y + dy) for dx in (0, w) for dy in (0, h))
            elif op in PAINT:
                used = (fill,) * (op[0] in "fFBb") + (stroke,) * (op[0] in "SsBb")
                if op[0] in "fFBb":
                    for x, y, w, h in rectangles:
                        self._rule(ctm, x, y, w, h, fill)
                    self._paint("fill", fill)
                if op[0] in "SsBb":
                    self._paint("stroke", stroke)
                self._draw(path, ctm, used)
                rectangles, path = [], []
            elif op == "n":
                rectangles, path = [], []
            elif op == "BT":
                text_matrix = line_matrix = IDENTITY
            elif op == "Tf":
                font, size = self._font(resources, operands[0]), float(operands[1])
            elif op == "Tm":
                text_matrix = line_matrix = tuple(float(value) for value in operands)
            elif op in ("Td", "TD"):
                tx, ty = float(operands[0]), float(operands[1])
                if op == "TD":
                    leading = -ty
                line_matrix = text_matrix = multiply((1, 0, 0, 1, tx, ty), line_matrix)
            elif op == "T*":
                line_matrix = text_matrix = multiply((1, 0, 0, 1, 0, -leading), line_matrix)
            elif op == "TL":
                leading = float(operands[0])
            elif op == "Tc":
                char_spacing = float(operands[0])
            elif op == "Tw":
                word_spacing = float(operands[0])
            elif op == "Tz":
                scaling = float(operands[0]) / 100
            elif op == "Ts":
                rise = float(operands[0])
            elif op in ("TJ", "Tj", "'", '"') and font is not None:
                if op in ("'", '"'):
                    line_matrix = text_matrix = multiply((1, 0, 0, 1, 0, -leading),
                                                         line_matrix)
                items = (_shown_codes(operands[0], font) if op == "TJ"
                         else [font.codes(bytes(operands[-1]))])
                self._paint("text", fill)
                shift = self._show(items, font, size, rise, scaling, char_spacing,
                                   word_spacing, multiply(text_matrix, ctm), _is_red(fill))
                text_matrix = multiply((1, 0, 0, 1, shift, 0), text_matrix)
            elif op in ("BDC", "BMC"):
                properties = operands[1] if op == "BDC" and len(operands) > 1 else None
                if isinstance(properties, pikepdf.Name):
                    properties = resources.get("/Properties", {}).get(properties)
                mcid = properties.get("/MCID") if isinstance(properties,
                                                            pikepdf.Dictionary) else None
                self._open_mark(int(mcid) if mcid is not None else None)
            elif op == "EMC" and self._marks:
                self._close_mark()
            elif op == "Do" and depth < 8:
                xobject = resources.get("/XObject", {}).get(operands[0])
                if xobject is not None and xobject.get("/Subtype") == "/Form":
                    matrix = multiply(tuple(float(value) for value in
                                            xobject.get("/Matrix", IDENTITY)), ctm)
                    self._run(xobject, xobject.get("/Resources", resources), matrix,
                              (fill, stroke), depth + 1)
                elif xobject is not None and xobject.get("/Subtype") == "/Image":
                    space = xobject.get("/ColorSpace")
                    paint = Paint(_colour_space(resources, space) if space is not None
                                  else "mask", ())
                    self._draw([apply(ctm, x, y) for x in (0, 1) for y in (0, 1)], ctm,
                               (paint,))
                    self._paint("image", paint)

    def _show(self, items, font: PdfFont, size: float, rise: float, scaling: float,
              char_spacing: float, word_spacing: float, base: Matrix, red: bool) -> float:
        """Record the glyphs of a TJ (or Tj) array; return how far it moved in text
        space. One matrix for the whole array: glyphs only move along its x axis."""
        a, b, c, d, e, f = base
        page_size = (c * c + d * d) ** 0.5 * size
        scale_x = (a * a + b * b) ** 0.5
        if not (a > 0 and abs(b) <= 0.01 * a):
            return self._show_turned(items, font, size, rise, scaling, char_spacing,
                                     word_spacing, base)
        ascent, descent = font.ascent * page_size, font.descent * page_size
        glyphs, moved = _glyphs(items, font, size, scaling, char_spacing, word_spacing)
        for at, width, text, cid in glyphs:
            x, y = at * a + rise * c + e, at * b + rise * d + f
            middle = None
            if text == "—" and font.program is not None:
                ratio = glyph_middle(bytes(font.program.read_bytes()), cid)
                middle = None if ratio is None else ratio * page_size
            self.chars.append(Char(text, cid, font.name, page_size, x,
                                   x + width * scale_x * scaling, self.height - y,
                                   ascent, descent, middle, red, self._mcid))
        return moved

    def _show_turned(self, items, font: PdfFont, size: float, rise: float, scaling: float,
                     char_spacing: float, word_spacing: float, base: Matrix) -> float:
        """As :meth:`_show`, for glyphs set along another direction than left to
        right: each is kept with the box it covers on the page and where its top
        points."""
        a, b, c, d, e, f = base
        up = ("left" if c < 0 else "right") if abs(c) > abs(d) else ("up" if d > 0 else "down")
        below, above = rise - font.descent * size, rise + font.ascent * size
        glyphs, moved = _glyphs(items, font, size, scaling, char_spacing, word_spacing)
        for at, width, text, cid in glyphs:
            corners = [(t * a + u * c + e, t * b + u * d + f)
                       for t in (at, at + width * scaling) for u in (below, above)]
            xs = [x for x, _ in corners]
            tops = [self.height - y for _, y in corners]
            origin = (at * a + rise * c + e, self.height - (at * b + rise * d + f))
            self.turned.append(TurnedChar(
                text, cid, font.name, (c * c + d * d) ** 0.5 * size,
                (min(xs), min(tops), max(xs), max(tops)), origin, up, self._mcid))
        return moved

    def _paint(self, use: str, paint: Paint) -> None:
        key = (use, paint)
        self.paints[key] = self.paints.get(key, 0) + 1

    def _draw(self, points: list[tuple[float, float]], ctm: Matrix,
              paints: tuple[Paint, ...]) -> None:
        """Add what a path (or an image) covers to its marked content's extent, its
        colours to its inks, and note it when it is drawn rotated or skewed."""
        mcid = self._mcid
        if mcid is None or not points:
            return
        self.inks.setdefault(mcid, set()).update(paints)
        a, b, c, d = ctm[:4]
        if abs(b) + abs(c) > 1e-4 * (abs(a) + abs(d)):
            self.skewed.add(mcid)
        xs = [x for x, _ in points]
        tops = [self.height - y for _, y in points]
        box = (min(xs), min(tops), max(xs), max(tops))
        if mcid in self.drawn:
            old = self.drawn[mcid]
            box = (min(old[0], box[0]), min(old[1], box[1]), max(old[2], box[2]),
                   max(old[3], box[3]))
        self.drawn[mcid] = box

    def _rule(self, ctm: Matrix, x: float, y: float, w: float, h: float,
              fill: Paint) -> None:
        corners = [apply(ctm, x + dx, y + dy) for dx in (0, w) for dy in (0, h)]
        xs, ys = [point[0] for point in corners], [point[1] for point in corners]
        width, height = max(xs) - min(xs), max(ys) - min(ys)
        if width > 280 and height < 6:  # wider than ~100 mm, thinner than ~2 mm
            self.rules.append(Rule(self.height - max(ys), self.height - min(ys), min(xs),
                                   max(xs), _is_red(fill)))


def _glyphs(items, font: PdfFont, size: float, scaling: float, char_spacing: float,
            word_spacing: float) -> tuple[list[tuple[float, float, str, int]], float]:
    """The glyphs of a TJ (or Tj) array as (where along the text line, width, text,
    CID), in text space, and how far the array moves."""
    glyphs = []
    moved = 0.0
    for item in items:
        if item.__class__ is float:
            moved -= item / 1000 * size * scaling
            continue
        for code in item:
            width, text, cid = font.glyph(code)
            width = width / 1000 * size
            glyphs.append((moved, width, text, cid))
            moved += (width + char_spacing + (word_spacing if code == 32 else 0)) * scaling
    return glyphs, moved


def _colour_space(resources, name) -> str:
    """The name of a colour space: a device space, or the kind of a named one
    (ICCBased with its number of components, Separation, Pattern …)."""
    if isinstance(name, pikepdf.Name) and str(name) in ("/DeviceCMYK", "/DeviceRGB",
                                                        "/DeviceGray", "/Pattern"):
        return str(name)[1:]
    space = resources.get("/ColorSpace", {}).get(name) if isinstance(name, pikepdf.Name) \
        else name
    if isinstance(space, pikepdf.Array) and len(space):
        kind = str(space[0])[1:]
        if kind == "ICCBased":
            return f"ICCBased/{int(space[1].get('/N', 0))}"
        return kind
    return str(space)[1:] if isinstance(space, pikepdf.Name) else "unknown"


def read_pdf(data: bytes) -> Document:
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except (pikepdf.PdfError, ValueError) as error:
        # qpdf names the stream it read, here a Python object: leave it out
        reason = re.sub(r"^stream <[^>]*>: ", "", str(error))
        raise UnreadablePdf(reason or type(error).__name__) from None
    fonts: dict[tuple[int, int], PdfFont] = {}
    pages = []
    try:
        structures = page_structures(pdf)
        for number, page in enumerate(pdf.pages, start=1):
            reader = _PageReader(page, fonts)
            key = page.obj.get("/StructParents")
            structure = structures.get(int(key), ()) if key is not None else ()
            pages.append(Page(number, reader.width, reader.height, tuple(reader.chars),
                              tuple(reader.rules), structure, tuple(reader.turned),
                              reader.drawn, reader.paints,
                              {mcid: frozenset(inks) for mcid, inks in reader.inks.items()},
                              frozenset(reader.skewed)))
            for name in page.obj.get("/Resources", {}).get("/Font", {}).keys():
                _ = reader._font(page.obj.Resources, name)  # fonts listed, drawn or not
        preferences, intents = print_settings(pdf)
    except (pikepdf.PdfError, KeyError, TypeError, ValueError, IndexError,
            AttributeError) as error:
        raise UnreadablePdf(str(error) or type(error).__name__) from None
    infos = {font.info.name: font.info for font in fonts.values()}
    return Document(tuple(pages), tuple(infos.values()), bool(structures), preferences,
                    intents)
