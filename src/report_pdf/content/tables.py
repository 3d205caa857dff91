"""Tables in the body of report.md: GitHub-style pipe tables under a caption line.

::

    表1 示例各乡镇（街道）公共法律服务工作站运行情况

    | 乡镇（街道） | 接待咨询（人次） | 调解纠纷（件） |
    | --- | ---: | ---: |
    | 示例甲镇 | 1206 | 85 |

The caption line (表N and the table's title) stands directly above the table,
with or without a blank line between; tables are numbered 表1, 表2 … in order.
The table syntax is read by markdown-it-py, which knows escaped pipes and
the alignment row; a cell's text is taken as it is written.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt

from ..errors import ProblemCollector
from ..model import BodyTable, Location, Section, TableCell

CAPTION = re.compile(r"^表([0-9]+)[ \u3000]*(.+)$")
ALIGNMENTS = {"text-align:left": "left", "text-align:right": "right",
              "text-align:center": "center"}
_PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")


def is_table_line(text: str) -> bool:
    return text.startswith("|")


def caption_of(text: str) -> tuple[int, str] | None:
    """The number and title of a caption line such as “表1 示例……”."""
    match = CAPTION.match(text)
    return (int(match.group(1)), match.group(2).strip()) if match else None


def parse_table(lines: list[tuple[int, int, str]], caption: tuple[int, str, Location],
                section: Section, display: Path, problems: ProblemCollector
                ) -> BodyTable | None:
    """A table from its source lines ``(line, column, text)`` and its caption."""
    start = lines[0][0]
    tokens = _PARSER.parse("\n".join(text for _, _, text in lines))
    rows: list[list[TableCell]] = []
    aligns: list[str | None] = []
    row_line = start
    in_head = False
    for token in tokens:
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row_line = start + token.map[0]
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            if in_head:
                aligns.append(ALIGNMENTS.get(str(token.attrs.get("style", ""))))
        elif token.type == "inline" and rows:
            rows[-1].append(_cell(token.content, row_line, lines, start, len(rows[-1]),
                                  display))
    first = Location(display, start, lines[0][1])
    if len(rows) < 2 or not any(token.type == "table_open" for token in tokens):
        problems.add("a table needs a header row, a row like '| --- | ---: |' under it and "
                     "at least one row of cells, each line starting and ending with '|'",
                     first)
        return None
    if len(lines) != len(rows) + 1:
        problems.add("every line of a table must be a row of cells between '|' marks; "
                     "end the table with a blank line", first)
        return None
    number, title, place = caption
    return BodyTable(number, title, place, tuple(rows[0]),
                     tuple(tuple(row) for row in rows[1:]), tuple(aligns), first, section)


def _cell(text: str, line: int, lines: list[tuple[int, int, str]], start: int,
          index: int, display: Path) -> TableCell:
    """A cell, placed at its column in the source line (for messages)."""
    number, column, source = lines[line - start]
    position = 0
    for _ in range(index + 1):  # past the cell's opening pipe
        position = source.find("|", position) + 1
    found = source.find(text.strip(), position) if text.strip() else -1
    return TableCell(text.strip(), Location(display, number,
                                            column + (found if found >= 0 else position)))


def table_texts(table: BodyTable) -> list[tuple[str, Location]]:
    """The texts of a table where figures may stand: its title (its number is
    numbering, not a figure) and every cell."""
    texts = [(table.title, table.caption_location)]
    for row in (table.header, *table.rows):
        texts += [(cell.text, cell.location) for cell in row if cell.text]
    return texts
