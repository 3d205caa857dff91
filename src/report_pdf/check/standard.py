"""What the standards say about Chinese lines, written down for the check.

These tables are the check's own reading of GB/T 15834-2011 (标点符号用法),
W3C "Requirements for Chinese Text Layout" (clreq) and GB/T 9704-2012; they
are deliberately not taken from the line composer, so that a mistake in the
composer's tables shows up as a failed check rather than passing unnoticed.
"""

from __future__ import annotations

import re

# clreq 3.1.7 / GB/T 15834 4.1: marks that may not begin a line — the closing
# brackets, quotes and book-title marks, the pause and stop marks, the colon
# and semicolon, the interpuncts, and the two-em dash and ellipsis (which are
# not split either).
NOT_AT_LINE_START = frozenset("、，。．：；！？）］】》〉」』〕〗｝”’·…—%‰")
# ... and the opening ones that may not end it.
NOT_AT_LINE_END = frozenset("（［【《〈「『〔〖｛“‘")
# Marks that may hang past the right edge after a full line, as Word and WPS do.
MAY_HANG = frozenset("、，。：；！？")
# Closing punctuation: in a Simplified Chinese font its ink stands in the left
# half of its em box; opening punctuation stands in the right half.
CLOSING = frozenset("、，。．：；！？）］】》〉」』〕〗｝”’")
OPENING = frozenset("（［【《〈「『〔〖｛“‘")
QUOTES = frozenset("“”‘’")

# A number is never split from what completes it: 余/多 (50余项), 万/亿
# (12万余份), a unit sign (83.4%, 30℃); nor is a date (2019年, 6月30日).
NUMBER_SUFFIX = re.compile(r"^[余多万亿十百千％%‰℃°]")
DATE_PART = re.compile(r"^[年月日]")


def splits_number(before: str, after: str) -> bool:
    """Whether a line ending ``before`` and the next starting ``after`` split a
    number from its suffix or cut a date in two."""
    if not before or not after:
        return False
    if before[-1].isdigit() and (NUMBER_SUFFIX.match(after) or DATE_PART.match(after)):
        return True
    # inside a date: “2019年 / 6月”, “6月 / 30日”
    date_end = re.search(r"[0-9]+[年月]$", before)
    return bool(date_end and re.match(r"^[0-9]+[月日]", after))


def should_compress(first: str, second: str) -> bool:
    """Two marks side by side whose blank halves meet (clreq 3.1.6): a closing
    mark before a mark, or an opening mark after an opening mark."""
    return (first in CLOSING and (second in CLOSING or second in OPENING)) or (
        first in OPENING and second in OPENING)

# GB/T 9704-2012 6.2: printed on both sides, the page numbers of the two sides
# in register; black at 100 % (BL100%), red at Y80% M80%. As CMYK components.
BLACK_INK = (0.0, 0.0, 0.0, 1.0)
RED_INK = (0.0, 0.8, 0.8, 0.0)

# GB/T 9704-2012 7.2.1–7.2.3: at the head of the 版头, flush left on the first
# lines and in this order: 份号 (six Arabic digits), 密级和保密期限 (绝密, 机密 or
# 秘密, its term after ★) and 紧急程度 (特急 or 加急), the last two in 三号黑体.
MARKINGS = (("份号", re.compile(r"^[0-9]{6}$")),
            ("密级和保密期限", re.compile(r"^(绝密|机密|秘密)(★.+)?$")),
            ("紧急程度", re.compile(r"^(特急|加急)$")))
MARKING_SIZE_PT = 16.0  # 三号

# 7.3.5.4: the 成文日期 in Arabic digits, the full year, no leading zeros.
DATE = re.compile(r"[0-9]{4}年[1-9][0-9]?月[1-9][0-9]?日")
# 7.3.6: the 附注 in round brackets, two characters in, on the line under the date.
NOTE = re.compile(r"^（.+）$")
NOTE_INDENT_CHARS = 2
# 7.3.5.2: without a seal, the authority two characters in from the right, the date
# under it two characters right of its start (or, the longer, two characters in).
SIGNATURE_INSET_CHARS = 2
# 7.3.5.1: with a seal, the date four characters in from the right, the authority
# centred on it; the seal upright and centred on them, the two a little below its
# centre ("偏下": here up to half a line), its top within one line of the text above.
SEALED_DATE_INSET_CHARS = 4
SEAL_CENTRE_ABOVE_TEXT_MAX_LINES = 0.5
SEAL_TOP_WITHIN_LINES = 1
# A seal printed from an image, measured by what its drawing covers: "居中" taken
# as within 1 mm of the authority's middle; its size within 1.5 mm of the seal's
# diameter (a ring drawn as a stroke is measured without half its width).
SEAL_CENTRED_WITHIN_MM = 1.0
SEAL_SIZE_WITHIN_MM = 1.5
# 7.3.5.3: with a 签名章, two blank lines under the text, the stamp four characters
# in from the right, the signer's title two characters left of it and centred on
# it, one blank line under the stamp, the date four characters in from the right.
STAMP_BLANK_LINES_ABOVE = 2
STAMP_INSET_CHARS = 4
STAMP_TITLE_GAP_CHARS = 2
STAMP_BLANK_LINES_BELOW = 1

