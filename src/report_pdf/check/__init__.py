"""Stage 6: measure a PDF against the layout rules, from the PDF alone.

``python -m report_pdf check FILE.pdf`` prints one row per rule with what was
measured and whether it passes; ``build`` runs it on what it wrote.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError, Problem
from ..fonts import FontSet
from ..layout import Layout
from .lines import TextBlock, read_flow
from .reading import UnreadablePdf, read_pdf
from .rules import RULES, Context, RuleResult

__all__ = ["CheckReport", "RuleResult", "check_pdf"]


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
    return sum(2 if ord(char) > 0x2E7F else 1 for char in text)


def check_pdf(data: bytes, layout: Layout, fonts: FontSet | None = None) -> CheckReport:
    """Measure a PDF; with ``fonts``, also require that it uses only those fonts."""
    try:
        document = read_pdf(data)
    except UnreadablePdf as error:
        raise InputError(Problem(f"cannot read the PDF: {error}")) from None
    allowed = None if fonts is None else frozenset(
        font.family.replace(" ", "-") for font in fonts.fonts)
    context = Context(document, read_flow(document, layout), layout,
                      TextBlock.from_layout(layout), allowed)
    return CheckReport(tuple(rule(context) for rule in RULES), len(document.pages))
