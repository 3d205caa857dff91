"""Rules of the document's parts: page numbers, title, 版头 with 签发人, signature,
blank pages and 版记 (GB/T 9704-2012 7.2, 7.3.5, 7.4, 7.5)."""

from __future__ import annotations

from ..layout import PT_PER_MM
from ..roles import Role
from .context import MAX_DETAILS, MM, Context, RuleResult, as_mm, where
from .lines import MASTHEAD, SIGNATURE, TextBlock, TextLine
from .pdf_page import Rule
from .standard import DOCUMENT_NUMBER_TEXT, SIGNER_LABEL


def centred(line: TextLine, block: TextBlock) -> bool:
    left = line.x0 - block.left
    right = block.right - line.chars[-1].x1
    return left > 0.5 and abs(left - right) <= MM


def page_numbers(context: Context) -> RuleResult:
    layout, block = context.layout, context.block
    size = layout.text[Role.PAGE_NUMBER].size_pt
    inset = layout.page_number_inset_chars * size
    dash_at = block.bottom + layout.dash_below_text_mm * PT_PER_MM
    numbered = {line.page: line for line in context.lines(Role.PAGE_NUMBER)}
    problems = []
    offsets = []
    pages = context.document.pages
    blank = "blank or the 版记 page after a blank page"
    unnumbered = {number: blank for number in _blank_pages(context)}
    end = context.bound_end
    if end - 1 in unnumbered and _colophon_rules(context):
        unnumbered[end] = blank  # a 版记 page after a blank page: no number either
    if context.letter_rules:
        unnumbered[1] = "a letter's first page (GB/T 9704 10.1)"
    for page in pages:
        line = numbered.get(page.number)
        if page.number in unnumbered:
            if line is not None:
                problems.append(f"page {page.number}: numbered, but it is "
                                f"{unnumbered[page.number]}")
            continue
        expected_text = f"— {context.shown_number(page.number)} —"
        if line is None:
            problems.append(f"page {page.number}: no page number")
            continue
        if line.text != expected_text:
            problems.append(f"page {page.number}: “{line.text}”, not “{expected_text}”")
        if abs(line.size - size) > 0.1:
            problems.append(f"page {page.number}: page number in {line.size:g} pt")
        digits = [char for char in line.chars if char.text.isdigit()]
        if any(abs((char.x1 - char.x0) - char.size / 2) > 0.1 for char in digits):
            problems.append(f"page {page.number}: digits not half width")
        if page.number % 2:
            offset = block.right - inset - line.chars[-1].x1
            side = "right"
        else:
            offset = line.x0 - (block.left + inset)
            side = "left"
        if abs(offset) > MM:
            problems.append(f"page {page.number}: {as_mm(abs(offset))} off its place on the "
                            f"{side}")
        dashes = [char for char in line.chars if char.text == "—" and char.ink_middle]
        if dashes:
            dash_line = dashes[0].baseline - dashes[0].ink_middle
            offsets.append(dash_line - block.bottom)
            if abs(dash_line - dash_at) > MM:
                problems.append(f"page {page.number}: dash line {as_mm(dash_line - block.bottom)}"
                                " under the text block")
        else:
            problems.append(f"page {page.number}: no em dash to measure")
    measured = f"{len(numbered)} of {len(pages)} pages"
    if unnumbered:
        measured += f" ({len(unnumbered)} rightly without)"
    if offsets:
        measured += f"; dash line {as_mm(min(offsets))}–{as_mm(max(offsets))} under the text block"
    return RuleResult(
        "page numbers", measured,
        f"“— N —” {size:g} pt, odd right/even left {layout.page_number_inset_chars} char in, "
        f"dash {layout.dash_below_text_mm:g} mm under", not problems,
        tuple(problems[:MAX_DETAILS]))


def title_size(context: Context) -> RuleResult:
    """The title: the first H1 of the report, on page 1, centred."""
    titles = [line for line in context.lines(Role.TITLE) if line.page == 1]
    if not titles:
        return RuleResult("title size", "no title on page 1", "", False)
    top = titles[0]
    expected = context.layout.text[Role.TITLE].size_pt
    is_centred = centred(top, context.block)
    return RuleResult("title size", f"{top.size:g} pt{', centred' if is_centred else ''}",
                      f"{expected:g} pt, centred",
                      abs(top.size - expected) <= 0.1 and is_centred)


