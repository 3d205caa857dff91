"""Rules of printing (GB/T 9704 6.2): inks, and what the PDF tells the printer."""

from __future__ import annotations

from collections import Counter

from .context import MAX_DETAILS, Context, RuleResult
from .pdf_page import Paint
from .standard import BLACK_INK, RED_INK

INK_TOLERANCE = 0.005  # of a component: what writing the value with three decimals may lose
CMYK_SPACES = ("DeviceCMYK", "ICCBased/4")
# A colour space's colour before its components are set (ISO 32000-1 8.6.5).
INITIAL = {"DeviceCMYK": (0.0, 0.0, 0.0, 1.0), "ICCBased/4": (0.0, 0.0, 0.0, 1.0)}


def inks(context: Context) -> RuleResult:
    """Text in black ink at 100 % or in the standard's red; paths in black ink
    alone (any tint, white included) or in that red; nothing in RGB or grey
    levels of another space, which a print shop would turn into four inks."""
    counts: Counter[str] = Counter()
    wrong: list[str] = []
    for page in context.document.pages:
        for (use, paint), times in page.paints.items():
            kind = _ink(use, paint)
            if kind is None:
                wrong.append(f"page {page.number}: {use} in {_describe(paint)}")
            else:
                counts[f"{use} {kind}"] += times
    measured = ", ".join(f"{key} {value}" for key, value in sorted(counts.items())) or \
        "nothing painted"
    return RuleResult("inks as GB/T 9704 6.2 gives them",
                      measured + (f"; {len(wrong)} other" if wrong else ""),
                      "text K100 or C0 M80 Y80 K0; paths K alone or that red", not wrong,
                      tuple(dict.fromkeys(wrong))[:MAX_DETAILS])


def _ink(use: str, paint: Paint) -> str | None:
    """black, grey or red; None for any other colour."""
    if paint.space not in CMYK_SPACES:
        return None
    values = paint.values or INITIAL[paint.space]
    if len(values) != 4:
        return None
    if _near(values, RED_INK):
        return "red"
    if _near(values, BLACK_INK):
        return "black"
    if use != "text" and max(values[:3]) <= INK_TOLERANCE:
        return "grey"
    return None


def _near(values: tuple[float, ...], ink: tuple[float, ...]) -> bool:
    return all(abs(value - wanted) <= INK_TOLERANCE for value, wanted in zip(
        values, ink, strict=True))


def _describe(paint: Paint) -> str:
    values = " ".join(f"{value:g}" for value in paint.values)
    return f"{paint.space} {values}".strip()


def print_settings(context: Context) -> RuleResult:
    """The PDF asks to be printed at actual size (not fitted to the paper, which
    shrinks the margins and the type) and on both sides, turning on the long
    edge; it declares a CMYK printing condition for its inks (output intent)."""
    document = context.document
    preferences = document.viewer_preferences
    scaling = preferences.get("/PrintScaling", "none given").lstrip("/")
    duplex = preferences.get("/Duplex", "none given").lstrip("/")
    cmyk = [intent for intent in document.output_intents if intent.components == 4]
    problems = []
    if scaling != "None":
        problems.append(f"PrintScaling: {scaling}, not None (actual size)")
    if duplex != "DuplexFlipLongEdge":
        problems.append(f"Duplex: {duplex}, not DuplexFlipLongEdge (both sides, long edge)")
    if not cmyk:
        problems.append("no CMYK output intent: the inks' printing condition is not declared")
    intent = cmyk[0].condition if cmyk else "none"
    return RuleResult("printed at actual size, duplex, for CMYK",
                      f"PrintScaling {scaling}, Duplex {duplex}, output intent {intent}",
                      "None, DuplexFlipLongEdge, a CMYK profile", not problems,
                      tuple(problems))
