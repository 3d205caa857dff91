"""An image of a seal (or 签名章) reduced to what a press prints: the red ink and
the paper.

A seal is one ink. The PDF prints its colours as inks (GB/T 9704 6.2: red at
M80 Y80), never RGB, so the office's image is not embedded as its pixels are:
its red parts become the layout's red ink, its white or transparent parts are
left to the paper, and an image that paints anything else (black, blue, grey
…) is refused. The result is a small SVG drawing, for both kinds of file:

* a PNG: every pixel at least half covered by red becomes ink, as a path of
  runs of whole pixels (nothing resampled), framed by the red's extent;
* an SVG: a copy with only shapes, groups and clipping paths, every shape's
  fill and stroke resolved to red, white or none. Nothing in it may fetch or
  run anything (no references to other files, no scripts, no images, no
  text, which would need fonts the typesetter does not have), and no part
  may be rotated or skewed, so that the check can tell the seal stands
  upright from the PDF alone.

Painted parts are written ``#ff0000`` (ink) and ``#ffffff`` (paper);
:func:`report_pdf.ink.in_seal_inks` turns them into the layout's inks.
"""

from __future__ import annotations

import io
import math
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
INK, PAPER = "#ff0000", "#ffffff"
MAX_SIDE_PX = 2400  # a 42 mm seal at about 1450 dpi
MAX_RUNS = 100_000  # rectangles of ink: a seal's ring, star and lettering take some thousands
FOREIGN_SHARE = 0.02  # of the painted pixels: what may be neither red nor paper (noise)
RED_HUE_DEGREES = 25  # a colour within this of pure red is red

SHAPES = frozenset(("path", "rect", "circle", "ellipse", "line", "polyline", "polygon"))
CONTAINERS = frozenset(("g", "defs", "clipPath"))
DROPPED = frozenset(("title", "desc", "metadata"))  # words about the drawing, not drawing
REFUSED = {
    "text": "text in the seal image: convert it to paths (in Inkscape: Path → Object to "
            "Path), so that it prints in the seal's own letters",
    "image": "an image inside the SVG: give the PNG itself as seal_image",
    "script": "a script: the typesetter runs nothing",
    "foreignObject": "an embedded document: the typesetter shows nothing of it",
    "style": "a <style> element: give the colours as fill and stroke attributes",
    "use": "a clone (<use>): unlink the clones (in Inkscape: Edit → Clone → Unlink Clone)",
    "a": "a link",
    "linearGradient": "a gradient: a seal prints in one flat ink",
    "radialGradient": "a gradient: a seal prints in one flat ink",
    "pattern": "a pattern: a seal prints in one flat ink",
}
GEOMETRY = frozenset((
    "id", "d", "x", "y", "width", "height", "cx", "cy", "r", "rx", "ry", "x1", "y1", "x2", "y2",
    "points", "pathLength", "clipPathUnits"))
STYLE_KEEPS = frozenset((
    "fill-rule", "clip-rule", "stroke-width", "stroke-linecap", "stroke-linejoin",
    "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "display", "visibility",
    "clip-path", "transform"))
INHERITED = ("fill", "stroke", "color", "fill-opacity", "stroke-opacity")
INITIAL = {"fill": "black", "stroke": "none", "color": "black", "fill-opacity": "1",
           "stroke-opacity": "1"}
TRANSFORM = re.compile(r"\s*,?\s*(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)")
LOCAL_URL = re.compile(r"url\(\s*['\"]?#[^)'\"]*['\"]?\s*\)")


class SealRefused(ValueError):
    """The image cannot be printed as a seal; the message says why."""


@dataclass(frozen=True)
class SealDrawing:
    svg: str  # a whole <svg> element, painted in INK and PAPER only
    width: float  # of its frame (viewBox), in its own units
    height: float


