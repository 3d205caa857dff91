"""Rules of the fonts: embedded, from the manifest, no missing glyphs."""

from __future__ import annotations

from ..roles import Role
from .context import MAX_DETAILS, Context, RuleResult, face_key


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
             for page in context.document.pages for char in page.chars + page.turned
             if char.cid == 0 or char.text == "\ufffd"]
    boxes += [f"{font.name}: {font.notdef_codes} character(s) mapped to .notdef"
              for font in context.document.fonts if font.notdef_codes]
    return RuleResult("no missing-glyph boxes", f"{len(boxes)} found", "0", not boxes,
                      tuple(boxes[:MAX_DETAILS]))


def faces_by_role(context: Context) -> RuleResult:
    """Each role's text in the faces the layout gives it (a role's stack may fall
    back, but never to another role's face or to a face the typesetter picked)."""
    text = context.layout.text
    allowed = {role: {face_key(name) for name in style.fonts} for role, style in text.items()}
    allowed[Role.BODY] |= {face for level in range(2, 5) for face in allowed[Role.head(level)]}
    allowed[Role.TABLE] |= allowed[Role.TABLE_HEAD] | allowed[Role.TABLE_GROUP]
    wrong: dict[tuple, int] = {}
    for line in context.flow.lines:
        if line.role not in allowed:
            continue
        for char in line.chars:
            if face_key(char.font) not in allowed[line.role]:
                key = (line.role.value, char.font, line.page)
                wrong[key] = wrong.get(key, 0) + 1
    details = tuple(f"page {page}: {count} character(s) of {role} in {font}"
                    for (role, font, page), count in wrong.items())
    return RuleResult("each role in its own faces", f"{sum(wrong.values())} elsewhere", "0",
                      not wrong, details[:MAX_DETAILS])
