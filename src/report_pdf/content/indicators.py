"""Indicators: the report's figures, declared in YAML and found in its text.

A figure is written once, in the text. ``indicators.yaml`` says how to find
it (the words just before and/or after it, and its unit) and what to call it;
the value, its section and its place are read from the text. Editing a figure
in the text therefore updates the summary table and the charts; editing the
words around it so that the declaration no longer matches is reported with
both places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..errors import ProblemCollector
from ..model import Block, BodyTable, Heading, Indicator, Line, Location, Paragraph, Section
from .tables import table_texts
from .yamldoc import Fields, Node

MAX_ID_LENGTH = 64  # ids name chart files: a few words, never a file-system limit
ID_PATTERN = re.compile(rf"^[a-z][a-z0-9_]{{0,{MAX_ID_LENGTH - 1}}}$")
ID_RULE = (f"must be lower-case letters, digits and underscores, starting with a letter, "
           f"at most {MAX_ID_LENGTH} in all")
MAX_UNIT_CHARS = 10
MAX_PLACES_SHOWN = 3  # of the figures a message names as candidates
MAX_DIGITS = 15  # beyond this a figure is a typing slip, and no longer exact as a float
# A figure as the text writes it: digits, an optional decimal part, and the
# "more than" suffixes of Chinese ("50余项", "15000多条").
FIGURE = r"(?<![0-9.])(?P<digits>[0-9]+(?:\.[0-9]+)?)(?P<approx>余|多)?"
# A unit of ten thousands or hundred millions (万份, 亿元) takes its 余/多 before
# or after the 万/亿 alike: 12余万份 and 12万余份 are one figure, “12余 | 万份”.
MAGNITUDE = re.compile(r"^(万|亿)(.*)$")


def _unit_pattern(unit: str) -> str:
    magnitude = MAGNITUDE.match(unit)
    if magnitude is None:
        return re.escape(unit)
    first, rest = (re.escape(part) for part in magnitude.groups())
    return f"{first}(?P<approx_after>余|多)?{rest}"


def approx_of(match: re.Match) -> str:
    """余 or 多 of a figure, wherever it stands around its 万 or 亿; else ""."""
    groups = match.groupdict()
    return groups.get("approx") or groups.get("approx_after") or ""


@dataclass(frozen=True)
class IndicatorDeclaration:
    id: str
    label: str
    unit: str
    preceded_by: str
    followed_by: str
    location: Location
    cell: tuple[int, str, str] | None = None  # in a table: its number, row and column
    nth: int | None = None  # of the figures the words match, in reading order
    occurrences: int | None = None  # the fact stated this many times, all alike

    @property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(re.escape(self.preceded_by) + FIGURE + _unit_pattern(self.unit)
                          + re.escape(self.followed_by))

    def describe(self) -> str:
        return f"“{self.preceded_by}[数字]{self.unit}{self.followed_by}”"


def read_declarations(entries: list[Node], problems: ProblemCollector
                      ) -> tuple[list[IndicatorDeclaration], set[str]]:
    """The valid declarations, and every id declared (valid or not) so that
    references to an invalid one are not reported a second time."""
    declarations: list[IndicatorDeclaration] = []
    declared: set[str] = set()
    first_seen: dict[str, Location] = {}
    for entry in entries:
        if (raw_id := _raw_id(entry)) is not None:
            declared.add(raw_id)
        declaration = _read_declaration(entry, problems)
        if declaration is None:
            continue
        if declaration.id in first_seen:
            problems.add(f"indicator id '{declaration.id}' is declared twice "
                         f"(first at line {first_seen[declaration.id].line})",
                         declaration.location)
            continue
        first_seen[declaration.id] = declaration.location
        declarations.append(declaration)
    return declarations, declared


def _raw_id(entry: Node) -> str | None:
    if isinstance(entry.value, dict):
        id_node = entry.value.get("id")
        if id_node is not None and isinstance(id_node.value, str):
            return id_node.value.strip()
    return None


def _read_declaration(node: Node, problems: ProblemCollector) -> IndicatorDeclaration | None:
    fields = Fields(node, problems, "indicator")
    indicator_id = fields.text("id")
    if indicator_id is not None:
        fields.what = f"indicator '{indicator_id}'"
    label = fields.text("label")
    unit = fields.text("unit")
    if unit is not None and len(unit) > MAX_UNIT_CHARS:
        problems.add(f"{fields.what}: a unit of {len(unit)} characters; a unit is a word like "
                     f"件 or 家（次）, at most {MAX_UNIT_CHARS}", fields.location_of("unit"))
        unit = None
    preceded_by = fields.text("preceded_by", required=False) or ""
    followed_by = fields.text("followed_by", required=False) or ""
    table = fields.text("table", required=False)
    row = fields.text("row", required=False)
    column = fields.text("column", required=False)
    nth = fields.count("nth", minimum=1)
    occurrences = fields.count("occurrences", minimum=2)
    fields.finish()
    if nth is not None and occurrences is not None:
        problems.add(f"{fields.what}: 'nth' picks one of several figures, 'occurrences' "
                     "takes them all as one fact: give one or the other", fields.location)
        return None
    cell = None
    if table is not None or row is not None or column is not None:
        number = re.fullmatch(r"表?([0-9]+)", table or "")
        if None in (row, column) or number is None:
            problems.add(f"{fields.what}: a figure in a table is found by 'table' (like 表1), "
                         "'row' (the text of the row's first cell) and 'column' (the text of "
                         "the column's header): give all three", fields.location)
            return None
        cell = (int(number.group(1)), row, column)
    if indicator_id is not None and not ID_PATTERN.match(indicator_id):
        problems.add(f"indicator id '{shortened(indicator_id)}' {ID_RULE}",
                     fields.location_of("id"))
        return None
    if fields.ok and not preceded_by and not followed_by and cell is None:
        problems.add(f"{fields.what}: give 'preceded_by' or 'followed_by' (or both): the "
                     "words next to the figure in the text, so that it can be found",
                     fields.location)
    for key, words in (("preceded_by", preceded_by), ("followed_by", followed_by),
                       ("unit", unit or "")):
        if re.search(r"[0-9]", words):
            problems.add(f"{fields.what}: '{key}' must not contain digits; a figure is "
                         "written only once, in the text", fields.location_of(key))
            return None
    if None in (indicator_id, label, unit) or not (preceded_by or followed_by or cell):
        return None
    if cell is not None and (nth or occurrences):
        problems.add(f"{fields.what}: a figure in a table is one cell; 'nth' and "
                     "'occurrences' are for figures found by their words", fields.location)
        return None
    return IndicatorDeclaration(indicator_id, label, unit, preceded_by, followed_by,
                                fields.location, cell, nth, occurrences)


@dataclass(frozen=True)
class SearchedText:
    """A text figures are found in: a paragraph, or the words of a head (as a
    one-line paragraph of the head's own section) with ``anchor``, the block a
    chart of a figure in it follows."""

    paragraph: Paragraph
    anchor: Paragraph | BodyTable | None = None

    @property
    def in_head(self) -> bool:
        return self.anchor is not None


def searched_texts(blocks: tuple[Block, ...], sections: tuple[Section, ...]
                   ) -> list[SearchedText]:
    """The paragraphs and the words of the heads, in reading order. Heads' numbers
    are numbering, not figures, and are left out."""
    section_of = {id(section.heading): section for section in sections if section.heading}
    bodies = [block for block in blocks if isinstance(block, Paragraph | BodyTable)]
    texts = []
    for index, block in enumerate(blocks):
        head = block.run_in if isinstance(block, Paragraph) else block
        if isinstance(head, Heading) and head.title:
            anchor = block if isinstance(block, Paragraph) else next(
                (later for later in blocks[index + 1:] if isinstance(later, Paragraph | BodyTable)),
                bodies[-1] if bodies else None)
            if anchor is not None:
                words = Paragraph((Line(head.title, head.title_location),),
                                  section_of.get(id(head), anchor.section))
                texts.append(SearchedText(words, anchor))
        if isinstance(block, Paragraph):
            texts.append(SearchedText(block))
    return texts


def text_lines(title_lines: tuple[str, ...], title_locations: tuple[Location, ...],
               texts: list[SearchedText], tables: list[BodyTable]) -> list[tuple[str, Location]]:
    """Every line of the report that may hold figures, with where it starts: the
    title, the words of heads, paragraphs and tables (their 表N is numbering)."""
    lines = list(zip(title_lines, title_locations, strict=True))
    lines += [(line.text, line.location) for text in texts for line in text.paragraph.lines]
    lines += [line for table in tables for line in table_texts(table)]
    return lines


def find_indicators(declarations: list[IndicatorDeclaration], texts: list[SearchedText],
                    text_file: Path, problems: ProblemCollector,
                    tables: list[BodyTable] = ()) -> list[Indicator]:
    """Find each declared figure in the text: exactly once (or the one it picks, or
    every statement of a repeated fact), and no figure twice."""
    found: list[Indicator] = []
    claimed: dict[tuple[int, int], IndicatorDeclaration] = {}

    def claim(indicator: Indicator, declaration: IndicatorDeclaration) -> bool:
        for place in (indicator.found_at, *indicator.repeated_at):
            key = (place.line, place.column)
            if key in claimed:
                problems.add(f"indicator '{declaration.id}' finds the same figure as "
                             f"'{claimed[key].id}' (at {place}); each figure is one indicator",
                             declaration.location)
                return False
        for place in (indicator.found_at, *indicator.repeated_at):
            claimed[(place.line, place.column)] = declaration
        return True

    for declaration in declarations:
        if declaration.cell is not None:
            indicator = _in_table(declaration, tables, text_file, problems)
        else:
            indicator = _in_text(declaration, texts, text_file, problems)
        if indicator is not None and claim(indicator, declaration):
            found.append(indicator)
    found.sort(key=lambda indicator: (indicator.found_at.line, indicator.found_at.column))
    return found


def _in_text(declaration: IndicatorDeclaration, texts: list[SearchedText], text_file: Path,
             problems: ProblemCollector) -> Indicator | None:
    matches = [(text, match) for text in texts
               for match in declaration.pattern.finditer(text.paragraph.text)]
    paragraphs = [text.paragraph for text in texts]
    if not matches:
        problems.add(f"indicator '{declaration.id}': no figure in {text_file} matches "
                     f"{declaration.describe()}{_nearest(declaration, paragraphs)}; the "
                     "text and this declaration must agree: correct one or the other",
                     declaration.location)
        return None
    places = ", ".join(str(locate(text.paragraph, match.start("digits")).line)
                       for text, match in matches)
    wanted = declaration.occurrences or 1
    if declaration.nth is not None:
        if declaration.nth > len(matches):
            problems.add(f"indicator '{declaration.id}': nth is {declaration.nth}, but "
                         f"{declaration.describe()} matches {len(matches)} figure(s) in "
                         f"{text_file} (lines {places})", declaration.location)
            return None
        matches = [matches[declaration.nth - 1]]
    elif len(matches) != wanted:
        remedy = (f"'occurrences' says {wanted}: correct the count, or the words"
                  if declaration.occurrences else
                  "add words to 'preceded_by' or 'followed_by' until only one matches, or "
                  "give 'nth' (which of them, counted in reading order), or 'occurrences' "
                  "when they all state the same fact")
        problems.add(f"indicator '{declaration.id}': {declaration.describe()} matches "
                     f"{len(matches)} figures in {text_file} (lines {places}); {remedy}",
                     declaration.location)
        return None
    (text, match), repeats = matches[0], matches[1:]
    found_at = locate(text.paragraph, match.start("digits"))
    if len(match.group("digits").replace(".", "")) > MAX_DIGITS:
        problems.add(f"indicator '{declaration.id}': the figure at {found_at} has "
                     f"{len(match.group('digits'))} digits; no figure of a report has more "
                     f"than {MAX_DIGITS}: check the text", declaration.location)
        return None
    figure = match.group("digits") + approx_of(match)
    for other_text, other in repeats:
        if other.group("digits") + approx_of(other) != figure:
            problems.add(f"indicator '{declaration.id}': the text states this fact as "
                         f"{figure}{declaration.unit} at {found_at} but as "
                         f"{other.group('digits')}{approx_of(other)}{declaration.unit} at "
                         f"{locate(other_text.paragraph, other.start('digits'))}; a fact "
                         "stated twice must read the same: correct one of them",
                         declaration.location)
            return None
    return Indicator(
        id=declaration.id, label=declaration.label, unit=declaration.unit,
        value=Decimal(match.group("digits")), value_text=match.group("digits"),
        approx=approx_of(match), block=text.paragraph, found_at=found_at,
        defined_at=declaration.location,
        text_end=-1 if text.in_head else match.end() - len(declaration.followed_by),
        repeated_at=tuple(locate(other_text.paragraph, other.start("digits"))
                          for other_text, other in repeats),
        anchor=text.anchor)


def _in_table(declaration: IndicatorDeclaration, tables: list[BodyTable], text_file: Path,
              problems: ProblemCollector) -> Indicator | None:
    """The figure of a table cell: the cell is the figure, with 余/多 and the unit
    allowed after it."""
    number, row, column = declaration.cell
    table = next((table for table in tables if table.number == number), None)
    where = f"表{number} of {text_file}"
    if table is None:
        problems.add(f"indicator '{declaration.id}': there is no {where}", declaration.location)
        return None
    cell = table.cell(row, column)
    if cell is None:
        rows = "、".join(cells[0].text for cells in table.rows[:6] if cells)
        columns = "、".join(cell.text for cell in table.header)
        problems.add(f"indicator '{declaration.id}': {where} has no cell in row “{row}” and "
                     f"column “{column}” (rows: {rows}…; columns: {columns}); the row is the "
                     "text of its first cell, the column the text of its header",
                     declaration.location)
        return None
    match = re.fullmatch(FIGURE + f"(?:{_unit_pattern(declaration.unit)})?", cell.text)
    if match is None:
        problems.add(f"indicator '{declaration.id}': the cell at {cell.location} reads "
                     f"“{cell.text}”, not a figure (with “{declaration.unit}” after it or "
                     "not)", declaration.location)
        return None
    return Indicator(
        id=declaration.id, label=declaration.label, unit=declaration.unit,
        value=Decimal(match.group("digits")), value_text=match.group("digits"),
        approx=approx_of(match), block=table, found_at=cell.location,
        defined_at=declaration.location)


def _nearest(declaration: IndicatorDeclaration, paragraphs: list[Paragraph]) -> str:
    """Where the text has the declaration's words, to name the other place."""
    words = declaration.preceded_by or declaration.followed_by
    for paragraph in paragraphs:
        index = paragraph.text.find(words)
        if index >= 0:
            start = index + len(declaration.preceded_by) if declaration.preceded_by else \
                max(0, index - 8)
            excerpt = paragraph.text[max(0, index):start + 8]
            return f"; the text at {locate(paragraph, index)} reads “{excerpt}”"
    # The words around the figure were rewritten: name the figures of its unit.
    unit = re.compile(FIGURE + _unit_pattern(declaration.unit))
    places = [(paragraph, match) for paragraph in paragraphs
              for match in unit.finditer(paragraph.text)] if declaration.unit else []
    if not places:
        return ""
    shown = "; ".join(f"“{match.group(0)}” at {locate(paragraph, match.start())}"
                      for paragraph, match in places[:MAX_PLACES_SHOWN])
    more = f" and {len(places) - MAX_PLACES_SHOWN} more" if len(places) > MAX_PLACES_SHOWN else ""
    return (f"; the words “{declaration.preceded_by or declaration.followed_by}” are not in "
            f"the text, whose figures in {declaration.unit} are {shown}{more}")


def digit_places(indicator: Indicator) -> set[tuple[int, int]]:
    """(line, column) of every digit of the figure, wherever the text states it."""
    return {(place.line, place.column + offset)
            for place in (indicator.found_at, *indicator.repeated_at)
            for offset in range(len(indicator.value_text))}


def locate(paragraph: Paragraph, offset: int) -> Location:
    """The file, line and column of a character of a paragraph's joined text."""
    for line in paragraph.lines:
        if offset < len(line.text):
            start = line.location
            return Location(start.file, start.line, (start.column or 1) + offset)
        offset -= len(line.text)
    return paragraph.lines[-1].location


def shortened(text: str, keep: int = 40) -> str:
    return text if len(text) <= keep else text[:keep] + "…"
