"""The yardstick: WeasyPrint alone turning report_pdf's final HTML into a PDF.

    python bench/bare_weasyprint.py FONTCONFIG_FILE HTML_FILE PDF_FILE

The same HTML file, the same committed fonts (through its @font-face rules) and
fontconfig cut off from the machine's fonts, as in report_pdf; nothing else: a
plain PDF, no checks, no PDF/A. Only the standard library and WeasyPrint are
imported, so that the process costs what WeasyPrint costs.
"""

import os
import sys
import warnings

fontconfig, html, pdf = sys.argv[1:4]
os.environ["FONTCONFIG_FILE"] = fontconfig
warnings.simplefilter("ignore")  # "No fonts configured in FontConfig", expected

import weasyprint  # noqa: E402  (after FONTCONFIG_FILE is set)

weasyprint.HTML(filename=html).write_pdf(pdf)
