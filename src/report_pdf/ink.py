"""Colours as inks: CSS for the typesetter (``device-cmyk``) after a screen
colour for browsers, which do not know ``device-cmyk`` and keep the last
declaration they understand."""

from __future__ import annotations

import re

PAINTED_WITH_HEX = re.compile(rb"\b(fill|stroke): #([0-9a-fA-F]{6})\b")
ANY_HEX = re.compile(rb"#[0-9a-fA-F]{6}\b")
SVG_START = re.compile(rb"<svg\b")


def device_cmyk(percentages: tuple[float, ...]) -> str:
    """``(0, 80, 80, 0)`` → ``device-cmyk(0 0.8 0.8 0)``."""
    return "device-cmyk({})".format(" ".join(f"{value / 100:.4g}" for value in percentages))


def screen_rgb(percentages: tuple[float, ...]) -> str:
    """The colour's look on a screen, roughly (the HTML preview): ``#rrggbb``."""
    cyan, magenta, yellow, black = (value / 100 for value in percentages)
    return "#" + "".join(f"{round(255 * (1 - ink) * (1 - black)):02x}"
                         for ink in (cyan, magenta, yellow))


def in_black_ink(svg: bytes) -> bytes:
    """A drawing whose greys are black ink alone: each ``fill: #rrggbb`` and
    ``stroke: #rrggbb`` followed by its ``device-cmyk`` value, and texts (which
    inherit) black. Raises ValueError on a colour that is not a grey."""
    def grey(match: re.Match) -> bytes:
        red, green, blue = bytes.fromhex(match[2].decode())
        if not red == green == blue:
            raise ValueError(f"#{match[2].decode()} is not a grey")
        black = device_cmyk((0, 0, 0, 100 * (1 - red / 255))).encode()
        return match[0] + b"; " + match[1] + b": " + black

    converted = PAINTED_WITH_HEX.sub(grey, svg)
    if len(ANY_HEX.findall(converted)) != len(PAINTED_WITH_HEX.findall(svg)):
        raise ValueError("a colour outside a fill or stroke")
    black = f'style="fill: #000000; fill: {device_cmyk((0, 0, 0, 100))}"'.encode()
    return SVG_START.sub(b"<svg " + black, converted, count=1)


SEAL_PAINT = re.compile(r"\b(fill|stroke): (#ff0000|#ffffff)\b")


def in_seal_inks(svg: str, red: tuple[float, ...]) -> str:
    """A seal's drawing (see :mod:`report_pdf.seal_drawing`) in inks: its red in
    the layout's red, its white as no ink at all, each after its screen colour."""
    inks = {"#ff0000": red, "#ffffff": (0.0, 0.0, 0.0, 0.0)}
    return SEAL_PAINT.sub(lambda match: f"{match[1]}: {screen_rgb(inks[match[2]])}; "
                                        f"{match[1]}: {device_cmyk(inks[match[2]])}", svg)
