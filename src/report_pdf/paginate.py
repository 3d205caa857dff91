"""Stage 5b: page breaks, owned by report_pdf rather than left to the typesetter.

The body stands on the grid of GB/T 9704: every page holds ``lines_per_page``
rows and everything in the body takes whole rows — a line of text one, a
figure with its caption as many as it needs. Breaking pages on that grid is a
matter of counting rows, under these rules:

* lines of a paragraph may go to the next page anywhere, so that every full
  page holds all its rows (no widow or orphan control, as 公文 practice has it);
* a head stands on the same page as the first lines of what follows it
  (``keep_lines_after_head``);
* a figure row is never split; when it does not fit, it opens the next page;
* 署名 and 成文日期 (with the 附件说明 above them) are never alone on a page
  (GB/T 9704 7.3.5.4): they keep ``keep_lines_with_signature`` lines of the
  body with them;
* blank rows at the top of a page are dropped.

The attachment (the summary table) is measured in points, not rows: its rows
are as tall as their text, and a group row never ends a page. The 版记 goes to
the foot of the last page when that page is even and has room, else to the
next even page (GB/T 9704 7.5: a blank page before it, when one is needed,
and the 版记 page after it carry no page number).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from .errors import InputError, Problem
from .model import Location

T = TypeVar("T")


@dataclass(frozen=True)
class FlowItem(Generic[T]):
    """Something of the body, as the paginator sees it."""

    block: T
    rows: int  # its height in grid rows
    space_before: int = 0  # blank rows before it, dropped at the top of a page
    splittable: bool = False  # a paragraph: may break between any two of its rows
    keeps_next: bool = False  # a head: stays with what follows it
    closing: bool = False  # 附件说明 or signature: kept with the body's last lines
    source: Location | None = None  # for the message when it can never fit
    table: TableRows | None = None  # a table, split between its rows


@dataclass(frozen=True)
class TableRows:
    """A table in the body as the paginator sees it, heights in grid rows (not
    whole): it breaks between its rows, each part repeating the header and taking
    whole grid rows."""

    rows: tuple[float, ...]
    header: float  # on every part
    caption: float  # on the first part
    keep: int = 2  # rows that stay with the caption and header


@dataclass(frozen=True)
class Slice(Generic[T]):
    """A block, or some rows of a splittable one, on a page at a grid row."""

    block: T
    row: int  # the row it starts on, from 0 at the top of the text block
    first: int  # the block's first row (or table row) on this page
    count: int  # how many of its rows (or table rows) are here
    rows: int = 0  # the grid rows it takes, when not ``count`` (a table's part)

    @property
    def height(self) -> int:
        return self.rows or self.count


def paginate_body(items: Sequence[FlowItem[T]], rows_per_page: int, first_row: int = 0,
                  keep_after_head: int = 2, keep_with_closing: int = 2) -> list[list[Slice[T]]]:
    """Place the body's items on pages of ``rows_per_page`` rows; page 1 starts at
    ``first_row`` (under the 版头)."""
    for item in items:
        if item.rows > rows_per_page and not item.splittable:
            raise InputError(Problem(
                f"this part of the body is {item.rows} lines tall, more than the "
                f"{rows_per_page} lines of a page: make it smaller", item.source))
    pages: list[list[Slice[T]]] = [[]]
    row = first_row

    def new_page() -> None:
        nonlocal row
        pages.append([])
        row = 0

    closing_rows = _closing_rows(items)
    # The body's last block before the closing parts keeps them company.
    last_body = len(items) - 1 - sum(1 for _ in _closing_items(items))
    for index, item in enumerate(items):
        gap = item.space_before if row > 0 else 0
        room = rows_per_page - row - gap
        if item.table is not None:
            for first, count, height in _table_parts(item.table, room, rows_per_page,
                                                     row == 0):
                if first or (row > 0 and count == 0):
                    new_page()
                    gap = 0
                if count:
                    pages[-1].append(Slice(item.block, row + gap, first, count, height))
                    row += gap + height
            continue
        if item.splittable:
            if room <= 0:
                new_page()
                gap, room = 0, rows_per_page
            counts = _split(item.rows, room, rows_per_page)
            if index == last_body and closing_rows:
                counts = _carry_to_closing(counts, room, closing_rows, rows_per_page,
                                           keep_with_closing)
            placed = 0
            for number, count in enumerate(counts):
                if number:
                    new_page()
                    gap = 0
                if count:
                    pages[-1].append(Slice(item.block, row + gap, placed, count))
                    row += gap + count
                    placed += count
            continue
        need = item.rows + (_lead(items, index + 1, keep_after_head) if item.keeps_next else 0)
        if index == last_body:
            need = item.rows + closing_rows
        if need > room and row > 0:
            new_page()
            gap = 0
        pages[-1].append(Slice(item.block, row + gap, 0, item.rows))
        row += gap + item.rows
    return [page for page in pages if page] or [[]]


def _table_parts(table: TableRows, room: int, rows_per_page: int,
                 at_top: bool) -> list[tuple[int, int, int]]:
    """A table's parts ``(first row, rows, grid rows taken)``; a first part of no
    rows means it opens the next page (what fits here would leave its caption and
    header with fewer than ``keep`` rows)."""
    parts = []
    placed, space, first_part = 0, room, True
    while placed < len(table.rows):
        overhead = table.header + (table.caption if first_part else 0.0)
        count, used = 0, overhead
        while placed + count < len(table.rows) and \
                used + table.rows[placed + count] <= space + 1e-6:
            used += table.rows[placed + count]
            count += 1
        wanted = min(table.keep, len(table.rows) - placed)
        if count < wanted and not (at_top and space == rows_per_page):
            if first_part and not parts:
                parts.append((0, 0, 0))  # nothing here: the table opens the next page
            space, at_top = rows_per_page, True
            continue
        count = max(count, 1)  # taller than a page: it overflows, the check says so
        used = overhead + sum(table.rows[placed:placed + count])
        parts.append((placed, count, math.ceil(used - 1e-6)))
        placed += count
        space, at_top, first_part = rows_per_page, True, False
    return parts


def _split(rows: int, room: int, rows_per_page: int) -> list[int]:
    """A paragraph's rows per page: what fits here, then whole pages."""
    counts = [min(rows, room)]
    while sum(counts) < rows:
        counts.append(min(rows_per_page, rows - sum(counts)))
    return counts


