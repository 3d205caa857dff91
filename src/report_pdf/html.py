"""Stage 6: render the document plan as HTML.

The HTML is what WeasyPrint typesets and also a preview for a browser, so it
refers to fonts and figures by paths relative to where it is written. All
content is escaped: text that looks like HTML is shown as text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from .errors import display_path
from .fonts import FontSet
from .layout import Layout
from .model import Location
from .plan import DocumentPlan, HeadBlock, PageNumberPlacement, SetLine
from .project import FIGURES_FOLDER, STYLESHEET_TEMPLATE
from .roles import Role
from .spacing import css_letter_spacing


@dataclass(frozen=True)
class SegmentView:
    text: str
    classes: str  # "" for the block's own style
    source: Location | None


@dataclass(frozen=True)
class LineView:
    segments: tuple[SegmentView, ...]
    spacing: float  # the letter spacing asked of CSS


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
    environment.tests["head"] = lambda block: isinstance(block, HeadBlock)
    return environment


def relative_url(target: Path, start: Path) -> str:
    return quote(Path(os.path.relpath(target, start)).as_posix())


def render_stylesheet(styles_folder: Path, layout: Layout,
                      page_number: PageNumberPlacement) -> str:
    environment = _environment(styles_folder.resolve())
    return environment.get_template(STYLESHEET_TEMPLATE).render(
        layout=layout, page_number=page_number)


def line_view(line: SetLine, own_role: Role, size: float) -> LineView:
    """A set line as the template writes it: classes for run-in heads and Latin runs,
    and the letter spacing that makes WeasyPrint set the wanted spacing."""
    segments = []
    for segment in line.segments:
        classes = "" if segment.role == own_role else f"run-in level-{segment.role.head_level}"
        if segment.latin:
            classes = f"{classes} latin".strip()
        segments.append(SegmentView(segment.text, classes, segment.source))
    return LineView(tuple(segments), css_letter_spacing(line.spacing, size))


def render_html(plan: DocumentPlan, fonts: FontSet, layout: Layout, stylesheet: str,
                output_folder: Path) -> str:
    """The plan as HTML."""
    template = _environment(None).get_template("report.html.j2")
    return template.render(
        plan=plan,
        lines=lambda block: [line_view(line, block.role, layout.text[block.role].size_pt)
                             for line in block.lines],
        figure_url=lambda figure: f"{FIGURES_FOLDER}/{quote(figure.file_name)}",
        settings_file=display_path(plan.settings_source.file),
        fonts=fonts.fonts,
        font_urls=[relative_url(font.path, output_folder) for font in fonts.fonts],
        stylesheet=Markup(stylesheet),
    )
