"""The same report through Typst, as a yardstick from outside WeasyPrint.

    python bench/typst_report.py REPORT_FOLDER BUILD_FOLDER PDF_FILE

The text (title, heads, paragraphs) of the report folder, the charts as the
build drew them (its SVG files) after the paragraphs they follow, and the
summary table, set on A4 with the margins of styles/layout.yaml in the same
committed fonts, justified by Typst itself; system fonts are not used. It is a
comparison of typesetting engines, not a second implementation of the layout:
no grid, no composed lines, no layout check. Needs the ``typst`` package
(``pip install typst``), which report_pdf itself does not use.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def typst_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def markup(text: str) -> str:
    """Text as Typst content: every character taken literally."""
    return f"#{typst_string(text)}"


def typst_source(report_folder: Path, build_folder: Path) -> str:
    from report_pdf.content import load_report
    from report_pdf.model import BodyTable, Heading, Paragraph

    report = load_report(report_folder, with_last_year=False)
    charts = {spec.placed_after.location if hasattr(spec, "placed_after") else
              spec.block.location: spec for spec in report.charts}
    lines = [
        '#set page(paper: "a4", margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm),'
        ' footer: context align(center)[— #counter(page).display() —])',
        '#set text(font: ("Liberation Serif", "FandolFang R", "Noto Serif CJK SC"), size: 16pt,'
        ' lang: "zh")',
        "#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 12.95pt,"
        " spacing: 12.95pt)",
        '#show heading: set text(font: ("Liberation Serif", "Noto Sans CJK SC"), size: 16pt,'
        ' weight: "regular")',
        f'#align(center, text(font: "Noto Serif CJK SC", size: 22pt)'
        f'[{markup("".join(report.title_lines))}])',
        "",
    ]
    for block in report.blocks:
        if isinstance(block, Heading):
            lines.append(f"#heading(level: {block.level})[{markup(block.text)}]")
        elif isinstance(block, Paragraph):
            head = markup(block.run_in.text) if block.run_in else ""
            lines.append(f"{head}{markup(block.text)}")
        elif isinstance(block, BodyTable):
            lines.append(_table([cell.text for cell in block.header],
                                [[cell.text for cell in row] for row in block.rows]))
        lines.append("")
        spec = charts.get(block.location) if hasattr(block, "location") else None
        if spec is not None:
            svg = _rgb_copy(build_folder / "charts" / f"{spec.id}.svg")
            lines.append(f'#figure(image({typst_string(str(svg))}, width: 140mm),'
                         f' caption: [{markup(spec.title)}])')
            lines.append("")
    if report.summary_table and report.indicators:
        lines += ["#pagebreak()", f"#align(center)[{markup(report.summary_table.title)}]"]
        rows = [[indicator.section.name, indicator.label, indicator.display_value,
                 indicator.unit] for indicator in report.indicators]
        lines.append(_table(["类别", "指标", "数值", "单位"], rows))
    return "\n".join(lines) + "\n"


def _rgb_copy(svg: Path) -> Path:
    """The drawing without its CMYK declarations, which Typst reads as black: each
    colour is also given in RGB, before them."""
    copy = svg.with_name(f"{svg.stem}-rgb.svg")
    copy.write_text(re.sub(r"; (fill|stroke): device-cmyk\([^)]*\)", "",
                           svg.read_text(encoding="utf-8")), encoding="utf-8")
    return copy


def _table(header: list[str], rows: list[list[str]]) -> str:
    cells = [f"[{markup(text)}]" for row in [header, *rows] for text in row]
    return (f"#table(columns: {len(header)}, "
            + re.sub(r"\s+", " ", ", ".join(cells)) + ")")


def main() -> int:
    import typst

    report_folder, build_folder, pdf = (Path(argument) for argument in sys.argv[1:4])
    source = build_folder.parent / f"{build_folder.name}.typ"
    source.write_text(typst_source(report_folder, build_folder), encoding="utf-8")
    typst.compile(str(source), output=str(pdf), root="/",
                  font_paths=[str(ROOT / "fonts")], ignore_system_fonts=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
