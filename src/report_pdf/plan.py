"""Stage 5: the document plan — every layout decision, made once, for every output.

The plan is built after the lines are composed and the charts drawn. It says
what the document holds and where each thing goes, page by page: the 版头, the
title, the heads and paragraphs as composed lines, the rows of figures, the
closing parts, the summary table in nested groups, the 版记, and which pages
carry a number. Nothing in it depends on the typesetter: the HTML stage only
renders it, and the page breaks are the plan's (see :mod:`.paginate`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .archive import DocumentMetadata, document_metadata
from .charts import Figure
from .compose import Measure, compose_text, measure_with
from .document_parts import DocumentFormat
from .errors import display_path
from .fonts import FontSet
from .glyphs import GlyphAudit
from .layout import PT_PER_MM, Layout
from .model import Location, Report
from .paginate import FlowItem, paginate_body
from .plan_attachments import (
    AttachmentHead,
    AttachmentName,
    attachment_names,
    attachment_note,
    text_attachment_pages,
)
from .plan_formats import LetterheadBlock, attendance_blocks, document_head
from .plan_joint import joint_signature_block
from .plan_parts import (
    ColophonBlock,
    MastheadBlock,
    SignatureBlock,
    colophon_block,
    signature_block,
)
from .plan_summary import SummaryTablePart, attachment_pages, summary_title_lines, table_texts
from .plan_tables import BodyTablePart
from .plan_text import (
    BlankPage,
    FigureRow,
    Placed,
    TextBlock,
    TitleBlock,
    placed_pages,
    set_lines,
    text_flow,
)
from .project import SETTINGS_FILE
from .roles import Role

Block = (MastheadBlock | LetterheadBlock | TitleBlock | TextBlock | FigureRow | BodyTablePart
         | SignatureBlock | SummaryTablePart | AttachmentHead | ColophonBlock | BlankPage)


@dataclass(frozen=True)
class Page:
    number: int  # 1-based, in the PDF
    shown: int | None  # the page number printed on it; None: none
    items: tuple[Placed, ...]
    attachment: int = 0  # the number of the attachment it is part of; 0: none
    starts_apart: bool = False  # the first page of an attachment printed apart

    @property
    def numbered(self) -> bool:
        return self.shown is not None


@dataclass(frozen=True)
class PageNumberPlacement:
    """The page number's box under the text block, from the font's own metrics."""

    line_height_pt: float
    padding_top_pt: float
    inset_pt: float


@dataclass(frozen=True)
class DocumentPlan:
    lang: str
    metadata: DocumentMetadata
    settings_source: Location  # report.yaml: where the parts of an issued document come from
    pages: tuple[Page, ...]
    page_number: PageNumberPlacement
    font_warnings: tuple[str, ...] = ()  # characters set in a fallback face, and where
    format: DocumentFormat | None = None  # a format of GB/T 9704 chapter 10; None: 文件格式

    def blocks(self, kind: type) -> list:
        return [item.block for page in self.pages for item in page.items
                if isinstance(item.block, kind)]


def plan_document(report: Report, figures: list[Figure], fonts: FontSet,
                  layout: Layout) -> DocumentPlan:
    measure = measure_with(fonts, layout)
    pitch = layout.line_pitch_pt
    settings = Location(display_path(report.folder / SETTINGS_FILE))
    glyphs = GlyphAudit(fonts, layout)
    if report.summary_table and report.indicators:
        summary_title_lines(report, measure, layout)  # before the note that names it
    names = attachment_names(report)
    flow = body_flow(report, figures, names, measure, fonts, layout, settings, glyphs)
    pages = placed_pages(paginate_body(flow, layout.lines_per_page, 0,
                                       layout.keep_lines_after_head,
                                       layout.keep_lines_with_signature), pitch)
    parts = [0] * len(pages)  # the attachment each page is part of (its number), 0: none
    apart: list[tuple[int, list[list[Placed]]]] = []
    for number, name in enumerate(names, start=1):
        made = (attachment_pages(report, measure, layout, name.label) if name.text is None
                else text_attachment_pages(name, measure, layout, glyphs))
        if name.bound:
            pages += made
            parts += [number] * len(made)
        else:
            apart.append((number, made))
    unnumbered: set[int] = set()  # indices of the pages that carry no number
    if report.document.format is DocumentFormat.LETTER:
        unnumbered.add(0)  # GB/T 9704 10.1: a letter's first page shows none
    if report.document.colophon:
        colophon = colophon_block(report.document.colophon, measure, layout, settings)
        # Its last rule on the bottom edge: a hundredth of a point above it, so that
        # rounding never pushes the rule out of the text block.
        placed = Placed(colophon, layout.text_height_pt - colophon.height - 0.01,
                        colophon.height)
        last = pages[-1][-1]
        if len(pages) % 2 == 0 and last.top + last.height + pitch <= placed.top:
            pages[-1].append(placed)  # at the foot of the last page, an even one
        elif len(pages) % 2:
            pages.append([placed])  # on the back of the last page
            parts.append(0)
        else:  # the last page is even and full: a blank page, then the 版记, unnumbered
            pages += [[Placed(BlankPage(), 0.0, 0.0)], [placed]]
            parts += [0, 0]
            unnumbered |= {len(pages) - 2, len(pages) - 1}
    starts_apart = set()
    for number, made in apart:  # each on a sheet of its own, numbered from 1
        if len(pages) % 2:
            pages.append([Placed(BlankPage(), 0.0, 0.0)])
            parts.append(0)
            unnumbered.add(len(pages) - 1)
        starts_apart.add(len(pages))
        pages += made
        parts += [number] * len(made)
    shown, printed = [], 0
    for index in range(len(pages)):
        printed = 1 if index in starts_apart else printed + 1
        shown.append(None if index in unnumbered else printed)
    pages_planned = tuple(
        Page(index + 1, shown[index], tuple(items), parts[index], index in starts_apart)
        for index, items in enumerate(pages))
    glyphs.add_all(printed_texts(pages_planned, report, settings))
    return DocumentPlan(
        lang=report.lang,
        metadata=document_metadata(report),
        settings_source=settings,
        pages=pages_planned,
        page_number=place_page_number(fonts, layout),
        font_warnings=glyphs.finish(),
        format=report.document.format,
    )


def body_flow(report: Report, figures: list[Figure], names: list[AttachmentName],
              measure: Measure, fonts: FontSet, layout: Layout, settings: Location,
              glyphs: GlyphAudit) -> list[FlowItem]:
    """Everything of the body in order, as rows for the paginator; the characters
    of the report's text go to ``glyphs`` with their exact places."""
    document = report.document
    flow: list[FlowItem] = []
    head = document_head(document, measure, fonts, layout, settings)
    if head is not None:
        flow.append(FlowItem(head, head.rows, source=settings))
    title = TitleBlock(report.title_lines, report.title_location)
    flow.append(FlowItem(title, len(title.lines), keeps_next=True,
                         source=report.title_location))
    after_title = 1  # 标题下空一行
    if document.addressees:
        lines = compose_text([(document.addressees + "：", Role.BODY,
                               [settings] * (len(document.addressees) + 1))], measure, layout)
        block = TextBlock("addressees", Role.BODY, set_lines(lines, Role.BODY), settings,
                          indented=False)
        flow.append(FlowItem(block, len(block.lines), after_title, splittable=True,
                             source=settings))
        after_title = 0
    flow += text_flow(report.blocks, figures, measure, layout, glyphs, after_title)
    if document.attachment_note:
        for index, (name, note) in enumerate(zip(
                names, attachment_note(names, measure, layout, settings), strict=True)):
            flow.append(FlowItem(note, len(note.lines), 0 if index else 1, keeps_next=True,
                                 closing=True, source=name.source))
    if document.signature:
        make = joint_signature_block if document.signature.joint else signature_block
        signature = make(document.signature, measure, layout, settings, document.note)
        flow.append(FlowItem(signature, signature.rows, signature.blank_rows_above,
                             closing=True, source=settings))
    for index, block in enumerate(attendance_blocks(document, measure, layout)):
        flow.append(FlowItem(block, len(block.lines), 0 if index else 1, splittable=True,
                             closing=True, source=block.source))
    return flow


