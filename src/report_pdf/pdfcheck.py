"""Stage 5: check the PDF that was written, from the PDF alone.

For now: every font is embedded and is one of the manifest's, so no font of
the building machine can have slipped in.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from .errors import Problem
from .fonts import FontSet

SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")


@dataclass(frozen=True)
class EmbeddedFont:
    name: str  # without the subset prefix, as WeasyPrint writes it: "FandolFang-R"
    embedded: bool


def embedded_fonts(pdf: bytes) -> list[EmbeddedFont]:
    """Every font used on any page of the PDF, including inside figures."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    found: dict[str, EmbeddedFont] = {}
    seen: set[int] = set()

    def visit_resources(resources) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts") or [font]:
                descendant = descendant.get_object()
                descriptor = (descendant.get("/FontDescriptor") or {})
                descriptor = descriptor.get_object() if descriptor else {}
                name = SUBSET_PREFIX.sub("", str(descendant.get("/BaseFont", "")).lstrip("/"))
                embedded = any(key in descriptor
                               for key in ("/FontFile", "/FontFile2", "/FontFile3"))
                found[name] = EmbeddedFont(name, embedded)
        for xobject in (resources.get("/XObject") or {}).values():
            if id(xobject) in seen:
                continue
            seen.add(id(xobject))
            xobject = xobject.get_object()
            visit_resources(xobject.get("/Resources"))

    for page in reader.pages:
        visit_resources(page.get("/Resources"))
    return sorted(found.values(), key=lambda font: font.name)


def check_fonts(pdf: bytes, fonts: FontSet) -> list[Problem]:
    """Problems with the fonts of a PDF: not embedded, or not from the manifest."""
    allowed = {_pdf_name(font.family) for font in fonts.fonts}
    problems = []
    for font in embedded_fonts(pdf):
        if not font.embedded:
            problems.append(Problem(f"font {font.name} is not embedded in the PDF"))
        if not any(font.name.startswith(name) for name in allowed):
            problems.append(Problem(f"font {font.name} in the PDF is not one of "
                                    "fonts/fonts.yaml"))
    return problems


def _pdf_name(family: str) -> str:
    """The PostScript-style name WeasyPrint gives a family: spaces become hyphens."""
    return family.replace(" ", "-")
