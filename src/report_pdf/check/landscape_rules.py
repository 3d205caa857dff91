"""Landscape pages (GB/T 9704-2012 chapter 8), from the PDF alone: a wide table
set across the page, turned a quarter, on a portrait sheet."""

from __future__ import annotations

from dataclasses import dataclass

from .context import FLUSH, MAX_DETAILS, Context, RuleResult
from .pdf_page import TurnedChar
from .standard import BINDING_EDGE_OF_ODD_PAGES, OUTER_EDGE_OF_EVEN_PAGES

RULE = "landscape pages"


@dataclass(frozen=True)
class TurnedLine:
    """The characters of one line of turned text, in reading order."""

    page: int
    chars: tuple[TurnedChar, ...]
    in_title: bool  # in the attachment's title (an H1)

    @property
    def text(self) -> str:
        return "".join(char.text for char in self.chars)

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (min(char.box[0] for char in self.chars), min(char.box[1] for char in self.chars),
                max(char.box[2] for char in self.chars), max(char.box[3] for char in self.chars))


def turned_lines(context: Context, number: int) -> list[TurnedLine]:
    """A page's text turned with its top to the left, as lines: a line's glyphs
    stand on one baseline, at one distance from the left edge, and read from the
    bottom up; lines from the left edge on."""
    page = context.document.pages[number - 1]
    groups: dict[tuple[float, bool], list[TurnedChar]] = {}
    for char in page.turned:
        if char.up != "left":
            continue
        path = page.structure[char.mcid] if char.mcid is not None and \
            char.mcid < len(page.structure) else None
        title = bool(path and "H1" in path)
        key = next((key for key in groups if key[1] == title
                    and abs(key[0] - char.origin[0]) <= 0.5), (char.origin[0], title))
        groups.setdefault(key, []).append(char)
    lines = [TurnedLine(number, tuple(sorted(chars, key=lambda char: -char.origin[1])), title)
             for (_, title), chars in groups.items()]
    return sorted(lines, key=lambda line: line.chars[0].origin[0])


def landscape_pages(context: Context) -> RuleResult:
    """Text set across a page stands in the text block, every character turned
    the same way: its top to the binding on an odd page, to the outer edge on an
    even page; no upright text beside it but the page number, in its place."""
    block = context.block
    problems = []
    pages = [page for page in context.document.pages if page.turned]
    for page in pages:
        side = BINDING_EDGE_OF_ODD_PAGES if page.number % 2 else OUTER_EDGE_OF_EVEN_PAGES
        wrong = {char.up for char in page.turned if char.up != side}
        if wrong:
            problems.append(f"page {page.number}: text turned with its top to the "
                            f"{', '.join(sorted(wrong))}, not the {side}")
        left, top, right, bottom = (min(char.box[0] for char in page.turned),
                                    min(char.box[1] for char in page.turned),
                                    max(char.box[2] for char in page.turned),
                                    max(char.box[3] for char in page.turned))
        beyond = {"left": block.left - left, "top": block.top - top,
                  "right": right - block.right, "bottom": bottom - block.bottom}
        problems += [f"page {page.number}: turned text {distance:.2f} pt past the {edge} edge"
                     for edge, distance in beyond.items() if distance > FLUSH]
        upright = [char for char in page.chars if char.baseline <= block.bottom]
        if upright:
            problems.append(f"page {page.number}: upright text beside the turned: "
                            + "".join(char.text for char in upright[:12]))
    return RuleResult(RULE, f"{len(pages)} page(s)" + (
        " (" + ", ".join(str(page.number) for page in pages) + ")" if pages else ""),
        "turned text inside the text block, its top to the binding on odd pages and to "
        "the outer edge on even pages", not problems, tuple(problems[:MAX_DETAILS]))
