"""Every character the document prints, looked up in its role's fonts before
anything is typeset.

A role's fonts are a stack (``styles/layout.yaml``): a Latin face for digits
and letters, the face the role is meant to be set in, then faces of wider
coverage and the nearest style. A character the meant face lacks but a later
face has is set in that face and listed as a warning, naming the character,
its code point and its first place; a character no face of the stack has is
an error. The typesetter never picks a font of its own: it is shown only the
committed fonts, so the PDF comes out the same on every machine.
"""

from __future__ import annotations

from collections.abc import Iterable

from .errors import InputError, Problem, ProblemCollector
from .fonts import Font, FontSet, describe
from .layout import Layout
from .model import Location
from .roles import Role

SKIPPED = set(" \n\u00ad")  # spaces take no glyph; a soft hyphen is never shown


class GlyphAudit:
    """Collects the characters of a document by role, then finds their fonts."""

    def __init__(self, fonts: FontSet, layout: Layout):
        self.fonts = fonts
        self.layout = layout
        self._first: dict[tuple[str, Role], Location | None] = {}
        self._places: dict[tuple[str, Role], set[tuple]] = {}

    def add(self, text: str, role: Role, location: Location | None) -> None:
        """Text of one role starting at ``location`` (the characters after the first
        are taken to follow it on the same line)."""
        for offset, char in enumerate(text):
            if char in SKIPPED:
                continue
            where = location
            if location is not None and location.column is not None and offset:
                where = Location(location.file, location.line, location.column + offset)
            key = (char, role)
            self._first.setdefault(key, where)
            self._places.setdefault(key, set()).add(
                (where.file, where.line, where.column) if where else None)

    def add_all(self, texts: Iterable[tuple[str, Role, Location | None]]) -> None:
        for text, role, location in texts:
            self.add(text, role, location)

    def finish(self) -> tuple[str, ...]:
        """Raise InputError for characters no face has; return the fallback warnings."""
        problems = ProblemCollector()
        warnings: list[Problem] = []
        for (char, role), where in self._first.items():
            style = self.layout.text[role]
            font = self.fonts.covering(char, style.fonts, style.weight)
            meant = self.fonts.main_font(style.fonts, style.weight)
            others = len(self._places[char, role]) - 1
            more = f" (and in {others} more place{'s' if others > 1 else ''})" if others else ""
            meant_text = describe(meant) if meant else ", ".join(style.fonts)
            if font is None:
                fallbacks = _fallbacks(self.fonts, style.fonts, style.weight, meant)
                nor = f" nor in {', '.join(fallbacks)}" if fallbacks else ""
                problems.add(f"character “{char}” (U+{ord(char):04X}) is not in the font "
                             f"{meant_text}{nor}{more}; replace it with a character the "
                             "font has, or choose a font that has it", where)
            elif meant is not None and font is not meant and not font.unicode_ranges:
                warnings.append(Problem(
                    f"character “{char}” (U+{ord(char):04X}) is not in the font {meant_text}: "
                    f"set in {font.family} ({font.path.name}) instead{more}", where))
        problems.raise_if_any(InputError)
        warnings.sort(key=lambda problem: _order(problem.location))
        return tuple(str(problem) for problem in warnings)


def _fallbacks(fonts: FontSet, families: tuple[str, ...], weight: int,
               meant: Font | None) -> list[str]:
    names = []
    for name in families:
        for font in fonts.family(name):
            if font is not meant and not font.unicode_ranges and font.family not in names:
                names.append(font.family)
    return names


def _order(location: Location | None) -> tuple:
    if location is None:
        return (1, "", 0, 0)
    return (0, str(location.file), location.line or 0, location.column or 0)
