"""The fair anchor: the HTML a person would write for the same content.

    python bench/anchor.py BUILT_HTML ANCHOR_HTML

Made from a build's final HTML by taking away what report_pdf adds so that
WeasyPrint sets the composed lines exactly: the span and the letter spacing of
every line, the ``<br>`` between lines, the paragraphs cut at page ends and the
page breaks; paragraphs are left to WeasyPrint to break and justify. What stays
is the same: the 7 fonts and their @font-face rules, the charts (the same SVG
files), the summary table, the heads, the page-number boxes. Bare WeasyPrint on
this file is what our HTML's typesetting is measured against.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

LINE_START = re.compile(r'<span class="line"(?: style="[^"]*")?>')
# A paragraph cut at the end of a page goes on in a <p class="… continued …">.
CONTINUED = re.compile(r'</span></p>\s*<p class="paragraph continued[^"]*">')


def fair_anchor(html: str) -> str:
    html = CONTINUED.sub("</span><br>", html)
    html = LINE_START.sub("", html)
    html = html.replace("</span><br>", "").replace("<br>", "")
    # each line span's closing tag, now without its opening one: the last </span>
    # of a block whose spans are otherwise balanced
    html = re.sub(r"(<(p|h[1-5]|div)\b[^>]*>)(.*?)(</\2>)", _balance, html, flags=re.S)
    html = re.sub(r" new-page\b", "", html)
    html = html.replace("white-space: nowrap;", "white-space: normal;")
    return html.replace("text-align: left;", "text-align: justify;")


def _balance(match: re.Match) -> str:
    opening, _, inner, closing = match.groups()
    surplus = inner.count("</span>") - len(re.findall(r"<span\b", inner))
    for _ in range(max(surplus, 0)):
        at = inner.rfind("</span>")
        inner = inner[:at] + inner[at + len("</span>"):]
    return opening + inner + closing


def main() -> int:
    source, target = (Path(argument) for argument in sys.argv[1:3])
    target.write_text(fair_anchor(source.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
