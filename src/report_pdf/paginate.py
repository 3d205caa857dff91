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
  body with them; so does a 附件说明 that closes the body without a 署名;
* blank rows at the top of a page are dropped.

The attachment (the summary table) is measured in points, not rows: its rows
are as tall as their text, and a group row never ends a page. The 版记 goes to
the foot of the last page when that page is even and has room, else to the
next even page (GB/T 9704 7.5: a blank page before it, when one is needed,
and the 版记 page after it carry no page number).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
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
    ``first_row`` (under the 版头).

    Pages are filled in one pass; a head that the pass leaves without the lines it
    keeps — the lines under it went on with the closing parts, say — opens a new
    page instead, and the pass runs again.
    """
    for item in items:
        if item.rows > rows_per_page and not item.splittable:
            raise InputError(Problem(
                f"this part of the body is {item.rows} lines tall, more than the "
                f"{rows_per_page} lines of a page: make it smaller", item.source))
    def fill(breaks: set[int]) -> list[list[Slice[T]]]:
        return _fill(items, rows_per_page, first_row, keep_after_head, keep_with_closing,
                     breaks)

    breaks: set[int] = set()  # heads that open a page
    hopeless: set[int] = set()  # heads stranded even at the top of a page
    pages = fill(breaks)
    while (stranded := next((first for first, at_top in _stranded_heads(
            items, pages, keep_after_head) if not at_top and first not in hopeless),
            None)) is not None:
        trial = fill(breaks | {stranded})
        if any(first == stranded for first, _ in _stranded_heads(items, trial,
                                                                 keep_after_head)):
            hopeless.add(stranded)  # a page of its own would not help: keep the pages
        else:
            breaks.add(stranded)
            pages = trial
    return pages


def _fill(items: Sequence[FlowItem[T]], rows_per_page: int, first_row: int,
          keep_after_head: int, keep_with_closing: int, breaks: set[int]
          ) -> list[list[Slice[T]]]:
    pages: list[list[Slice[T]]] = [[]]
    row = first_row

    def new_page() -> None:
        nonlocal row
        pages.append([])
        row = 0

    closing_rows = _closing_rows(items, keep_after_head)
    # The body's last block before the closing parts keeps them company.
    last_body = len(items) - 1 - sum(1 for _ in _closing_items(items))
    for index, item in enumerate(items):
        if index in breaks and row > 0:
            new_page()
        gap = item.space_before if row > 0 else 0
        room = rows_per_page - row - gap
        if item.table is not None:
            parts = _table_parts(item.table, room, rows_per_page, row == 0)
            if index == last_body and closing_rows:
                parts = _table_closing(item.table, parts, room, closing_rows, rows_per_page)
            placed_any = False
            for first, count, height in parts:
                if placed_any or not count:  # each later part, or the table, opens a page
                    new_page()
                    gap = 0
                if count:
                    pages[-1].append(Slice(item.block, row + gap, first, count, height))
                    row += gap + height
                    placed_any = True
            continue
        if item.splittable:
            if room <= 0:
                new_page()
                gap, room = 0, rows_per_page
            counts = _split(item.rows, room, rows_per_page)
            if index == last_body and closing_rows:
                under_head = index > 0 and items[index - 1].keeps_next and pages[-1] and \
                    pages[-1][-1].block is items[index - 1].block
                counts = _carry_to_closing(counts, room, closing_rows, rows_per_page,
                                           keep_with_closing,
                                           keep_after_head if under_head else 0)
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
    while len(pages) > 1 and not pages[-1]:  # a break that nothing followed
        pages.pop()
    return pages


def _stranded_heads(items: Sequence[FlowItem], pages: list[list[Slice]], keep: int
                    ) -> Iterator[tuple[int, bool]]:
    """Heads standing without the lines they keep — ending a page, or over fewer
    lines of their paragraph than they keep: for each, the first head of its
    chain on the page, and whether that head opens the page."""
    index_of = {id(item.block): index for index, item in enumerate(items)}
    for page in pages:
        for position, piece in enumerate(page):
            index = index_of[id(piece.block)]
            if not items[index].keeps_next or index + 1 >= len(items):
                continue
            following = page[position + 1] if position + 1 < len(page) else None
            nxt = items[index + 1]
            if following is not None and (nxt.keeps_next or not nxt.splittable
                                          or following.count >= min(keep, nxt.rows)):
                continue  # another head (checked in its turn), or enough of what follows
            start = position  # back to the first head of the chain on this page
            while start > 0 and items[index_of[id(page[start - 1].block)]].keeps_next:
                start -= 1
            yield index_of[id(page[start].block)], start == 0


def _table_closing(table: TableRows, parts: list[tuple[int, int, int]], room: int,
                   closing_rows: int, rows_per_page: int) -> list[tuple[int, int, int]]:
    """The parts of the body's last table, its last rows moved to a part of their
    own when the closing parts would otherwise stand alone on the next page."""
    real = [part for part in parts if part[1]]
    first, count, height = real[-1]
    on_this_page = len(real) == 1 and parts[0][1] != 0
    free = (room if on_this_page else rows_per_page) - height
    if closing_rows <= free:
        return parts
    for moved in range(min(table.keep, count), 0, -1):  # as many as fit with the closing
        kept = count - moved
        if kept == 0 and first == 0:
            if not on_this_page or height + closing_rows > rows_per_page:
                continue
            return [(0, 0, 0), (0, count, height)]
        overhead = table.header + (table.caption if first == 0 else 0.0)
        head = (first, kept, math.ceil(overhead + sum(table.rows[first:first + kept]) - 1e-6))
        tail = (first + kept, moved, math.ceil(table.header + sum(
            table.rows[first + kept:first + count]) - 1e-6))
        if tail[2] + closing_rows <= rows_per_page:
            return parts[:parts.index(real[-1])] + ([head] if kept else []) + [tail]
    return parts  # not even one row fits a page with the closing parts


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
                      keep: int, stay: int = 0) -> list[int]:
    """Move the last paragraph's last lines to a new page when the closing parts
    would otherwise stand there alone; ``counts`` as from :func:`_split`. ``stay``:
    lines that must stay on the first page (under a head that keeps them), as long
    as one line still goes with the closing parts."""
    free = (room if len(counts) == 1 else rows_per_page) - counts[-1]
    if closing_rows <= free:
        return counts
    carried = min(keep, sum(counts))
    if len(counts) == 1 and counts[0] - carried < stay:
        carried = max(1, min(carried, counts[0] - stay))
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


def _closing_rows(items: Sequence[FlowItem], keep: int) -> int:
    """Rows of the closing parts that must stand with the body's last lines, the
    blank rows before them included: all of them, or up to the first ``keep`` rows
    of one that may break across pages (a list of who attended, in minutes), as
    many as a 附件说明 above it keeps."""
    rows = 0
    for item in reversed(list(_closing_items(items))):  # in reading order
        if item.splittable:
            return rows + item.space_before + min(keep, item.rows)
        rows += item.rows + item.space_before
    return rows


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
