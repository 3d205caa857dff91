"""Rules of the fonts: embedded, from the manifest, no missing glyphs."""

from __future__ import annotations

from .context import MAX_DETAILS, Context, RuleResult


def fonts_embedded(context: Context) -> RuleResult:
    fonts = context.document.fonts
    problems = [f"{font.name} not embedded" for font in fonts if not font.embedded]
    expected = "all"
    if context.allowed_fonts is not None:
        expected = "all, all from fonts/fonts.yaml"
        problems += [f"{font.name} is not a font of fonts/fonts.yaml" for font in fonts
                     if not any(font.name == name or font.name.startswith(name + "-")
                                for name in context.allowed_fonts)]
    embedded = sum(font.embedded for font in fonts)
    return RuleResult("every font embedded", f"{embedded} of {len(fonts)}", expected,
                      not problems, tuple(problems[:MAX_DETAILS]))


def missing_glyphs(context: Context) -> RuleResult:
    boxes = [f"page {page.number}: .notdef drawn in {char.font}"
             for page in context.document.pages for char in page.chars
             if char.cid == 0 or char.text == "\ufffd"]
    boxes += [f"{font.name}: {font.notdef_codes} character(s) mapped to .notdef"
              for font in context.document.fonts if font.notdef_codes]
    return RuleResult("no missing-glyph boxes", f"{len(boxes)} found", "0", not boxes,
                      tuple(boxes[:MAX_DETAILS]))
