"""Changes against last year, stated right after a figure of the text.

“全年办理行政处罚案件1046件，同比增长8.2%” states, besides the figure, how it
compares with last year's. Such a claim is recognised without being declared
when it follows an indicator directly (after a comma at most) and its number is
not an indicator itself; the audit checks it against last year's report.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import GrowthClaim, Indicator, Paragraph
from .indicators import locate

RISE = ("增长", "增加", "上升", "提高")
FALL = ("下降", "减少", "降低")
CLAIM = re.compile(
    r"^[，,]?(?:(?:同比|比上年|较上年)(?P<verb>" + "|".join(RISE + FALL) + r")"
    r"(?P<digits>[0-9]+(?:\.[0-9]+)?)(?P<unit>%|％|个百分点|倍)?"
    r"|(?P<flat>(?:同比|与上年)持平))")


def find_growth_claims(indicators: list[Indicator],
                       claimed: set[tuple[int, int]]) -> list[GrowthClaim]:
    """The claims after the indicators of the text whose number is not already an
    indicator or declared as none (``claimed``: (line, column) of such digits)."""
    claims = []
    for indicator in indicators:
        paragraph = indicator.block
        if not isinstance(paragraph, Paragraph) or indicator.text_end < 0:
            continue
        after = paragraph.text[indicator.text_end:]
        match = CLAIM.match(after)
        if match is None:
            continue
        if match.group("flat"):
            where = locate(paragraph, indicator.text_end + match.start("flat"))
            claims.append(GrowthClaim(indicator.id, match.group(0).lstrip("，,"), 0, None, "",
                                      "flat", where))
            continue
        unit = match.group("unit") or ""
        rest = after[match.end():]
        if not unit and indicator.unit and rest.startswith(indicator.unit):
            unit = indicator.unit
        elif not unit:
            continue  # a number without a unit after 增长: not a claim we can read
        where = locate(paragraph, indicator.text_end + match.start("digits"))
        if (where.line, where.column) in claimed:
            continue
        kind = {"%": "percent", "％": "percent", "个百分点": "points", "倍": "times"}.get(
            unit, "amount")
        claims.append(GrowthClaim(
            indicator.id, (match.group(0) + ("" if match.group("unit") else unit)).lstrip("，,"),
            1 if match.group("verb") in RISE else -1, Decimal(match.group("digits")),
            match.group("digits"), kind, where))
    return claims
