"""What a PDF's catalogue says of how it is to be printed: its viewer
preferences and its output intents."""

from __future__ import annotations

from dataclasses import dataclass

import pikepdf


@dataclass(frozen=True)
class OutputIntent:
    subtype: str  # GTS_PDFA1, GTS_PDFX …
    components: int  # of its profile: 4 for CMYK
    condition: str


def print_settings(pdf: pikepdf.Pdf) -> tuple[dict[str, str], tuple[OutputIntent, ...]]:
    root = pdf.Root
    preferences = {str(key): str(value) for key, value in
                   root.get("/ViewerPreferences", pikepdf.Dictionary()).items()}
    intents = tuple(
        OutputIntent(str(intent.get("/S", "")).lstrip("/"),
                     int(intent.DestOutputProfile.get("/N", 0))
                     if "/DestOutputProfile" in intent else 0,
                     str(intent.get("/OutputConditionIdentifier", "")))
        for intent in root.get("/OutputIntents", pikepdf.Array()))
    return preferences, intents
