"""Declarations suggested for the numbers of the text that nothing accounts for.

``python -m report_pdf indicators --suggest`` prints, for each such number, an
entry ready to paste into indicators.yaml: an indicator with an id stub, a
label guessed from its clause, its unit and the shortest words before (or
after) it that find it alone; or, for a year or a quoted name, a
``not_indicators`` entry. A new year's indicators.yaml is then reviewed rather
than typed. Every suggestion is proved before it is printed: the report is
loaded again with them all added, and must then account for every number.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .audit import claimed_places, unaccounted_numbers
from .content import load_report
from .content.claims import FALL, RISE
from .content.indicators import (
    FIGURE,
    IndicatorDeclaration,
    SearchedText,
    approx_of,
    locate,
    searched_texts,
)
from .errors import InputError, Problem
from .model import BodyTable, Location
from .project import INDICATORS_FILE

# Units in the order they are tried: the longest first where one starts another.
UNITS = ("个工作日", "个百分点", "家（次）", "人（次）", "件（次）", "人次", "户次", "家次",
         "件次", "余人", "个", "件", "项", "次", "家", "人", "名", "条", "份", "场", "期", "篇",
         "部", "户", "起", "宗", "天", "日", "小时", "元", "所", "处", "批", "类", "支", "台",
         "套", "册", "本", "轮", "年", "月", "倍", "%", "％")
MAGNITUDES = ("万", "亿", "千", "百")
CLAUSE_END = "，。；：、！？,;:!?（）()“”《》\n"
YEAR = re.compile(r"(?:19|20)[0-9]{2}(?:[—–-](?:19|20)[0-9]{2})?年")
QUOTED = re.compile(r"“[^“”\n]{0,10}[0-9][^“”\n]{0,10}”")
GROWTH_BEFORE = re.compile(r"[0-9](?:余|多)?[^0-9，。；、]{0,8}[，,]?(?:同比|比上年|较上年)(?:"
                           + "|".join(RISE + FALL) + ")$")
MIN_WORDS = 4
MAX_WORDS = 12  # of the words a finder takes before or after a figure
MAX_LABEL = 30


@dataclass(frozen=True)
class Suggestion:
    """One entry for indicators.yaml, as the lines to paste."""

    list_name: str  # "indicators" or "not_indicators"
    lines: tuple[str, ...]
    location: Location  # of the number it accounts for


def suggest(folder: Path) -> tuple[list[Suggestion], list[Problem]]:
    """The suggestions for a report's unaccounted numbers, and the numbers left
    unaccounted even with them all (none, unless a guess went wrong)."""
    report = load_report(folder)
    texts = searched_texts(report.blocks, report.sections)
    claimed = claimed_places(report)
    taken_ids = {indicator.id for indicator in report.indicators}
    suggestions: list[Suggestion] = []
    names: dict[str, Suggestion] = {}  # not_indicators by text: one entry covers all
    for text in texts:
        paragraph = text.paragraph
        for match in re.finditer(FIGURE, paragraph.text):
            place = locate(paragraph, match.start("digits"))
            if (place.line, place.column) in claimed or _is_growth_claim(paragraph.text, match):
                continue
            name = _not_an_indicator(paragraph.text, match)
            if name is not None:
                if name[0] not in names:
                    names[name[0]] = Suggestion("not_indicators", _name_lines(*name), place)
                    suggestions.append(names[name[0]])
                continue
            suggestions.append(_indicator(text, match, texts, place, taken_ids, claimed))
    for table in report.tables:
        suggestions += _table_suggestions(table, claimed, taken_ids)
    for line, place in zip(report.title_lines, report.title_line_locations, strict=True):
        for match in re.finditer(FIGURE, line):
            at = (place.line, (place.column or 1) + match.start())
            if at in claimed:
                continue
            name = _not_an_indicator(line, match) or (match.group(0), "标题中的数字（请核对）")
            if name[0] not in names:
                names[name[0]] = Suggestion("not_indicators", _name_lines(*name),
                                            Location(place.file, *at))
                suggestions.append(names[name[0]])
    suggestions.sort(key=lambda item: (item.list_name != "indicators", item.location.line or 0,
                                       item.location.column or 0))
    return suggestions, _left_unaccounted(folder, suggestions)


def render(suggestions: list[Suggestion]) -> str:
    """The suggestions as YAML, each list under a comment saying where it goes."""
    out = []
    for list_name, heading in (
            ("indicators", "贴到 indicators: 列表的末尾；改好 id 和 label，核对单位"),
            ("not_indicators", "贴到 not_indicators: 列表的末尾（文件里没有这个列表时，"
                               "先加一行 not_indicators:）")):
        entries = [item for item in suggestions if item.list_name == list_name]
        if not entries:
            continue
        out.append(f"# {len(entries)} 条，{heading}")
        for item in entries:
            out.append(f"  # {item.location}")
            out.extend(item.lines)
    return "\n".join(out) + "\n" if out else ""


def paste(indicators_yaml: str, suggestions: list[Suggestion]) -> str:
    """indicators.yaml with the suggestions appended to its lists (made when absent):
    what a user does by hand with :func:`render`'s output."""
    text = indicators_yaml.rstrip("\n") + "\n"
    for list_name in ("indicators", "not_indicators"):
        lines = [line for item in suggestions if item.list_name == list_name
                 for line in item.lines]
        if not lines:
            continue
        header = re.search(rf"^{list_name}:[ \t]*(\[\])?[ \t]*$", text, re.MULTILINE)
        if header is None:
            text += f"{list_name}:\n" + "\n".join(lines) + "\n"
            continue
        text = text[:header.start()] + f"{list_name}:" + text[header.end():] \
            if header.group(1) else text
        header = re.search(rf"^{list_name}:[ \t]*$", text, re.MULTILINE)
        following = re.search(r"^[^\s#-]", text[header.end():], re.MULTILINE)
        end = header.end() + following.start() if following else len(text)
        block = text[:end].rstrip("\n") + "\n" + "\n".join(lines) + "\n"
        text = block + ("\n" + text[end:] if following else "")
    return text


