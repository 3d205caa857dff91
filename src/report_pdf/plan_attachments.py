"""The attachments (GB/T 9704 7.3.4, 7.3.7): their names in the 附件说明, and the
pages of those written as text.

The summary table, when there is one, is the first attachment; those of
report.yaml's ``attachments:`` follow in order. With several, each is numbered:
“附件：1. 名称” under the body and 附件1 on its first page. An attachment written
as text starts a new page with its label on the first row, its title centred
from the third and a blank row under it, then its text on the grid, as the
body's. One not bound with the body is printed after the 版记, on a sheet of its
own, the 发文字号 before its label.
"""

from __future__ import annotations

from dataclasses import dataclass

from .compose import Measure, compose_text
from .errors import InputError, Problem
from .glyphs import GlyphAudit
from .layout import Layout
from .model import Location, Report, TextAttachment
from .paginate import paginate_body
from .plan_parts import wrap_text
from .plan_summary import MAX_TITLE_LINES
from .plan_text import Placed, Segment, SetLine, TextBlock, placed_pages, set_lines, text_flow
from .roles import Role

NOTE_LABEL = "附件："


@dataclass(frozen=True)
class AttachmentName:
    """An attachment as the 附件说明 and its first page name it."""

    label: str  # 附件, 附件2; printed apart: 示府发〔2020〕1号附件2
    number: int | None  # in the 附件说明; None when it is the only attachment
    title: str
    bound: bool
    source: Location | None  # where its title is written
    text: TextAttachment | None  # None: the summary table


@dataclass(frozen=True)
class AttachmentHead:
    """The first rows of an attachment written as text: its label flush left on
    the first row, its title centred from the third, a blank row under it."""

    label: str
    title_lines: tuple[str, ...]
    source: Location
    rows: int


def attachment_names(report: Report) -> list[AttachmentName]:
    """Every attachment in order: the summary table first, then the texts."""
    items: list[tuple[str, bool, Location | None, TextAttachment | None]] = []
    if report.summary_table and report.indicators:
        items.append((report.summary_table.title, True, report.summary_table.location, None))
    items += [(text.title, text.entry.bound, text.title_location, text)
              for text in report.attachments]
    several = len(items) > 1
    names = []
    for number, (title, bound, source, text) in enumerate(items, start=1):
        label = "附件" + (str(number) if several else "")
        if not bound:
            label = (report.document.number or "") + label
        names.append(AttachmentName(label, number if several else None, title, bound, source,
                                    text))
    return names


def attachment_note(names: list[AttachmentName], measure: Measure, layout: Layout,
                    settings: Location) -> list[TextBlock]:
    """附件说明, a block per attachment: “附件：” two characters in, then “1.” and the
    name; the next names' numbers under the first's, a long name wrapping under its
    own first character (GB/T 9704 7.3.4)."""
    # As set on the grid: every character but those inside a Latin run is
    # followed by the grid's spacing.
    spacing = layout.grid_spacing_pt
    label_width = measure(NOTE_LABEL, Role.BODY) + len(NOTE_LABEL) * spacing
    blocks = []
    for index, name in enumerate(names):
        number = f"{name.number}." if name.number else ""
        start = layout.indent_pt + label_width + (
            measure(number, Role.BODY) + spacing if number else 0.0)
        lines = compose_text([(name.title, Role.BODY, [name.source] * len(name.title))],
                             measure, layout, width=layout.text_width_pt - start,
                             justify=False)
        composed = set_lines(lines, Role.BODY)
        first = composed[0]
        lead = [Segment(NOTE_LABEL, Role.BODY, False, settings)] if index == 0 else []
        if number:
            lead += [Segment(number[:-1], Role.BODY, True, settings),
                     Segment(number[-1], Role.BODY, False, settings)]
        labelled = SetLine(tuple(lead) + first.segments, first.spacing)
        blocks.append(TextBlock("attachment-note", Role.BODY, (labelled,) + composed[1:],
                                settings, hang=start, lead=label_width if index else 0.0))
    return blocks


def text_attachment_pages(name: AttachmentName, measure: Measure, layout: Layout,
                          glyphs: GlyphAudit) -> list[list[Placed]]:
    """An attachment written as text on pages of its own."""
    attachment = name.text
    assert attachment is not None
    title_lines = tuple(line for written, place in zip(
        attachment.title_lines, attachment.title_line_locations, strict=True)
        for line in wrap_text(written, Role.TITLE, layout.text_width_pt, measure, place))
    if len(title_lines) > MAX_TITLE_LINES:
        raise InputError(Problem(
            f"the attachment's title takes {len(title_lines)} lines in the title's type; "
            f"keep it to {MAX_TITLE_LINES}", attachment.title_location))
    head = AttachmentHead(name.label, title_lines, attachment.title_location,
                          3 + len(title_lines))
    flow = text_flow(attachment.blocks, [], measure, layout, glyphs, 0)
    pages = placed_pages(paginate_body(flow, layout.lines_per_page, head.rows,
                                       layout.keep_lines_after_head), layout.line_pitch_pt)
    pitch = layout.line_pitch_pt
    placed = Placed(head, 0.0, head.rows * pitch)
    return [[placed] + pages[0]] + pages[1:] if pages else [[placed]]
