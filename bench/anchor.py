"""The fair anchor: the HTML a person would write for the same content.

    python bench/anchor.py BUILT_HTML ANCHOR_HTML

Made from a build's final HTML by taking away what report_pdf adds so that
WeasyPrint sets the composed lines exactly: the newlines between lines, the
spans of lines with a letter spacing of their own, the blocks' letter spacing,
the paragraphs cut at page ends and the page breaks; paragraphs are left to
WeasyPrint to break and justify. What stays is the same: the 7 fonts and their
@font-face rules, the charts (the same SVG files), the summary table, the heads,
the page-number boxes. Bare WeasyPrint on this file is what our HTML's
typesetting is measured against.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# A paragraph cut at the end of a page goes on in a <p class="… continued …">,
# its lines in a <span class="text"> as in every composed block.
CONTINUED = re.compile(r'</span></p>\s*<p class="paragraph continued[^"]*"><span class="text">')
TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
LINE_SPAN = 'class="line" style="letter-spacing'
COMPOSED_RULE = re.compile(r"(\.paragraph, \.head,[^{]*\{)([^}]*)\}")


def fair_anchor(html: str) -> str:
    html = CONTINUED.sub("", html)
    html = _without_line_spans(html)
    html = re.sub(r" new-page\b", "", html)
    html = COMPOSED_RULE.sub(_natural_rule, html, count=1)
    html = html.replace("white-space: nowrap;", "white-space: normal;")
    return html.replace("text-align: left;", "text-align: justify;")


def _without_line_spans(html: str) -> str:
    """The composed blocks' text as one run: no line spans, no newlines."""
    out: list[str] = []
    open_spans: list[str] = []  # "line", "text" or "" for each open <span>
    at = 0
    for tag in TAG.finditer(html):
        text = html[at:tag.start()]
        out.append(text.replace("\n", "") if "text" in open_spans else text)
        at = tag.end()
        closing, name, attributes = tag.groups()
        if name != "span":
            out.append(tag.group(0))
        elif closing:
            if open_spans.pop() != "line":
                out.append(tag.group(0))
        else:
            kind = "line" if attributes.strip().startswith(LINE_SPAN) else (
                "text" if 'class="text"' in attributes else "")
            open_spans.append(kind)
            if kind != "line":
                out.append(tag.group(0))
    out.append(html[at:])
    return "".join(out)


def _natural_rule(match: re.Match) -> str:
    selectors, body = match.groups()
    body = re.sub(r"\s*letter-spacing:[^;]*;", "", body)
    return selectors + body.replace("white-space: pre;", "white-space: normal;") + "}"


def main() -> int:
    source, target = (Path(argument) for argument in sys.argv[1:3])
    target.write_text(fair_anchor(source.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
