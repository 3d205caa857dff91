"""Chinese characters and numerals: what counts as Chinese, and 一 … 九百九十九."""

from __future__ import annotations

import unicodedata

DIGITS = "一二三四五六七八九"
NUMERAL_CHARACTERS = DIGITS + "十百零〇"  # what a numeral such as 一百零三 is written with


def is_chinese(char: str) -> bool:
    """Chinese characters and full-width punctuation: East Asian wide or full width.

    The same test says how many columns a character takes in a terminal.
    """
    return bool(char) and unicodedata.east_asian_width(char) in "WF"


def chinese_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23, 一百零五 → 105; None for anything else."""
    if not text or any(char not in NUMERAL_CHARACTERS for char in text):
        return None
    hundreds, marker, rest = text.rpartition("百")
    if marker:
        if len(hundreds) != 1 or hundreds not in DIGITS:
            return None
        if rest[:1] in ("零", "〇"):
            if len(rest) != 2 or rest[1] not in DIGITS:
                return None
            return (DIGITS.index(hundreds) + 1) * 100 + DIGITS.index(rest[1]) + 1
        below = _below_hundred(rest, in_hundreds=True) if rest else 0
        return None if below is None else (DIGITS.index(hundreds) + 1) * 100 + below
    return _below_hundred(text, in_hundreds=False)


def _below_hundred(text: str, in_hundreds: bool) -> int | None:
    if "十" not in text:
        return DIGITS.index(text) + 1 if len(text) == 1 and text in DIGITS else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or (tens and tens not in DIGITS) \
            or (ones and ones not in DIGITS) or (in_hundreds and not tens):
        return None
    return (DIGITS.index(tens) + 1 if tens else 1) * 10 + (DIGITS.index(ones) + 1 if ones else 0)


def chinese_numeral(number: int) -> str:
    """1 → 一, 12 → 十二, 23 → 二十三, 105 → 一百零五 (1 to 999)."""
    if not 1 <= number <= 999:
        raise ValueError(f"{number} is not between 1 and 999")
    hundreds, below = divmod(number, 100)
    if not hundreds:
        tens, ones = divmod(below, 10)
        if not tens:
            return DIGITS[ones - 1]
        return (DIGITS[tens - 1] if tens > 1 else "") + "十" + (DIGITS[ones - 1] if ones else "")
    text = DIGITS[hundreds - 1] + "百"
    if not below:
        return text
    if below < 10:
        return text + "零" + DIGITS[below - 1]
    tens, ones = divmod(below, 10)
    return text + DIGITS[tens - 1] + "十" + (DIGITS[ones - 1] if ones else "")