def png_drawing(data: bytes) -> SealDrawing:
    import numpy
    from PIL import Image, ImageFile

    # WeasyPrint, once loaded, lets Pillow read cut-short files as far as they go.
    lenient, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        image = Image.open(io.BytesIO(data))
        kind, (width, height) = image.format, image.size
        if kind == "PNG" and max(width, height) <= MAX_SIDE_PX:
            rgba = numpy.asarray(image.convert("RGBA"), dtype=numpy.float32) / 255
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError) as error:
        raise SealRefused(f"it is not a readable PNG ({error})") from None
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    if kind != "PNG":
        raise SealRefused(f"it is a {kind} image, not a PNG")
    if max(width, height) > MAX_SIDE_PX:
        raise SealRefused(f"it is {width} × {height} pixels; a seal needs no more than "
                          f"{MAX_SIDE_PX} a side (about 1450 dpi at 42 mm): scale it down")
    red, green, blue, alpha = (rgba[..., index] for index in range(4))
    brightest = numpy.maximum(numpy.maximum(red, green), blue)
    spread = brightest - numpy.minimum(numpy.minimum(red, green), blue)
    saturation = numpy.where(brightest > 0, spread / numpy.maximum(brightest, 1e-6), 0)
    reddish = (red >= brightest) & (numpy.abs(green - blue) <= RED_HUE_DEGREES / 60 * spread) \
        & (saturation >= 0.1)
    paper = (saturation < 0.1) & (brightest >= 0.85)
    shown = alpha >= 0.5
    ink = shown & reddish & (saturation >= 0.5)  # at least half red, blended with paper
    foreign = shown & ~reddish & ~paper
    painted = int((shown & ~paper).sum())
    if not ink.any():
        raise SealRefused("it has no red in it: a seal prints in red (GB/T 9704 7.3.5.1)")
    if foreign.sum() > FOREIGN_SHARE * painted:
        row, column = (int(value) for value in numpy.argwhere(foreign)[0])
        colour = "#" + "".join(f"{round(float(channel[row, column]) * 255):02x}"
                               for channel in (red, green, blue))
        raise SealRefused(
            f"{int(foreign.sum()) * 100 // painted} % of its painted pixels are not red "
            f"(the first at x {column}, y {row}: {colour}): a seal prints in red alone, its "
            "white or transparent parts as paper")
    rows, columns = numpy.nonzero(ink)
    top, left = int(rows.min()), int(columns.min())
    frame = (left, top, int(columns.max()) + 1 - left, int(rows.max()) + 1 - top)
    path = _runs_path(ink)
    svg = (f'<svg xmlns="{SVG_NS}" viewBox="{" ".join(map(str, frame))}">'
           f'<path style="fill: {INK}; stroke: none" d="{path}"/></svg>')
    return SealDrawing(svg, float(frame[2]), float(frame[3]))


def _runs_path(ink) -> str:
    """The inked pixels as rectangles: runs along each row, a run that repeats
    on the rows under it taken with them."""
    import numpy

    open_runs: dict[tuple[int, int], list[int]] = {}  # (x0, x1) → [top, height]
    parts: list[str] = []
    count = 0

    def close(key: tuple[int, int]) -> None:
        top, height = open_runs.pop(key)
        parts.append(f"M{key[0]} {top}h{key[1] - key[0]}v{height}h{key[0] - key[1]}z")

    padded = numpy.zeros((ink.shape[0] + 1, ink.shape[1] + 2), dtype=numpy.int8)
    padded[:-1, 1:-1] = ink
    for row, line in enumerate(padded):
        edges = numpy.flatnonzero(numpy.diff(line))
        runs = set(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))
        for key in [key for key in open_runs if key not in runs]:
            close(key)
        for key in sorted(runs):
            if key in open_runs:
                open_runs[key][1] += 1
            else:
                open_runs[key] = [row, 1]
                count += 1
        if count > MAX_RUNS:
            raise SealRefused(f"it is too finely speckled (more than {MAX_RUNS:,} patches "
                              "of red): a seal has a ring, a star and lettering; give a "
                              "clean image of it")
    return "".join(parts)