def printed_texts(pages: tuple[Page, ...], report: Report,
                  settings: Location) -> list[tuple[str, Role, Location | None]]:
    """Everything printed but the report's own text (whose characters the body flow
    gave with their exact places): parts from the settings, captions, the table."""
    texts: list[tuple[str, Role, Location | None]] = [
        ("— 0123456789 —", Role.PAGE_NUMBER, None)]
    texts += [(line, Role.TITLE, place) for line, place in
              zip(report.title_lines, report.title_line_locations, strict=True)]
    for page in pages:
        for item in page.items:
            block = item.block
            match block:
                case TextBlock(kind="addressees" | "attachment-note"):
                    texts += [(line.text, Role.BODY, settings) for line in block.lines]
                case MastheadBlock() | LetterheadBlock():
                    texts.append((block.issuer_mark, Role.ISSUER_MARK, settings))
                    if isinstance(block, MastheadBlock) and block.joint:
                        texts += [(name, Role.ISSUER_MARK, settings)
                                  for name, _, _ in block.joint.names]
                    texts += [(run.text, run.role, settings)
                              for line in block.lines for run in line]
                case TextBlock(kind="attendance"):
                    texts += [(segment.text, segment.role, segment.source)
                              for line in block.lines for segment in line.segments]
                case SignatureBlock():
                    texts += [(run.text, run.role, settings)
                              for line in block.lines for run in line]
                case FigureRow():
                    texts += [(line, Role.CAPTION, placed.figure.spec.defined_at)
                              for placed in block.figures for line in placed.caption]
                case SummaryTablePart():
                    texts += table_texts(block)
                case AttachmentHead():
                    texts += [(block.label, Role.LABEL, None)]
                    texts += [(line, Role.TITLE, block.source) for line in block.title_lines]
                case ColophonBlock():
                    texts += [("抄送：" + "".join(block.copy_to_lines), Role.COLOPHON,
                               block.source)]
                    texts += [(run.text, run.role, block.source) for run in block.printed]
    return texts




def place_page_number(fonts: FontSet, layout: Layout) -> PageNumberPlacement:
    """Where the page number goes, from the font's own metrics.

    The number's line box starts at the top of the bottom margin; the padding
    puts the middle of the em dash's stroke ``dash_below_text_mm`` below it.
    """
    style = layout.text[Role.PAGE_NUMBER]
    font = fonts.main_font(style.fonts, style.weight)
    ascent, descent = font.vertical_metrics
    size = style.size_pt
    baseline_in_line = (size + (ascent - descent) * size) / 2  # line-height = font size
    dash_above_baseline = (font.metrics.dash_middle or 0.0) * size
    padding = layout.dash_below_text_mm * PT_PER_MM + dash_above_baseline - baseline_in_line
    return PageNumberPlacement(size, padding, layout.page_number_inset_chars * size)