# ----------------------------------------------------------------- guesses

def _is_growth_claim(text: str, match: re.Match) -> bool:
    """A change against last year right after a figure (“1046件，同比增长8.2%”): the
    audit reads it by itself once that figure is an indicator."""
    return GROWTH_BEFORE.search(text[:match.start()]) is not None


def _not_an_indicator(text: str, match: re.Match) -> tuple[str, str] | None:
    """A year (2019年, 2021—2025年) or a name in quotes (“12345”), as the text
    writes it and why it is no figure."""
    for pattern, why in ((YEAR, "年份"), (QUOTED, "名称（引号里的数字）")):
        for found in pattern.finditer(text):
            if found.start() <= match.start() < found.end():
                return found.group(0), why
    return None


def _unit_at(text: str, at: int) -> str | None:
    """The unit written at ``at``, just after a figure (and its 余 or 多)."""
    rest = text[at:]
    magnitude = next((word for word in MAGNITUDES if rest.startswith(word)), "")
    after = rest[len(magnitude):]
    after = after[1:] if magnitude and after[:1] in ("余", "多") else after
    unit = next((unit for unit in UNITS if after.startswith(unit)), None)
    if unit is None and after[:1] and "\u4e00" <= after[0] <= "\u9fff":
        unit = after[0]
    if unit is None:
        return magnitude or None
    return magnitude + unit