def svg_drawing(data: bytes) -> SealDrawing:
    text = data.decode("utf-8", errors="replace")
    if re.search(r"<!ENTITY", text, re.I) or re.search(r"<!DOCTYPE[^>]*\[", text, re.I):
        raise SealRefused("it declares entities (<!ENTITY>, or a DOCTYPE with its own "
                          "declarations), which can expand without end: remove them")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        line, column = error.position
        raise SealRefused(f"it is not well-formed SVG (XML error at its line {line}, column "
                          f"{column + 1})") from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise SealRefused(f"its root element is <{_name(root.tag)}> without the SVG "
                          f'namespace: an SVG begins <svg xmlns="{SVG_NS}"')
    frame = _view_box(root.get("viewBox"))
    declared = _declared(root)
    if _number(declared.get("opacity", "1"), "<svg>") != 1:
        raise SealRefused("it is partly transparent (opacity on <svg>): a seal prints in one "
                          "ink at full strength")
    _refuse_turns(declared.get("transform", ""), "<svg>")
    clean = ElementTree.Element(f"{{{SVG_NS}}}svg", {
        "viewBox": " ".join(f"{value:g}" for value in frame),
        "preserveAspectRatio": "xMidYMid meet"})
    inherited = {key: declared.get(key, INITIAL[key]) for key in INHERITED}
    for child in root:
        _copy(child, clean, inherited, painted=True)
    if not any(INK in element.get("style", "") for element in clean.iter()):
        raise SealRefused("it has no red in it: a seal prints in red (GB/T 9704 7.3.5.1)")
    ElementTree.register_namespace("", SVG_NS)
    return SealDrawing(ElementTree.tostring(clean, encoding="unicode"), frame[2], frame[3])


def _view_box(value: str | None) -> tuple[float, float, float, float]:
    try:
        numbers = tuple(float(part) for part in re.split(r"[\s,]+", (value or "").strip()))
    except ValueError:
        numbers = ()
    if len(numbers) != 4 or not all(math.isfinite(number) for number in numbers) \
            or numbers[2] <= 0 or numbers[3] <= 0:
        raise SealRefused(f"its viewBox is {value!r}: give the drawing's extent, like "
                          'viewBox="0 0 420 420", the seal filling it')
    return numbers  # type: ignore[return-value]


def _name(tag: str) -> str:
    return tag.rpartition("}")[2]


def _copy(element: ElementTree.Element, parent: ElementTree.Element,
          inherited: dict[str, str], painted: bool) -> None:
    """Copy an element, and what is in it, as far as a seal needs."""
    if not element.tag.startswith(f"{{{SVG_NS}}}"):
        return  # an editor's own data (Inkscape, Illustrator): never drawn
    name = _name(element.tag)
    if name in DROPPED:
        return
    if name not in SHAPES and name not in CONTAINERS:
        reason = REFUSED.get(name, "it is not needed to draw a seal; remove it")
        raise SealRefused(f"it has a <{name}>: {reason}")
    declared = _declared(element)
    what = f"<{name}{_id(element)}>"
    opacity = declared.get("opacity", "1")
    if _number(opacity, what) != 1:
        raise SealRefused(f"its {what} is partly transparent (opacity {opacity}): a seal "
                          "prints in one ink at full strength; make it opaque or remove it")
    _refuse_turns(declared.get("transform", ""), what)
    own = {key: declared[key] for key in STYLE_KEEPS if key in declared}
    inherited = {key: (inherited[key] if declared.get(key, "inherit") == "inherit"
                       else declared[key]) for key in INHERITED}
    painted = painted and name not in ("defs", "clipPath")
    attributes = {key: value for key, value in element.attrib.items() if key in GEOMETRY}
    if name in SHAPES and painted:
        fill, stroke = (_paint(inherited, key, what) for key in ("fill", "stroke"))
        attributes["style"] = f"fill: {fill}; stroke: {stroke}"
    attributes.update(own)
    copy = ElementTree.SubElement(parent, element.tag, attributes)
    for child in element:
        _copy(child, copy, inherited, painted)


