"""Stage 6: render the document plan as HTML.

The HTML is what WeasyPrint typesets and also a preview for a browser, so it
refers to fonts and figures by paths relative to where it is written. All
content is escaped: text that looks like HTML is shown as text.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from .charts import Figure
from .document_parts import DocumentFormat
from .fonts import FontSet
from .ink import device_cmyk, in_seal_inks, screen_rgb
from .layout import Layout
from .plan import DocumentPlan, PageNumberPlacement
from .plan_attachments import AttachmentHead
from .plan_formats import LetterheadBlock
from .plan_parts import ColophonBlock, MastheadBlock, SignatureBlock
from .plan_seal import SealPlacement
from .plan_summary import GroupRow, SummaryTablePart
from .plan_tables import BodyTablePart
from .plan_text import BlankPage, FigureRow, SetLine, TextBlock, TitleBlock
from .project import FIGURES_FOLDER, SEAL_FILE, STYLESHEET_TEMPLATE
from .roles import Role
from .spacing import css_letter_spacing

PAGES_PER_RANGE = 2  # a right-hand page and the left-hand page after it


@dataclass(frozen=True)
class SegmentView:
    text: str
    classes: str  # "" for the block's own style
    tightened: float  # pt taken from the gap after it


@dataclass(frozen=True)
class LineView:
    segments: tuple[SegmentView, ...]
    spacing: str | None  # the letter spacing asked of CSS; None: the block's own


def grid_letter_spacing(layout: Layout) -> str:
    """The letter spacing asked of CSS for a full line of body text on the grid:
    every composed block's own, so that most lines need no element of their own."""
    return _css_spacing(layout.grid_spacing_pt, layout.body.size_pt)


def _css_spacing(wanted: float, size: float) -> str:
    return f"{css_letter_spacing(wanted, size):.4f}pt"


def css_string(value: str) -> Markup:
    """A quoted CSS string that cannot end the string or the <style> element."""
    escaped = "".join(f"\\{ord(char):x} " if char in '"\\<>&\n' else char for char in value)
    return Markup(f'"{escaped}"')


@lru_cache(maxsize=8)
def _environment(templates: Path | None) -> jinja2.Environment:
    """A Jinja environment for a templates folder (None: the package's own), kept
    so that templates compile once per process; Jinja reloads a changed file."""
    loader = (jinja2.PackageLoader("report_pdf", "templates") if templates is None
              else jinja2.FileSystemLoader(templates))
    environment = jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["css_string"] = css_string
    environment.filters["device_cmyk"] = device_cmyk
    environment.filters["screen_rgb"] = screen_rgb
    for name, kind in (("masthead", MastheadBlock), ("letterhead", LetterheadBlock),
                       ("title", TitleBlock), ("text", TextBlock),
                       ("figure_row", FigureRow), ("body_table", BodyTablePart),
                       ("signature", SignatureBlock),
                       ("summary_table", SummaryTablePart), ("group_row", GroupRow),
                       ("attachment_head", AttachmentHead),
                       ("blank_page", BlankPage), ("colophon", ColophonBlock)):
        environment.tests[name] = lambda block, kind=kind: isinstance(block, kind)
    return environment


def relative_url(target: Path, start: Path) -> str:
    return quote(Path(os.path.relpath(target, start)).as_posix())


def render_stylesheet(styles_folder: Path, layout: Layout, page_number: PageNumberPlacement,
                      document_format: DocumentFormat | None = None) -> str:
    """The stylesheet; the rules of a letter's or minutes' own parts only for them."""
    environment = _environment(styles_folder.resolve())
    return environment.get_template(STYLESHEET_TEMPLATE).render(
        layout=layout, page_number=page_number, format=document_format,
        grid_letter_spacing=grid_letter_spacing(layout))


def line_view(line: SetLine, own_role: Role, size: float, block_spacing: str) -> LineView:
    """A set line as the template writes it: classes for run-in heads and Latin runs,
    and the letter spacing that makes WeasyPrint set the wanted spacing, when it
    is not the block's."""
    segments = []
    for segment in line.segments:
        if segment.role == own_role:
            classes = ""
        elif segment.role.head_level:
            classes = f"run-in level-{segment.role.head_level}"
        else:  # a label before the text: the 出席 of minutes
            classes = f"run-{segment.role}"
        if segment.latin:
            classes = f"{classes} latin".strip()
        if segment.tightened:
            classes = f"{classes} tight".strip()
        segments.append(SegmentView(segment.text, classes, segment.tightened))
    spacing = _css_spacing(line.spacing, size)
    return LineView(tuple(segments), None if spacing == block_spacing else spacing)


@dataclass(frozen=True)
class PlacedView:
    """A placed block as the template writes it: the classes that start a page or
    drop its number, and the top margin that puts it on its row."""

    block: object
    height: float
    gap: float  # pt between the block above (or the top of the text block) and this
    starts_page: bool
    numbered: bool

    @property
    def classes(self) -> str:
        return ((" new-page" if self.starts_page else "")
                + ("" if self.numbered else " unnumbered"))

    def style(self, extra: str = "") -> Markup:
        declarations = [f"margin-top: {self.gap:.3f}pt"] if self.gap > 0.001 else []
        declarations += [extra] if extra else []
        return Markup(f' style="{"; ".join(declarations)}"') if declarations else Markup("")


@dataclass(frozen=True)
class PartView:
    """Consecutive blocks of one part of the document: the body (<main>), an
    attachment (<section>), or what stands alone (the blank page, the 版记)."""

    kind: str
    items: list[PlacedView]
    attachment: int = 0
    page_group: str | None = None  # an attachment printed apart: its pages' name

    @property
    def key(self) -> tuple[str, int]:
        return self.kind, self.attachment