def signer_layout(context: Context) -> RuleResult:
    """A 上行文's 签发人 (GB/T 9704 7.2.5, 7.2.6): one character in from the right,
    names in the signer's face, wrapped names under the first; the 发文字号 one
    character in from the left on the line of the last 签发人."""
    lines = [line for line in context.part(MASTHEAD) if line.page == 1]
    labelled = [line for line in lines if SIGNER_LABEL in line.text]
    if not labelled:
        return RuleResult("签发人 and 发文字号 of a 上行文", "no 签发人", "when present", True)
    block, layout = context.block, context.layout
    size = layout.body.size_pt
    first = labelled[0]
    signer_lines = [line for line in lines if line.baseline >= first.baseline - 0.5
                    and not any(char.red for char in line.chars)]
    problems = []
    label_end = first.text.index(SIGNER_LABEL) + len(SIGNER_LABEL)
    names_left = first.chars[label_end].x0 if label_end < len(first.chars) else None
    right = max(line.chars[-1].x1 for line in signer_lines[:1])
    if abs(block.right - size - right) > MM:
        problems.append(f"签发人 end {as_mm(block.right - right)} from the right edge, not one "
                        "character")
    for line in signer_lines:
        start = label_end if line is first else 0
        names = [char for char in line.chars[start:] if not char.text.isspace()
                 and char.x0 >= (names_left or 0) - MM]
        if not context.in_faces_of(Role.SIGNER, names):
            problems.append(f"{where(line)}: names not in the signer's face "
                            f"({', '.join(layout.text[Role.SIGNER].fonts)})")
        if line is not first and names and names_left is not None and \
                abs(names[0].x0 - names_left) > MM:
            problems.append(f"{where(line)}: wrapped names not under the first name")
    last = signer_lines[-1]
    number = DOCUMENT_NUMBER_TEXT.search(last.text)
    if number is None:
        problems.append("no 发文字号 on the line of the last 签发人")
    elif abs(last.chars[0].x0 - block.left - size) > MM:
        problems.append(f"发文字号 starts {as_mm(last.chars[0].x0 - block.left)} from the left "
                        "edge, not one character")
    return RuleResult(
        "签发人 and 发文字号 of a 上行文",
        f"{len(signer_lines)} line(s), ending {as_mm(block.right - right)} from the right",
        "签发人 1 char from the right, 发文字号 1 char from the left on the last line",
        not problems, tuple(problems[:MAX_DETAILS]))


def signature_company(context: Context) -> RuleResult:
    """署名 and 成文日期 never alone on a page (GB/T 9704 7.3.5.4): the page that
    holds them holds body text too."""
    signature = context.part(SIGNATURE)
    if not signature:
        return RuleResult("署名 and 日期 with body text", "no signature", "when present", True)
    page = signature[0].page
    body = context.body_above_note(page, signature[0].baseline)
    return RuleResult("署名 and 日期 with body text",
                      f"page {page}: {len(body)} body line(s) above the signature",
                      "at least 1", bool(body),
                      () if body else (f"page {page}: the signature stands alone",))


def blank_pages(context: Context) -> RuleResult:
    """No page left blank but one before the 版记 that puts it on an even page, and
    one that puts an attachment printed apart on a new sheet (an odd page)."""
    blank = sorted(_blank_pages(context))
    end = context.bound_end
    allowed = {end - 1} if _colophon_rules(context) and end % 2 == 0 else set()
    allowed |= {first - 1 for first in context.apart_starts if first % 2}
    wrong = [number for number in blank if number not in allowed]
    return RuleResult("blank pages", f"{len(blank)}" + (f" (page {', '.join(map(str, blank))})"
                                                        if blank else ""),
                      "none, but one before an even 版记 page or an attachment printed "
                      "apart", not wrong, tuple(f"page {number}: blank" for number in wrong))


def _blank_pages(context: Context) -> set[int]:
    """Pages with nothing in or above the text block: a page number below it,
    7 mm under its lower edge, does not make a page less blank."""
    bottom = context.block.bottom
    return {page.number for page in context.document.pages
            if not page.rules and not page.turned and all(char.baseline - char.ascent > bottom
                                                          for char in page.chars)}


def _colophon_rules(context: Context) -> list[Rule]:
    """The black rules across the text block on the last page bound with the body:
    a 版记."""
    last = context.document.pages[context.bound_end - 1]
    width = context.block.right - context.block.left
    return sorted((rule for rule in last.rules if not rule.red
                   and abs((rule.x1 - rule.x0) - width) <= MM), key=lambda rule: rule.top)


def colophon(context: Context) -> RuleResult:
    """版记, when there is one: on an even page, its last rule on the bottom edge of
    the text block, the outer rules thicker than those between."""
    rules = _colophon_rules(context)
    if len(rules) < 2:
        return RuleResult("版记 at the foot of an even page", "no 版记", "when present", True)
    layout, last_page = context.layout, context.bound_end
    problems = []
    if last_page % 2:
        problems.append(f"on page {last_page}, an odd page")
    offset = rules[-1].bottom - context.block.bottom
    if abs(offset) > MM:
        problems.append(f"last rule {as_mm(abs(offset))} {'below' if offset > 0 else 'above'} "
                        "the text block's bottom edge")
    expected = ([layout.colophon_outer_rule_mm]
                + [layout.colophon_inner_rule_mm] * (len(rules) - 2)
                + [layout.colophon_outer_rule_mm])
    thickness = [(rule.bottom - rule.top) / PT_PER_MM for rule in rules]
    if any(abs(got - want) > 0.05 for got, want in zip(thickness, expected, strict=True)):
        problems.append("rules " + ", ".join(f"{got:.2f}" for got in thickness) + " mm")
    return RuleResult(
        "版记 at the foot of an even page",
        f"page {last_page}, {len(rules)} rules of " + "/".join(f"{got:.2f}" for got in thickness)
        + f" mm, last {as_mm(abs(offset))} from the bottom edge",
        "even page, on the bottom edge ±0.5 mm, outer/inner "
        f"{layout.colophon_outer_rule_mm}/{layout.colophon_inner_rule_mm} mm",
        not problems, tuple(problems))
