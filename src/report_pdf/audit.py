"""Stage 1b: audit the figures before anything is drawn or typeset.

Loading has already matched every declared indicator to its figure in the text
(so text and data cannot disagree without an error naming both). The audit
then proves two more things, and any failure stops the build:

* every Arabic number in the text is an indicator, or declared in
  ``not_indicators`` as something else (a year, a name such as “12345”);
* the relations the report implies hold, with the report's own rounding:
  ``hotline_received = hotline_answered + hotline_transferred``,
  ``hotline_completion_rate = hotline_completed / hotline_transferred`` (a
  percentage is compared at the precision the text gives it, 98% or 83.4%),
  ``review_cases_concluded <= review_cases_received``.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from .content import read_report
from .content.figures import Expression
from .content.indicators import digit_places, searched_texts, text_lines
from .errors import InputError, Problem, ProblemCollector
from .model import Indicator, Location, Relation, Report

NUMERAL = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _value(indicator: Indicator) -> Decimal:
    """A figure as a number: percentages as fractions, so 98% is 0.98."""
    return indicator.value / 100 if indicator.unit == "%" else indicator.value


def _evaluate(node: Expression, indicators: dict[str, Indicator]) -> Decimal:
    if node.op is None:
        return _value(indicators[node.name])
    left, right = _evaluate(node.left, indicators), _evaluate(node.right, indicators)
    if node.op == "/":
        if right == 0:
            raise ZeroDivisionError
        return left / right
    return {"+": left + right, "-": left - right, "*": left * right}[node.op]


def _as_stated(computed: Decimal, stated: Indicator) -> Decimal:
    """A computed value rounded as the text states the figure it is compared with."""
    places = len(stated.value_text.partition(".")[2])
    scale = Decimal(100) if stated.unit == "%" else Decimal(1)
    return (computed * scale).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP) / scale


def _holds(left: Decimal, comparison: str, right: Decimal) -> bool:
    return {"=": left == right, "≤": left <= right, "≥": left >= right, "<": left < right,
            ">": left > right}[comparison]


def check_relations(report: Report) -> list[Problem]:
    indicators = {indicator.id: indicator for indicator in report.indicators}
    problems = []
    for relation in report.relations:
        left, comparison, right = relation.parsed
        if not all(name in indicators for name in left.names() + right.names()):
            continue  # a figure not found: loading has said so, with its place
        try:
            left_value = _evaluate(left, indicators)
            right_value = _evaluate(right, indicators)
        except (ZeroDivisionError, InvalidOperation):
            problems.append(Problem(f"relation “{relation.text}” divides by zero",
                                    relation.location))
            continue
        # A lone figure on one side is stated with the text's rounding: compare the
        # other, computed side at that precision.
        if comparison == "=" and left.op is None:
            right_value = _as_stated(right_value, indicators[left.name])
        elif comparison == "=" and right.op is None:
            left_value = _as_stated(left_value, indicators[right.name])
        if _holds(left_value, comparison, right_value):
            continue
        problems.append(Problem(
            f"relation “{relation.text}” does not hold: {_show(left, indicators)} "
            f"{_negate(comparison)} {_show(right, indicators)}; "
            f"figures at {_places(relation, indicators)}", relation.location))
    return problems


def _show(node: Expression, indicators: dict[str, Indicator]) -> str:
    """A side of a relation with its figures, and its value when computed."""
    figures = {name: indicators[name].display_value + indicators[name].unit
               for name in node.names()}
    if node.op is None:
        return figures[node.name]
    value = _evaluate(node, indicators)
    if all(indicators[name].unit == "%" for name in node.names()) or node.op == "/":
        shown = f"{(value * 100).quantize(Decimal('0.01'), ROUND_HALF_UP)}%"
    else:
        shown = f"{value.normalize():f}"
    return f"{node.text(figures)} = {shown}"


def _negate(comparison: str) -> str:
    return {"=": "≠", "≤": ">", "≥": "<", "<": "≥", ">": "≤"}[comparison]


def _places(relation: Relation, indicators: dict[str, Indicator]) -> str:
    left, _, right = relation.parsed
    names = dict.fromkeys(left.names() + right.names())
    return ", ".join(f"{indicators[name].display_value}{indicators[name].unit} "
                     f"{indicators[name].found_at}" for name in names)


# ---------------------------------------------------------- numbers in the text

def claimed_places(report: Report) -> set[tuple[int, int]]:
    """(line, column) of every digit an indicator, a not_indicators entry or a
    growth claim accounts for."""
    claimed: set[tuple[int, int]] = set()
    for indicator in report.indicators:
        claimed |= digit_places(indicator)
    for declared in report.not_indicators:
        claimed.update(declared.digit_places)
    for claim in report.growth_claims:
        start = claim.location
        claimed.update((start.line, start.column + offset)
                       for offset in range(len(claim.value_text)))
    return claimed


def unaccounted_numbers(report: Report) -> list[Problem]:
    """Numbers of the text that are neither an indicator nor declared as no indicator."""
    claimed = claimed_places(report)
    problems = []
    for line_text, location in _text_lines(report):
        for match in NUMERAL.finditer(line_text):
            column = (location.column or 1) + match.start()
            if (location.line, column) in claimed:
                continue
            context = line_text[max(0, match.start() - 6):match.end() + 6]
            problems.append(Problem(
                f"the number {match.group()} in “{context}” is neither an indicator nor "
                "declared as something else: add it to indicators.yaml, or to its "
                "not_indicators with the reason (a year, a name)",
                Location(location.file, location.line, column)))
    return problems


def _text_lines(report: Report) -> list[tuple[str, Location]]:
    return text_lines(report.title_lines, report.title_line_locations,
                      searched_texts(report.blocks, report.sections), report.tables)


def audit(report: Report) -> None:
    """Raise InputError with every problem of the figures."""
    problems = ProblemCollector()
    problems.extend(audit_problems(report))
    problems.raise_if_any(InputError)


def audit_problems(report: Report, every_number: bool = True) -> list[Problem]:
    """``every_number``: also find the numbers nothing accounts for (not when
    indicators.yaml could not be read: every number would be reported)."""
    return ((unaccounted_numbers(report) if every_number else []) + check_relations(report)
            + check_growth_claims(report)[0])


def load_audited(folder: Path) -> Report:
    """Load a report folder and audit it: every problem of loading and of the
    audit together, in one InputError."""
    loaded = read_report(folder)
    problems = list(loaded.problems)
    if loaded.report is not None:
        problems += audit_problems(loaded.report, every_number=loaded.figures_read)
    if problems:
        raise InputError(problems)
    return loaded.report


# ------------------------------------------------------- changes against last year

def check_growth_claims(report: Report) -> tuple[list[Problem], list[str]]:
    """Each change the text states against last year, computed from last year's
    figure of the same id and compared at the precision the text gives: a wrong
    one is a problem naming both years' figures; one with nothing to check it
    against (no last year, no such figure, a 余/多) is a warning."""
    this_year = {indicator.id: indicator for indicator in report.indicators}
    last_year = report.last_year.indicators if report.last_year else {}
    problems, warnings = [], []
    for claim in report.growth_claims:
        now, before = this_year[claim.indicator], last_year.get(claim.indicator)
        what = f"“{now.display_value}{now.unit}，{claim.text}”"
        if before is None or before.value == 0 or now.approx or before.approx:
            why = ("there is no last year's report beside this one" if not report.last_year
                   else "last year's report has no figure of this id" if before is None
                   else "last year's figure is 0" if before.value == 0
                   else "a 余 or 多 leaves no exact change")
            warnings.append(f"{claim.location}: {what} cannot be checked: {why}")
            continue
        stated, computed = _claimed_and_computed(claim, now, before)
        if stated != computed:
            problems.append(Problem(
                f"{what} does not hold against last year's {before.display_value}"
                f"{before.unit} ({before.found_at}): the figures give {computed}",
                claim.location))
    return problems, warnings


def _claimed_and_computed(claim, now: Indicator, before: Indicator) -> tuple[str, str]:
    """The change as the text states it and as the figures give it, both written
    at the text's precision."""
    places = len(claim.value_text.partition(".")[2])
    quantum = Decimal(1).scaleb(-places)
    if claim.kind == "flat":
        return "持平", "持平" if now.value == before.value else f"{now.value - before.value:+f}"
    change = {"percent": (now.value - before.value) / before.value * 100,
              "points": now.value - before.value,
              "times": now.value / before.value - 1,
              "amount": now.value - before.value}[claim.kind]
    suffix = {"percent": "%", "points": "个百分点", "times": "倍", "amount": now.unit}[claim.kind]
    computed = change.quantize(quantum, ROUND_HALF_UP)
    stated = claim.sign * claim.value.quantize(quantum)
    return f"{stated:+f}{suffix}", f"{computed:+f}{suffix}"
