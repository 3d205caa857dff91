"""Stage 3: render the report, its figures and its summary table as HTML.

The HTML is what WeasyPrint typesets and also a preview for a browser, so it
refers to fonts and figures by paths relative to where it is written. All
content is escaped: text that looks like HTML is shown as text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from .charts import Figure
from .fonts import FontSet
from .model import Heading, Indicator, Paragraph, Report

FIGURES_FOLDER = "charts"


@dataclass
class RenderBlock:
    heading: Heading | None = None
    paragraph: Paragraph | None = None
    figures: list[tuple[Figure, str]] = field(default_factory=list)  # (figure, its URL)


@dataclass(frozen=True)
class TableRow:
    number: int
    indicator: Indicator


def css_string(value: str) -> Markup:
    """A quoted CSS string that cannot end the string or the <style> element."""
    escaped = "".join(f"\\{ord(char):x} " if char in '"\\<>&\n' else char for char in value)
    return Markup(f'"{escaped}"')


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("report_pdf", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["css_string"] = css_string
    return environment


def relative_url(target: Path, start: Path) -> str:
    return quote(Path(os.path.relpath(target, start)).as_posix())


def render_html(report: Report, figures: list[Figure], fonts: FontSet, stylesheet: str,
                output_folder: Path) -> str:
    by_paragraph: dict[int, list[tuple[Figure, str]]] = {}
    for figure in figures:
        url = f"{FIGURES_FOLDER}/{quote(figure.file_name)}"
        by_paragraph.setdefault(id(figure.spec.paragraph), []).append((figure, url))
    blocks = []
    for block in report.blocks:
        if isinstance(block, Heading):
            blocks.append(RenderBlock(heading=block))
        else:
            blocks.append(RenderBlock(paragraph=block, figures=by_paragraph.get(id(block), [])))

    numbered = iter(range(1, len(report.indicators) + 1))
    table_groups = [(section, [TableRow(next(numbered), indicator) for indicator in group])
                    for section, group in report.indicators_by_section()]

    template = _environment().get_template("report.html.j2")
    return template.render(
        report=report,
        blocks=blocks,
        table_groups=table_groups,
        fonts=fonts.fonts,
        font_urls=[relative_url(font.path, output_folder) for font in fonts.fonts],
        stylesheet=stylesheet,
    )
