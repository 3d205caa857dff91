"""Stage 3: render the report, its figures and its summary table as HTML.

The HTML is what WeasyPrint typesets and also a preview for a browser, so it
refers to fonts and figures by paths relative to where it is written. All
content is escaped: text that looks like HTML is shown as text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from .archive import document_metadata
from .charts import Figure
from .compose import ComposedLine, Measure, measure_with
from .content import display_path
from .content.loader import SETTINGS_FILE
from .fonts import FontSet
from .layout import PT_PER_MM, Layout
from .model import Heading, Indicator, Location, Paragraph, Report, Signature
from .options import FIGURES_FOLDER
from .spacing import css_letter_spacing

STYLESHEET_TEMPLATE = "report.css.j2"


@dataclass(frozen=True)
class Segment:
    """Consecutive characters of a line set alike."""

    text: str
    classes: str  # "" for the block's own style
    source: Location | None


@dataclass(frozen=True)
class LineView:
    segments: tuple[Segment, ...]
    spacing: float


@dataclass
class RenderBlock:
    heading: Heading | None = None
    paragraph: Paragraph | None = None
    lines: list[LineView] = field(default_factory=list)
    # Rows of figures after the paragraph: (figure, its URL) side by side.
    figure_rows: list[list[tuple[Figure, str]]] = field(default_factory=list)


@dataclass(frozen=True)
class TableRow:
    number: int
    indicator: Indicator


@dataclass(frozen=True)
class SignatureView:
    """署名 and 成文日期, each placed by its distance from the text block's left."""

    authority: str
    date: str
    authority_left: float
    date_left: float


def place_signature(signature: Signature, measure: Measure, layout: Layout) -> SignatureView:
    """GB/T 9704 7.3.5.2: the authority two characters in from the right, the date
    on the next line starting two characters right of the authority's start;
    a date longer than that ends two characters in, and the authority moves left."""
    two_chars = 2 * layout.char_pitch_pt
    authority_width = measure(signature.authority, "body")
    date_width = measure(signature.date, "body")
    authority_left = layout.text_width_pt - two_chars - authority_width
    date_left = authority_left + two_chars
    if date_left + date_width > layout.text_width_pt - two_chars:
        date_left = layout.text_width_pt - two_chars - date_width
        authority_left = date_left - two_chars
    return SignatureView(signature.authority, signature.date, authority_left, date_left)


@dataclass(frozen=True)
class PageNumberStyle:
    line_height_pt: float
    padding_top_pt: float
    inset_pt: float


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
    return environment


def relative_url(target: Path, start: Path) -> str:
    return quote(Path(os.path.relpath(target, start)).as_posix())


def page_number_style(layout: Layout, fonts: FontSet) -> PageNumberStyle:
    """Where the page number goes, from the font's own metrics.

    The number's line box starts at the top of the bottom margin; the padding
    puts the middle of the em dash's stroke ``dash_below_text_mm`` below it.
    """
    style = layout.text["page_number"]
    font = fonts.main_font(style.fonts, style.weight)
    ascent, descent = font.vertical_metrics
    size = style.size_pt
    baseline_in_line = (size + (ascent - descent) * size) / 2  # line-height = font size
    dash_above_baseline = (font.metrics.dash_middle or 0.0) * size
    padding = layout.dash_below_text_mm * PT_PER_MM + dash_above_baseline - baseline_in_line
    return PageNumberStyle(size, padding, layout.page_number_inset_chars * size)


def render_stylesheet(styles_folder: Path, layout: Layout, fonts: FontSet) -> str:
    environment = _environment(styles_folder.resolve())
    return environment.get_template(STYLESHEET_TEMPLATE).render(
        layout=layout, page_number=page_number_style(layout, fonts))


def _line_view(line: ComposedLine, own_role: str, size: float) -> LineView:
    segments: list[Segment] = []
    pieces = line.pieces + ((line.hanging,) if line.hanging else ())
    for piece in pieces:
        role = "" if piece.role == own_role else f"run-in level-{piece.role[-1]}"
        parts = [(piece.text, role)]
        if piece.latin:  # no spacing inside the run, spacing after it
            parts = [(piece.text[:-1], f"{role} latin".strip()), (piece.text[-1], role)]
        for text, classes in parts:
            if segments and segments[-1].classes == classes:
                last = segments.pop()
                segments.append(Segment(last.text + text, classes, last.source))
            else:
                segments.append(Segment(text, classes, piece.source))
    return LineView(tuple(segments), css_letter_spacing(line.spacing, size))


FIGURE_GAP_MM = 6


def _figure_rows(figures: list[tuple[Figure, str]], width_mm: float
                 ) -> list[list[tuple[Figure, str]]]:
    """Figures of one paragraph, side by side while they fit the text block."""
    rows: list[list[tuple[Figure, str]]] = []
    for item in figures:
        row = rows[-1] if rows else None
        if row and sum(figure.width_mm for figure, _ in row) + item[0].width_mm + \
                FIGURE_GAP_MM * len(row) <= width_mm:
            row.append(item)
        else:
            rows.append([item])
    return rows


def render_html(report: Report, composed: list[list[ComposedLine]], figures: list[Figure],
                fonts: FontSet, layout: Layout, stylesheet: str, output_folder: Path,
                colophon_numbered: bool = False) -> str:
    """The report as HTML. ``colophon_numbered``: number the 版记 page, which is
    right when no blank page has to come before it (the build finds out)."""
    by_paragraph: dict[int, list[tuple[Figure, str]]] = {}
    for figure in figures:
        url = f"{FIGURES_FOLDER}/{quote(figure.file_name)}"
        # Keyed by identity: the chart's paragraph is the very object in the blocks.
        by_paragraph.setdefault(id(figure.spec.paragraph), []).append((figure, url))
    blocks = []
    for block, lines in zip(report.blocks, composed, strict=True):
        if isinstance(block, Heading):
            role = f"head_{block.level}"
            views = [_line_view(line, role, layout.text[role].size_pt) for line in lines]
            blocks.append(RenderBlock(heading=block, lines=views))
        else:
            views = [_line_view(line, "body", layout.body.size_pt) for line in lines]
            rows = _figure_rows(by_paragraph.get(id(block), []), layout.text_width_mm)
            blocks.append(RenderBlock(paragraph=block, lines=views, figure_rows=rows))

    numbered = iter(range(1, len(report.indicators) + 1))
    table_groups = [(section, [TableRow(next(numbered), indicator) for indicator in group])
                    for section, group in report.indicators_by_section()]

    template = _environment(None).get_template("report.html.j2")
    signature = report.document.signature
    return template.render(
        report=report,
        metadata=document_metadata(report),
        settings_file=display_path(report.folder / SETTINGS_FILE),
        signature=place_signature(signature, measure_with(fonts, layout), layout)
        if signature else None,
        colophon_numbered=colophon_numbered,
        blocks=blocks,
        table_groups=table_groups,
        fonts=fonts.fonts,
        font_urls=[relative_url(font.path, output_folder) for font in fonts.fonts],
        stylesheet=Markup(stylesheet),
    )