def _id(element: ElementTree.Element) -> str:
    return f' id="{element.get("id")}"' if element.get("id") else ""


def _declared(element: ElementTree.Element) -> dict[str, str]:
    """Its presentation attributes and its style, the style winning; refused when
    something would be fetched or run."""
    what = f"<{_name(element.tag)}{_id(element)}>"
    for key, value in element.attrib.items():
        if _name(key).lower().startswith("on"):
            raise SealRefused(f"its {what} has a script ({_name(key)}): the typesetter runs "
                              "nothing; remove it")
        if key in ("href", XLINK_HREF) and not value.strip().startswith("#"):
            raise SealRefused(f"its {what} refers to another file ({value[:60]}): the "
                              "typesetter fetches nothing; make the drawing whole in itself")
        if "url(" in LOCAL_URL.sub("", value):
            raise SealRefused(f"its {what} refers to another file ({value[:60]}): the "
                              "typesetter fetches nothing; make the drawing whole in itself")
    declared = {key: value.strip() for key, value in element.attrib.items()
                if key not in GEOMETRY and key != "style"}
    for declaration in element.get("style", "").split(";"):
        key, colon, value = declaration.partition(":")
        if colon:
            declared[key.strip().lower()] = value.strip().removesuffix("!important").strip()
    return declared


def _number(text: str, what: str) -> float:
    try:
        return float(text.strip().removesuffix("%")) / (100 if text.strip().endswith("%")
                                                         else 1)
    except ValueError:
        raise SealRefused(f"its {what} has an unreadable value: {text[:40]!r}") from None


def _refuse_turns(transform: str, what: str) -> None:
    """Translating and scaling are all a seal's parts may need; a part rotated or
    skewed would hide whether the seal itself is upright."""
    rest = TRANSFORM.sub("", transform).strip(" ,")
    if rest:
        raise SealRefused(f"its {what} has an unreadable transform: {transform[:60]!r}")
    for kind, arguments in TRANSFORM.findall(transform):
        values = [float(value) for value in re.findall(r"[-+]?(?:\d*\.\d+|\d+\.?)(?:e[-+]?\d+)?",
                                                        arguments, re.I)]
        turned = (kind in ("skewX", "skewY") and any(values[:1])) or (
            kind == "rotate" and values and values[0] % 360 != 0) or (
            kind == "matrix" and len(values) == 6 and (values[1] or values[2]))
        if turned:
            raise SealRefused(f"its {what} is rotated or skewed ({kind}({arguments.strip()})): "
                              "apply the transform to the paths (in Inkscape: Path → Object "
                              "to Path, then save as Plain SVG), so that no part is turned")


def _paint(inherited: dict[str, str], key: str, what: str) -> str:
    """A shape's fill or stroke as INK, PAPER or none."""
    value = inherited[key]
    if value.lower() == "currentcolor":
        value = inherited["color"]
    if value.lower() in ("none", "transparent"):
        return "none"
    opacity = inherited[f"{key}-opacity"]
    if _number(opacity, what) != 1:
        raise SealRefused(f"its {what} is partly transparent ({key}-opacity {opacity}): a "
                          "seal prints in one ink at full strength")
    kind = colour_kind(value)
    if kind is None:
        raise SealRefused(f"its {what} is painted {value[:40]} ({key}), which is neither red "
                          "nor white: a seal prints in red alone, its white parts as paper")
    return kind


def colour_kind(value: str) -> str | None:
    """INK for a red, PAPER for a white, None for any other colour (or no colour)."""
    from PIL import ImageColor

    try:
        red, green, blue = (channel / 255 for channel in ImageColor.getrgb(value)[:3])
    except ValueError:
        return None
    brightest, darkest = max(red, green, blue), min(red, green, blue)
    saturation = (brightest - darkest) / brightest if brightest else 0.0
    if saturation < 0.1 and brightest >= 0.85:
        return PAPER
    if red >= brightest and saturation >= 0.5 and \
            abs(green - blue) <= RED_HUE_DEGREES / 60 * (brightest - darkest):
        return INK
    return None
