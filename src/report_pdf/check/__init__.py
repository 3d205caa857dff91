"""Stage 6: measure a PDF against the layout rules, from the PDF alone.

``python -m report_pdf check FILE.pdf`` prints one row per rule with what was
measured and whether it passes; ``build`` runs it on what it wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..chinese import is_chinese
from ..errors import InputError, Problem
from ..fonts import FontSet
from ..layout import Layout
from .attachment_rules import attachments
from .context import Context, RuleResult
from .element_rules import annotation, markings
from .element_rules import signature_layout as signature_place
from .figure_rules import chart_texts_inside
from .font_rules import faces_by_role, fonts_embedded, missing_glyphs
from .format_rules import attendance, letter_format
from .joint_rules import joint_signature
from .landscape_rules import landscape_pages
from .line_rules import (
    characters_per_line,
    flush_right,
    lone_last_characters,
    numbers_kept_whole,
    prohibited_breaks,
    punctuation_compressed,
    quote_widths,
    within_the_text_block,
)
from .lines import TextBlock, read_flow
from .masthead_rules import addressees, masthead_layout
from .page_rules import body_size, grid, line_pitch, lines_per_page, margins, page_size
from .part_rules import (
    blank_pages,
    colophon,
    page_numbers,
    signature_company,
    signer_layout,
    title_size,
)
from .pdf_page import UnreadablePdf
from .print_rules import inks, print_settings
from .reading import read_pdf
from .seal_rules import seal_image

__all__ = ["RULES", "CheckReport", "RuleResult", "check_pdf"]

RULES: tuple[Callable[[Context], RuleResult], ...] = (
    page_size, margins, body_size, grid, line_pitch, lines_per_page, characters_per_line,
    flush_right, within_the_text_block, prohibited_breaks, numbers_kept_whole,
    lone_last_characters, quote_widths, punctuation_compressed, page_numbers, title_size,
    markings, masthead_layout, signer_layout, letter_format, addressees, signature_company,
    blank_pages, colophon, chart_texts_inside, signature_place, joint_signature, seal_image,
    annotation, attachments, attendance, landscape_pages, fonts_embedded, faces_by_role,
    missing_glyphs, inks, print_settings)


@dataclass(frozen=True)
class CheckReport:
    results: tuple[RuleResult, ...]
    page_count: int

    @property
    def passed(self) -> bool:
        return all(result.passed for result in self.results)

    @property
    def failures(self) -> list[RuleResult]:
        return [result for result in self.results if not result.passed]

    def table(self) -> str:
        rows = [("rule", "measured", "expected", "")] + [
            (result.rule, result.measured, result.expected, "pass" if result.passed else "FAIL")
            for result in self.results]
        widths = [max(_width(row[column]) for row in rows) for column in range(3)]
        lines = []
        for row in rows:
            cells = [row[column] + " " * (widths[column] - _width(row[column]))
                     for column in range(3)]
            lines.append("  ".join(cells + [row[3]]).rstrip())
        for result in self.failures:
            lines += [f"  {result.rule}: {detail}" for detail in result.details]
        return "\n".join(lines)


def _width(text: str) -> int:
    """Columns a string takes in a terminal: Chinese characters take two."""
    return sum(2 if is_chinese(char) else 1 for char in text)


def check_pdf(data: bytes, layout: Layout, fonts: FontSet | None = None) -> CheckReport:
    """Measure a PDF; with ``fonts``, also require that it uses only those fonts."""
    try:
        document = read_pdf(data)
    except UnreadablePdf as error:
        raise InputError(Problem(f"cannot read the PDF: {error}")) from None
    if not document.tagged:
        raise InputError(Problem("the PDF has no structure tags, from which the check "
                                 "learns what each line is (title, head, body, table …); "
                                 "check the PDFs report_pdf builds, which are tagged"))
    allowed = None if fonts is None else frozenset(
        font.family.replace(" ", "-") for font in fonts.fonts)
    context = Context(document, read_flow(document, layout), layout,
                      TextBlock.from_layout(layout), allowed)
    return CheckReport(tuple(rule(context) for rule in RULES), len(document.pages))