def _indicator(text: SearchedText, match: re.Match, texts: list[SearchedText],
               place: Location, taken_ids: set[str], claimed: set[tuple[int, int]]
               ) -> Suggestion:
    """An indicator for the figure; one stated again in the same words (and the
    same figure) is declared once, and its other places are added to ``claimed``."""
    paragraph = text.paragraph.text
    unit = _unit_at(paragraph, match.end())
    if unit is None:
        return Suggestion("not_indicators", _name_lines(
            _context(paragraph, match), "没有单位的数字（编号？请核对，是指标就改写成指标）"),
            place)
    indicator_id = _free_id(f"figure_{place.line}_{place.column}", taken_ids)
    finder, repeats = _finder(paragraph, match, unit, texts, text, claimed)
    lines = [f"  - id: {indicator_id}", f"    label: {_scalar(_label(paragraph, match, unit))}",
             f"    unit: {_scalar(unit)}"]
    lines += [f"    {key}: {_scalar(value) if isinstance(value, str) else value}"
              for key, value in finder.items()]
    if repeats:
        lines.append(f"    # 同样的字和数也在 {', '.join(str(at) for at in repeats)}："
                     "不是同一件事时，删去 occurrences，改写 nth")
        claimed.update((at.line, at.column) for at in repeats)
    return Suggestion("indicators", tuple(lines), place)


def _context(paragraph: str, match: re.Match) -> str:
    """The number with a character of text either side, so as to name no other
    figure (values are read stripped: a space does not count)."""
    for reach in range(1, MAX_WORDS):
        context = paragraph[max(0, match.start() - reach):match.end() + reach].strip()
        before, _, after = context.partition(match.group(0))
        if before.strip() and after.strip() or len(context) == len(paragraph.strip()):
            return context
    return context


def _finder(paragraph: str, match: re.Match, unit: str, texts: list[SearchedText],
            own: SearchedText, claimed: set[tuple[int, int]]
            ) -> tuple[dict[str, str | int], list[Location]]:
    """The fewest words before the figure (else after it) that match it alone,
    with the other places of a fact stated again in its clause's words; failing
    those, its place among the figures the words match (nth)."""
    before = _words_before(paragraph, match.start())
    after = _words_after(paragraph, match.end() + len(unit) + _approx_after_unit(paragraph,
                                                                                 match, unit))
    # Whole words read better than the fewest characters: start from four, or from
    # the clause when it is shorter, and take more until they find the figure alone.
    clause = len(before) - max((before.rfind(mark) for mark in CLAUSE_END), default=-1) - 1
    first = clause if 0 < clause < MIN_WORDS else min(MIN_WORDS, len(before))
    sizes = range(max(first, 1), len(before) + 1)
    tries = [{"preceded_by": before[-size:]} for size in sizes]
    tries += [{"preceded_by": before[-2:], "followed_by": after[:size]}
              for size in range(1, len(after) + 1) if len(before) >= 2]
    tries += [{"followed_by": after[:size]} for size in range(1, len(after) + 1)]
    # Text is read back stripped: words with a space at either end find nothing.
    tries = [finder for finder in tries
             if all(value and value == value.strip() for value in finder.values())]
    figure = match.group(0)
    for finder in tries:
        hits = _hits(finder, unit, texts)
        if len(hits) == 1:
            return finder, []
        if 0 < clause == len(finder.get("preceded_by", "")) and len(finder) == 1 and all(
                found.group("digits") + approx_of(found) == figure for _, found in hits):
            places = [locate(text.paragraph, found.start("digits")) for text, found in hits]
            if places[0] == locate(own.paragraph, match.start("digits")) and \
                    all((at.line, at.column) not in claimed for at in places):
                return {**finder, "occurrences": len(hits)}, places[1:]
    finder = next((finder for key in ("preceded_by", "followed_by") for finder in tries
                   if list(finder) == [key]), {"preceded_by": before})
    hits = _hits(finder, unit, texts)
    index = next(number for number, (text, found) in enumerate(hits, start=1)
                 if text is own and found.start("digits") == match.start("digits"))
    return {**finder, "nth": index}, []