def part_of(block: object, attachment: int) -> str:
    if isinstance(block, ColophonBlock | BlankPage):
        return "alone"
    return "attachment" if attachment else "body"


def views(plan: DocumentPlan) -> list[PartView]:
    parts: list[PartView] = []
    apart: set[int] = set()
    for page in plan.pages:
        bottom = 0.0
        if page.starts_apart:
            apart.add(page.attachment)
        for index, placed in enumerate(page.items):
            view = PlacedView(placed.block, placed.height, placed.top - bottom,
                              index == 0 and page is not plan.pages[0], page.numbered)
            bottom = placed.top + placed.height
            kind = part_of(placed.block, page.attachment)
            if not parts or parts[-1].key != (kind, page.attachment) or kind == "alone":
                group = (f"apart-{page.attachment}"
                         if kind == "attachment" and page.attachment in apart else None)
                parts.append(PartView(kind, [], page.attachment, group))
            parts[-1].items.append(view)
    return parts


def hang_style(block: TextBlock, indent: float) -> str:
    """Lines after the first start at ``block.hang``, the first ``indent`` and its
    lead in (a block's part going on from the page before: at ``block.hang`` too)."""
    if not block.hang:
        return ""
    first = indent + block.lead if block.indented else block.hang
    return f"padding-left: {block.hang:.3f}pt; text-indent: {first - block.hang:.3f}pt"


def figure_alt(figure: Figure) -> str:
    """What a reader who cannot see the chart is told: its caption and its values."""
    values = "，".join(f"{item.label}{item.indicator.display_value}{item.indicator.unit}"
                      for item in figure.spec.bars)
    return f"{figure.caption}：{values}"


def seal_files(plan: DocumentPlan, layout: Layout) -> dict[str, bytes]:
    """The seals' drawings in their inks, for the typesetter alone: they are printed
    in the PDF, never written beside it (the HTML preview shows their place)."""
    seals = next((placed.block.seals for page in plan.pages for placed in page.items
                  if isinstance(placed.block, SignatureBlock) and placed.block.seals), ())
    return {seal_url(number): in_seal_inks(seal.image.svg, layout.red_cmyk).encode()
            for number, seal in enumerate(seals, start=1)}


def seal_url(number: int) -> str:
    """seal.svg for the (first) seal, seal-2.svg … for a joint document's others."""
    stem, dot, suffix = SEAL_FILE.rpartition(".")
    return SEAL_FILE if number == 1 else f"{stem}-{number}{dot}{suffix}"


def seal_style(seal: SealPlacement) -> str:
    return (f"left: {seal.left:.3f}pt; top: {seal.top:.3f}pt; "
            f"width: {seal.width:.3f}pt; height: {seal.height:.3f}pt")


def page_counters(plan: DocumentPlan) -> tuple[int, ...]:
    """The page counter on each page, as the stylesheet counts: from 1, and from
    1 again on the first page of an attachment printed apart."""
    counters: list[int] = []
    for page in plan.pages:
        counters.append(1 if not counters or page.starts_apart else counters[-1] + 1)
    return tuple(counters)


def render_page_ranges(plan: DocumentPlan, fonts: FontSet, layout: Layout, stylesheet: str,
                       output_folder: Path) -> tuple[str, ...]:
    """The plan as one HTML document for each page range, to be typeset apart and
    joined (see :mod:`report_pdf.typeset_ranges`): pages 1–2, 3–4, and so on.

    A range starts on an odd page only, since WeasyPrint styles a document's
    first page as a right-hand page; its page counter starts where the whole
    document's stands on that page."""
    counters = page_counters(plan)
    return tuple(
        render_html(dataclasses.replace(plan, pages=plan.pages[start:start + PAGES_PER_RANGE]),
                    fonts, layout, stylesheet, output_folder,
                    first_page_counter=counters[start] if start else None)
        for start in range(0, len(plan.pages), PAGES_PER_RANGE))


def render_html(plan: DocumentPlan, fonts: FontSet, layout: Layout, stylesheet: str,
                output_folder: Path, first_page_counter: int | None = None) -> str:
    """The plan as HTML; ``first_page_counter``: the page counter of its first
    page, when the plan is a range of a document's pages."""
    template = _environment(None).get_template("report.html.j2")
    block_spacing = grid_letter_spacing(layout)
    return template.render(
        plan=plan,
        first_page_counter=first_page_counter,
        parts=views(plan),
        lines=lambda block: [line_view(line, block.role, layout.text[block.role].size_pt,
                                       block_spacing) for line in block.lines],
        figure_url=lambda figure: f"{FIGURES_FOLDER}/{quote(figure.file_name)}",
        figure_alt=figure_alt,
        seal_url=seal_url,
        seal_style=seal_style,
        hang_style=lambda block: hang_style(block, layout.indent_pt),
        table_padding=layout.table_padding_h_pt,
        pitch=layout.line_pitch_pt,
        text_height=layout.text_height_pt,
        letter_spacing=css_letter_spacing,
        issuer_mark_size=layout.text[Role.ISSUER_MARK].size_pt,
        fonts=fonts.fonts,
        font_urls=[relative_url(font.path, output_folder) for font in fonts.fonts],
        print_profile_url=(relative_url(layout.print_profile, output_folder)
                           if layout.print_profile else None),
        stylesheet=Markup(stylesheet),
    )
