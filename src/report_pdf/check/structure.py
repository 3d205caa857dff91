"""The structure tree of a tagged PDF: for each piece of marked content on a page,
the chain of structure types that holds it (Document, Part, P, Span …).

The check takes each line's role from here — a head is an H2, a body line
stands in a P of the report's Part, a chart label inside a Figure — never from
its type size, so that changing a size in the layout cannot change what the
check inspects.
"""

from __future__ import annotations

import pikepdf

Path = tuple[str, ...]
MAX_DEPTH = 64  # a structure tree deeper than this is broken, or hostile


def page_structures(pdf: pikepdf.Pdf) -> dict[int, tuple[Path | None, ...]]:
    """By a page's /StructParents key: the structure path of each MCID."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return {}
    role_map = {str(key): str(value) for key, value in root.get("/RoleMap", {}).items()}
    paths: dict[tuple[int, int], Path] = {}

    def path_of(element) -> Path:
        key = element.objgen
        if key != (0, 0) and key in paths:
            return paths[key]
        chain: list[str] = []
        node, depth = element, 0
        while isinstance(node, pikepdf.Dictionary) and "/S" in node and depth < MAX_DEPTH:
            kind = str(node.S)
            chain.append(role_map.get(kind, kind).lstrip("/"))
            node, depth = node.get("/P"), depth + 1
        path = tuple(reversed(chain))
        if key != (0, 0):
            paths[key] = path
        return path

    structures: dict[int, tuple[Path | None, ...]] = {}
    for number, elements in _number_tree(root.get("/ParentTree")):
        if isinstance(elements, pikepdf.Array):
            structures[number] = tuple(path_of(element) if isinstance(
                element, pikepdf.Dictionary) else None for element in elements)
    return structures


def _number_tree(node, depth: int = 0):
    """The (number, value) pairs of a PDF number tree."""
    if not isinstance(node, pikepdf.Dictionary) or depth > MAX_DEPTH:
        return
    numbers = node.get("/Nums")
    if isinstance(numbers, pikepdf.Array):
        for index in range(0, len(numbers) - 1, 2):
            yield int(numbers[index]), numbers[index + 1]
    for kid in node.get("/Kids", []):
        yield from _number_tree(kid, depth + 1)
