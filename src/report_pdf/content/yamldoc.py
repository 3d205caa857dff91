"""YAML files read as a tree of nodes that know their line and column.

Every scalar is kept as the text the editor typed: YAML's implicit typing
(``no`` becoming false, ``012`` becoming 10) has no place in a report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import InputError, Problem, ProblemCollector
from ..model import Location, SourceLine
from .reading import read_text

# libyaml's parser when PyYAML was built with it: ten times faster, same marks.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 20  # of nested lists and mappings; the content files use four at most


@dataclass(frozen=True)
class Node:
    """A YAML value: ``str`` for scalars, ``list`` for sequences, ``dict`` for mappings."""

    value: str | list[Node] | dict[str, Node] | None
    location: Location

    @property
    def kind(self) -> str:
        if self.value is None:
            return "nothing"
        if isinstance(self.value, str):
            return "text"
        return "a list" if isinstance(self.value, list) else "a mapping"


def load_yaml(path: Path, display: Path, text: str | None = None) -> Node:
    """Parse one YAML file (or ``text`` in its place); syntax errors carry the file,
    line and column."""
    text = read_text(path, display) if text is None else text
    if not text.strip():
        raise InputError(Problem("the file is empty", Location(display)))
    try:
        _check_shape(text, display)
        root = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Location(display, mark.line + 1, mark.column + 1) if mark else Location(display)
        what = error.problem or error.context or "invalid YAML"
        raise InputError(Problem(f"YAML syntax error: {what}", where)) from None
    except yaml.YAMLError as error:
        raise InputError(Problem(f"YAML error: {error}", Location(display))) from None
    if root is None:
        raise InputError(Problem("the file has no content, only comments", Location(display)))
    problems = ProblemCollector()
    node = _convert(root, display, problems)
    problems.raise_if_any()
    return node


def _check_shape(text: str, display: Path) -> None:
    """Refuse what no report needs and what could make reading it explode: an
    alias (``*name``, which repeats a part, and can nest repeats a billionfold
    or loop), lists or mappings nested deeper than ``MAX_DEPTH``, and tags
    (``!name``), which ask for a type where every value is text."""
    depth = 0
    for event in yaml.parse(text, Loader=SAFE_LOADER):
        where = Location(display, event.start_mark.line + 1, event.start_mark.column + 1)
        if isinstance(event, yaml.AliasEvent):
            raise InputError(Problem(f"a YAML alias (*{event.anchor}) repeats another part of "
                                     "the file; write the value out instead", where))
        tag = getattr(event, "tag", None)
        if tag not in (None, "!", "tag:yaml.org,2002:str"):
            raise InputError(Problem(f"a YAML tag ({tag}) asks for a type of value; a report's "
                                     "values are all text: delete the tag", where))
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise InputError(Problem(f"lists and mappings nested more than {MAX_DEPTH} "
                                         "deep: a report needs a few levels", where))
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def _convert(node: yaml.Node, display: Path, problems: ProblemCollector) -> Node:
    location = Location(display, node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:null":
            return Node(None, location)
        return Node(node.value, location)
    if isinstance(node, yaml.SequenceNode):
        return Node([_convert(item, display, problems) for item in node.value], location)
    mapping: dict[str, Node] = {}
    for key_node, value_node in node.value:
        key_location = Location(display, key_node.start_mark.line + 1,
                                key_node.start_mark.column + 1)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.add("a key must be plain text", key_location)
            continue
        if key_node.value in mapping:
            problems.add(f"key '{key_node.value}' appears twice in this mapping",
                         key_location)
        mapping[key_node.value] = _convert(value_node, display, problems)
    return Node(mapping, location)


class Fields:
    """Reads a mapping's fields one by one, collecting every problem on the way.

    Call :meth:`finish` at the end to report the keys nobody asked for.
    """

    def __init__(self, node: Node, problems: ProblemCollector, what: str):
        self.problems = problems
        self.what = what
        self.location = node.location
        self.ok = isinstance(node.value, dict)
        self._mapping: dict[str, Node] = node.value if self.ok else {}
        self._asked: set[str] = set()
        if not self.ok:
            problems.add(f"{what}: expected a mapping of keys to values, found {node.kind}",
                         node.location)

    def text(self, key: str, required: bool = True) -> str | None:
        node = self._get(key, required)
        if node is None:
            return None
        if not isinstance(node.value, str) or not node.value.strip():
            self.problems.add(f"{self.what}: '{key}' must be non-empty text, "
                              f"found {node.kind}", node.location)
            return None
        return node.value.strip()

    def number(self, key: str, required: bool = True, minimum: float = 0) -> float | None:
        node = self._get(key, required)
        if node is None:
            return None
        try:
            value = float(node.value) if isinstance(node.value, str) else None
        except ValueError:
            value = None
        if value is None or value != value or value < minimum or value > 1e6:
            self.problems.add(f"{self.what}: '{key}' must be a number of at least {minimum:g}, "
                              f"found {node.value if isinstance(node.value, str) else node.kind}",
                              node.location)
            return None
        return value

    def count(self, key: str, minimum: int) -> int | None:
        """An optional whole number of at least ``minimum``: a count, an ordinal."""
        node = self._get(key, required=False)
        if node is None:
            return None
        text = node.value.strip() if isinstance(node.value, str) else ""
        if not text.isascii() or not text.isdigit() or not minimum <= int(text) <= 10_000:
            self.problems.add(f"{self.what}: '{key}' must be a whole number of at least "
                              f"{minimum}, found {text or node.kind}", node.location)
            return None
        return int(text)

    def boolean(self, key: str, default: bool = False) -> bool:
        """An optional yes/no; YAML's spellings and Chinese 是/否 are understood."""
        node = self._get(key, required=False)
        if node is None:
            return default
        value = node.value.strip().lower() if isinstance(node.value, str) else None
        if value in ("true", "yes", "on", "是"):
            return True
        if value not in ("false", "no", "off", "否"):
            self.problems.add(f"{self.what}: '{key}' must be true or false, found "
                              f"{node.value if isinstance(node.value, str) else node.kind}",
                              node.location)
            return default
        return False

    def numbers(self, key: str, count: int) -> tuple[float, ...]:
        """A list of exactly ``count`` numbers, none negative."""
        nodes = self.list(key)
        try:
            values = tuple(float(node.value) for node in nodes)
        except (TypeError, ValueError):
            values = ()
        if nodes and (len(values) != count or any(not 0 <= value <= 1e6 for value in values)):
            self.problems.add(f"{self.what}: '{key}' must be a list of {count} numbers, like "
                              f"[{', '.join(['1'] * count)}]", self.location_of(key))
            return (0.0,) * count
        return values or (0.0,) * count

    def texts(self, key: str, required: bool = True) -> tuple[str, ...] | None:
        """A list of non-empty texts."""
        nodes = self.list(key, required)
        texts = tuple(node.value.strip() for node in nodes
                      if isinstance(node.value, str) and node.value.strip())
        if len(texts) != len(nodes) or (required and not texts):
            self.problems.add(f"{self.what}: '{key}' must be a list of names",
                              self.location_of(key))
            return None
        return texts

    def list(self, key: str, required: bool = True) -> list[Node]:
        """A list; the key given with nothing under it (``indicators:``) is an empty one."""
        if self._mapping.get(key) is not None and self._mapping[key].value is None:
            self._asked.add(key)
            return []
        node = self._get(key, required)
        if node is None:
            return []
        if not isinstance(node.value, list):
            self.problems.add(f"{self.what}: '{key}' must be a list, found {node.kind}",
                              node.location)
            return []
        return node.value

    def mapping(self, key: str, required: bool = True) -> Node | None:
        return self._get(key, required)

    def location_of(self, key: str) -> Location:
        node = self._mapping.get(key)
        return node.location if node is not None else self.location

    def finish(self) -> None:
        for key, node in self._mapping.items():
            if key not in self._asked:
                known = ", ".join(sorted(self._asked))
                self.problems.add(f"{self.what}: unknown key '{key}' (known keys: {known})",
                                  node.location)

    def _get(self, key: str, required: bool) -> Node | None:
        self._asked.add(key)
        node = self._mapping.get(key)
        if node is None or node.value is None:
            if required and self.ok:
                self.problems.add(f"{self.what}: missing '{key}'",
                                  node.location if node else self.location)
            return None
        return node



def yaml_texts(node: Node) -> list[SourceLine]:
    """Every one-line text value of a YAML tree, where it stands: what the lint reads."""
    if isinstance(node.value, str):
        return [] if "\n" in node.value else [SourceLine(node.value, node.location, 0)]
    children = node.value.values() if isinstance(node.value, dict) else (node.value or [])
    return [line for child in children for line in yaml_texts(child)]