def _carry_to_closing(counts: list[int], room: int, closing_rows: int, rows_per_page: int,
                      keep: int) -> list[int]:
    """Move the last paragraph's last lines to a new page when the closing parts
    would otherwise stand there alone; ``counts`` as from :func:`_split`."""
    free = (room if len(counts) == 1 else rows_per_page) - counts[-1]
    if closing_rows <= free:
        return counts
    carried = min(keep, sum(counts))
    counts = list(counts)
    moved = 0
    while moved < carried:  # take them from the end, page by page
        take = min(carried - moved, counts[-1])
        counts[-1] -= take
        moved += take
        if counts[-1] == 0 and moved < carried:
            counts.pop()
    return counts + [carried]


def _closing_items(items: Sequence[FlowItem]):
    """The 附件说明 and the signature at the end of the body."""
    for item in reversed(items):
        if not item.closing:
            return
        yield item


def _closing_rows(items: Sequence[FlowItem]) -> int:
    """Rows of the closing parts, the blank rows before them included."""
    return sum(item.rows + item.space_before for item in _closing_items(items))


def _lead(items: Sequence[FlowItem], index: int, keep: int) -> int:
    """Rows of what follows a head that must stand on the head's page."""
    if index >= len(items):
        return 0
    item = items[index]
    if item.splittable:
        return item.space_before + min(keep, item.rows)
    return item.space_before + item.rows + (
        _lead(items, index + 1, keep) if item.keeps_next else 0)


@dataclass(frozen=True)
class TableItem(Generic[T]):
    """A row of a table, as the paginator sees it."""

    row: T
    height: float  # pt
    group: bool = False  # a section row: never the last row of a page


def paginate_table(rows: Sequence[TableItem[T]], header: float, first_room: float,
                   room: float) -> list[list[T]]:
    """Rows of a table on pages: ``first_room`` pt on its first page, ``room`` on
    the others, each page repeating the ``header``; no page ends on a group row."""
    pages: list[list[T]] = []
    index = 0
    space = first_room
    while index < len(rows):
        used = header
        page: list[TableItem[T]] = []
        while index < len(rows) and used + rows[index].height <= space + 0.01:
            page.append(rows[index])
            used += rows[index].height
            index += 1
        while page and page[-1].group and index < len(rows):  # keep it with its rows
            index -= 1
            page.pop()
        if not page:
            if space < room:  # nothing fits under the attachment's title: next page
                pages.append([])
                space = room
                continue
            page.append(rows[index])  # taller than a page: it overflows, the check says so
            index += 1
        pages.append([item.row for item in page])
        space = room
    return pages
