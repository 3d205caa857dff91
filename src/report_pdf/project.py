"""Where things are in a report_pdf project: every folder and file name, once.

A project holds ``content/<year>/`` (the reports), ``styles/`` and ``fonts/``;
a build writes into ``build/<year>/`` and keeps its cache in ``build/.cache/``.
Imports nothing, so that the command line can use it before anything heavy.
"""

CONTENT_FOLDER = "content"
OUTPUT_FOLDER = "build"
CACHE_FOLDER = ".cache"  # inside OUTPUT_FOLDER
STYLES_FOLDER = "styles"
FONTS_FOLDER = "fonts"

LAYOUT_FILE = "layout.yaml"  # in STYLES_FOLDER
STYLESHEET_TEMPLATE = "report.css.j2"  # in STYLES_FOLDER
FONTS_MANIFEST = "fonts.yaml"  # in FONTS_FOLDER

# A report folder: report.yaml marks it as one.
SETTINGS_FILE = "report.yaml"
TEXT_FILE = "report.md"
INDICATORS_FILE = "indicators.yaml"
CHARTS_FILE = "charts.yaml"
CONTENT_FILES = (SETTINGS_FILE, TEXT_FILE, INDICATORS_FILE, CHARTS_FILE)
MAX_CONTENT_BYTES = 4 * 2**20  # per content file

# What a build writes into its output folder.
PDF_NAME = "report.pdf"
HTML_NAME = "report.html"
FIGURES_FOLDER = "charts"
SEAL_FILE = "seal.svg"  # the seal's drawing: given to the typesetter, never written
