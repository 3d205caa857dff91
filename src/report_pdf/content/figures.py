"""The rest of indicators.yaml: the relations between figures, and the numbers
of the text that are not figures (``not_indicators``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ProblemCollector
from ..model import Location, NotIndicator, Relation
from .yamldoc import Fields, Node

COMPARISONS = {"=": "=", "<=": "≤", ">=": "≥", "<": "<", ">": ">", "≤": "≤", "≥": "≥"}
MAX_NAMES = 100  # indicators in one relation
MAX_BRACKETS = 10  # brackets inside brackets
TOKEN = re.compile(r"\s*(?:(?P<name>[a-z][a-z0-9_]*)|(?P<op><=|>=|[=<>≤≥+\-*/()]))")


@dataclass(frozen=True)
class Expression:
    """An arithmetic expression over indicators, parsed from a relation."""

    op: str | None  # None for a single indicator
    name: str | None = None
    left: Expression | None = None
    right: Expression | None = None

    def names(self) -> list[str]:
        if self.op is None:
            return [self.name]
        return self.left.names() + self.right.names()

    def text(self, values: dict[str, str] | None = None) -> str:
        if self.op is None:
            return values[self.name] if values else self.name
        return f"{self.left.text(values)} {self.op} {self.right.text(values)}"


def parse_relation(text: str) -> tuple[Expression, str, Expression]:
    """Parse ``a = b + c``; raise ValueError saying what is wrong."""
    tokens = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise ValueError(f"cannot read “{text[position:].strip()}”: a relation is made of "
                             "indicator ids, + - * / ( ) and one of = <= >= < >")
        tokens.append(match.group("name") or match.group("op"))
        position = match.end()
    names = sum(1 for token in tokens if token[0].isalpha())
    depth = deepest = 0
    for token in tokens:
        depth += {"(": 1, ")": -1}.get(token, 0)
        deepest = max(deepest, depth)
    if names > MAX_NAMES or deepest > MAX_BRACKETS:
        raise ValueError(f"a relation may name at most {MAX_NAMES} indicators and nest "
                         f"brackets {MAX_BRACKETS} deep (this one: {names}, {deepest}): "
                         "write it as several relations")
    comparisons = [token for token in tokens if token in COMPARISONS]
    if len(comparisons) != 1:
        raise ValueError("a relation needs exactly one of = <= >= < >")
    split = tokens.index(comparisons[0])
    return _expression(tokens[:split]), COMPARISONS[comparisons[0]], _expression(
        tokens[split + 1:])


def _expression(tokens: list[str]) -> Expression:
    stream = list(tokens)

    def expect_operand() -> Expression:
        if not stream:
            raise ValueError("an operator has nothing after it")
        token = stream.pop(0)
        if token == "(":
            node = sum_()
            if not stream or stream.pop(0) != ")":
                raise ValueError("a bracket is not closed")
            return node
        if not re.fullmatch(r"[a-z][a-z0-9_]*", token):
            raise ValueError(f"“{token}” where an indicator id was expected")
        return Expression(None, token)

    def product() -> Expression:
        node = expect_operand()
        while stream and stream[0] in "*/":
            node = Expression(stream.pop(0), left=node, right=expect_operand())
        return node

    def sum_() -> Expression:
        node = product()
        while stream and stream[0] in "+-":
            node = Expression(stream.pop(0), left=node, right=product())
        return node

    node = sum_()
    if stream:
        raise ValueError(f"unexpected “{stream[0]}”")
    return node


def read_relations(entries: list[Node], declared: set[str],
                   problems: ProblemCollector) -> list[Relation]:
    relations = []
    for entry in entries:
        if not isinstance(entry.value, str) or not entry.value.strip():
            problems.add(f"relation: expected text like 'a = b + c', found {entry.kind}",
                         entry.location)
            continue
        text = " ".join(entry.value.split())
        try:
            parsed = parse_relation(text)
        except ValueError as error:
            shown = text if len(text) <= 60 else text[:60] + "…"
            problems.add(f"relation “{shown}”: {error}", entry.location)
            continue
        left, _, right = parsed
        unknown = [name for name in dict.fromkeys(left.names() + right.names())
                   if name not in declared]
        for name in unknown:
            problems.add(f"relation “{text}” names '{name}', which is not an indicator "
                         "declared above", entry.location)
        if not unknown:
            relations.append(Relation(text, parsed, entry.location))
    return relations


def read_not_indicators(entries: list[Node], lines: list[tuple[str, Location]],
                        problems: ProblemCollector) -> list[NotIndicator]:
    """``lines``: every text that may hold figures, with where it starts."""
    declared = []
    for entry in entries:
        fields = Fields(entry, problems, "not_indicators entry")
        text = fields.text("text")
        why = fields.text("why")
        fields.finish()
        if text is None or why is None:
            continue
        if not re.search(r"[0-9]", text):
            problems.add(f"not_indicators: “{text}” has no digits; only numbers need "
                         "declaring", fields.location_of("text"))
            continue
        places = set()
        for line_text, location in lines:
            for match in re.finditer(re.escape(text), line_text):
                places.update((location.line, (location.column or 1) + match.start() + offset)
                              for offset, char in enumerate(text) if char.isdigit())
        if not places:
            problems.add(f"not_indicators: “{text}” is not in the text; remove it",
                         fields.location_of("text"))
            continue
        declared.append(NotIndicator(text, why, fields.location, frozenset(places)))
    return declared