def _approx_after_unit(paragraph: str, match: re.Match, unit: str) -> int:
    """1 when a 余 or 多 stands inside a unit of 万 or 亿 (12万余份), else 0."""
    written = paragraph[match.end():match.end() + len(unit) + 1]
    return 1 if unit[:1] in MAGNITUDES and written[1:2] in ("余", "多") else 0


def _hits(finder: dict[str, str], unit: str, texts: list[SearchedText]
          ) -> list[tuple[SearchedText, re.Match]]:
    pattern = IndicatorDeclaration("x", "x", unit, finder.get("preceded_by", ""),
                                   finder.get("followed_by", ""), Location(Path("."))).pattern
    return [(text, found) for text in texts for found in pattern.finditer(text.paragraph.text)]


def _words_before(text: str, end: int) -> str:
    """Up to MAX_WORDS characters before ``end``, none of them a digit."""
    start = end
    while start > 0 and end - start < MAX_WORDS and not text[start - 1].isdigit() \
            and text[start - 1] not in "%％.":
        start -= 1
    return text[start:end]


def _words_after(text: str, start: int) -> str:
    end = start
    while end < len(text) and end - start < MAX_WORDS and not text[end].isdigit():
        end += 1
    return text[start:end]


def _label(text: str, match: re.Match, unit: str) -> str:
    """The clause up to the figure; when the figure opens its clause, the words
    after its unit."""
    start = match.start()
    while start > 0 and text[start - 1] not in CLAUSE_END:
        start -= 1
    words = text[start:match.start()].strip()
    if not words:
        end = match.end() + len(unit)
        while end < len(text) and text[end] not in CLAUSE_END and end - match.end() < MAX_LABEL:
            end += 1
        words = text[match.end() + len(unit):end].strip() or unit
    return words[-MAX_LABEL:]


def _table_suggestions(table: BodyTable, claimed: set[tuple[int, int]],
                       taken_ids: set[str]) -> list[Suggestion]:
    suggestions = []
    for row in table.rows:
        for column, cell in enumerate(row[1:], start=1):
            match = re.fullmatch(FIGURE + r"(.*)", cell.text)
            place = (cell.location.line, cell.location.column)
            if match is None or place in claimed or column >= len(table.header):
                continue
            header = table.header[column].text
            in_brackets = re.search(r"[（(]([^（）()]+)[）)]$", header)
            unit = match.group(3) or (in_brackets.group(1) if in_brackets else "个")
            lines = (f"  - id: {_free_id(f'table{table.number}_{place[0]}_{column}', taken_ids)}",
                     f"    label: {_scalar((row[0].text + header)[:MAX_LABEL])}",
                     f"    unit: {_scalar(unit)}" + ("" if match.group(3) or in_brackets
                                                     else "  # 请核对单位"),
                     f"    table: 表{table.number}", f"    row: {_scalar(row[0].text)}",
                     f"    column: {_scalar(header)}")
            suggestions.append(Suggestion("indicators", lines, cell.location))
    return suggestions


def _name_lines(text: str, why: str) -> tuple[str, ...]:
    return (f"  - text: {_scalar(text)}", f"    why: {_scalar(why)}")


def _free_id(stem: str, taken: set[str]) -> str:
    candidate, number = stem, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}_{number}"
    taken.add(candidate)
    return candidate


def _scalar(text: str) -> str:
    """Text as a YAML scalar: plain when that reads back the same, else quoted."""
    if re.fullmatch(r"[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f][^:#\x00-\x1f]*", text) \
            and not text.endswith(" ") and ": " not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def _left_unaccounted(folder: Path, suggestions: list[Suggestion]) -> list[Problem]:
    """The problems that remain with the suggestions pasted into indicators.yaml
    (numbers still unaccounted, a finder that failed): none, unless a guess failed."""
    if not suggestions:
        return []
    pasted = paste((folder / INDICATORS_FILE).read_text(encoding="utf-8"), suggestions)
    try:
        return unaccounted_numbers(load_report(folder, with_last_year=False,
                                               indicators_text=pasted))
    except InputError as error:
        return error.problems
