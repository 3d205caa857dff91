"""The issuers' names in the signature, as the PDF sets them: one name, or a
joint document's names (联合行文), stacked or side by side."""

from __future__ import annotations

from dataclasses import dataclass

from .context import Context
from .lines import SIGNATURE, TextLine
from .standard import DATE

NAME_GAP_EM = 0.5  # wider than this between two characters of a line: two names


@dataclass(frozen=True)
class Name:
    text: str
    x0: float
    x1: float
    line: TextLine

    @property
    def middle(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class SignatureNames:
    rows: tuple[tuple[Name, ...], ...]  # the lines above the date, each split into names
    date: TextLine

    @property
    def joint(self) -> bool:
        return len(self.rows) > 1 or any(len(row) > 1 for row in self.rows)

    @property
    def side_by_side(self) -> bool:
        return any(len(row) > 1 for row in self.rows)


def signature_names(context: Context) -> SignatureNames | None:
    """The names above the 成文日期, row by row; None without a signature."""
    lines = context.part(SIGNATURE)
    dated = next((index for index, line in enumerate(lines)
                  if DATE.fullmatch(line.text.strip())), None)
    if not dated:
        return None
    date = lines[dated]
    rows = tuple(_names(line) for line in lines[:dated] if line.page == date.page)
    return SignatureNames(rows, date) if rows else None


def _names(line: TextLine) -> tuple[Name, ...]:
    groups = [[line.chars[0]]]
    for char in line.chars[1:]:
        if char.x0 - groups[-1][-1].x1 > NAME_GAP_EM * char.size:
            groups.append([char])
        else:
            groups[-1].append(char)
    return tuple(Name("".join(char.text for char in group), group[0].x0,
                      max(char.x1 for char in group), line) for group in groups)