# GB/T 9704-2012 7.3.4 and 7.3.7: attachments. Each starts a new page with “附件”,
# and its number when there are several, flush left on the first row in 三号黑体,
# its title centred on the third; number and title as the 附件说明 gives them.
# One not bound with the body has the document's 发文字号 before “附件”. The
# 附件说明, one blank row under the body and two characters in, writes “附件：”
# and then, for several, “1. 名称”, the next numbers under the first.
ATTACHMENT_LABEL = re.compile(r"^附件([1-9][0-9]*)?$")
APART_LABEL = re.compile(r"^\S+〔[0-9]{4}〕[1-9][0-9]*号附件([1-9][0-9]*)?$")
ATTACHMENT_NOTE_LABEL = "附件："
ATTACHMENT_NOTE_NUMBER = re.compile(r"^([1-9][0-9]*)[.．]")
ATTACHMENT_NOTE_INDENT_CHARS = 2
ATTACHMENT_TITLE_ROW = 2  # the third row, counted from 0

# GB/T 9704-2012 6.3 and chapter 8: a document is bound on its left edge, so the
# binding is the left edge of an odd page and the right edge of an even one. A
# table set across a landscape page has its head to the binding on an odd page
# and to the outer edge on an even page.
BINDING_EDGE_OF_ODD_PAGES = "left"
OUTER_EDGE_OF_EVEN_PAGES = "left"

# GB/T 9704-2012 7.2.4: the 发文机关标志's top edge 35 mm under the top of the text
# block (read here as the top of its characters' em box, 字身框, as type is set);
# 7.2.7: the red 版头 rule 4 mm under the 发文字号, as wide as the text block.
MARK_BELOW_TEXT_TOP_MM = 35
RED_LINE_BELOW_NUMBER_MM = 4
DOCUMENT_NUMBER_TEXT = re.compile(r"〔[0-9]{4}〕[0-9]+号")
SIGNER_LABEL = "签发人："  # 7.2.6: in a 上行文 the 发文字号 shares its line, flush left

# 7.3.2: the 主送机关 one blank line under the title, flush left, a full-width
# colon after the last organ.
ADDRESSEES_BLANK_LINES = 1
ADDRESSEES_COLON = "："

# GB/T 9704-2012 10.1, 信函格式: the mark's top edge 30 mm below the paper's top
# edge; a red double line, thick over thin, 4 mm under the mark, and another,
# thin over thick, 20 mm above the paper's bottom edge, both 170 mm long and
# centred; under the first, 份号, 密级和保密期限 and 紧急程度 flush left, one a
# line, and the 发文字号 flush right, the first line 7/8 of a 三号 character's
# height under it; the title two lines under the last of them; no page number
# on the first page. (The project's reference notes leave out the 7/8 and the
# title's place; they are the standard's text.)
LETTER_MARK_TOP_MM = 30.0
LETTER_RULE_BELOW_MARK_MM = 4.0
LETTER_RULE_ABOVE_BOTTOM_MM = 20.0
LETTER_RULE_WIDTH_MM = 170.0
LETTER_FIRST_LINE_BELOW_RULE_PT = 7 / 8 * MARKING_SIZE_PT
LETTER_TITLE_BLANK_LINES = 2
# Not the standard's, but how Chinese faces are made: a line's characters fill
# their ideographic em box, from 0.12 em under the baseline to 0.88 em above it
# (Adobe's convention for CJK fonts; every committed face follows it). Its top
# is the top edge of a line the standard measures from.
EM_BOX_TOP = 0.88

# GB/T 9704-2012 10.3, 纪要格式: one blank line under the text (or the 附件说明),
# “出席” two characters in, in 三号黑体, a full-width colon after it and the names
# after the colon, wrapped lines under the first name; then “请假” and “列席”, each
# on a new line, laid out the same way.
ATTENDANCE_LABEL = re.compile(r"^(出席|请假|列席)：")
ATTENDANCE_ORDER = ("出席", "请假", "列席")
ATTENDANCE_INDENT_CHARS = 2
ATTENDANCE_BLANK_LINES_ABOVE = 1
ATTENDANCE_LABEL_SIZE_PT = 16.0  # 三号
