"""Import WeasyPrint without what it does not need here, which costs a build's start,
and without one cost of its PDF writer that grows with the square of the pages.

Two things slow its import and are not needed:

* cffi looks up each library by several names (``libpango-1.0-0``, ``pango-1.0-0``,
  ``pango-1.0`` …), and every name that is not a file name goes through
  :func:`ctypes.util.find_library`, which on Linux runs ``ldconfig -p`` and then
  a C compiler to find it: tens of milliseconds a name. While WeasyPrint
  loads, that lookup asks the dynamic loader for ``lib<name>.so.0`` and
  ``lib<name>.so`` instead: it finds the same libraries, and runs no program.
* ``fontTools.subset`` is imported at once, though HarfBuzz does the
  subsetting; it is made lazy: loaded on first use, which happens only when
  WeasyPrint falls back to fontTools.

And one thing slows writing a long tagged PDF: every structure element WeasyPrint
tags names its page through pydyf's ``PDF.page_references``, a property that
makes the references of all pages anew on each call (20,000 calls of 301
references for a 301-page report: about a second). :func:`keep_page_references`
makes it keep them while the page list has not grown: the same values, so the
same bytes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import importlib.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

# Imported by WeasyPrint, used only when HarfBuzz cannot subset a font. (The
# instancer it imports from fontTools.varLib cannot be made lazy: a name is taken
# from it at once.)
LAZY_MODULES = ("fontTools.subset",)


@contextmanager
def libraries_by_soname() -> Iterator[None]:
    """ctypes.util.find_library answered from the dynamic loader's own search."""
    original = ctypes.util.find_library
    ctypes.util.find_library = _find_by_soname
    try:
        yield
    finally:
        ctypes.util.find_library = original


@cache
def _find_by_soname(name: str) -> str | None:
    for candidate in (f"lib{name}.so.0", f"lib{name}.so"):
        try:
            ctypes.CDLL(candidate)
        except OSError:
            continue
        return candidate
    return None


def keep_page_references() -> None:
    """pydyf's ``PDF.page_references`` made once per number of pages (pydyf only
    ever appends pages); left as it is if pydyf has none."""
    import pydyf

    made = getattr(pydyf.PDF, "page_references", None)
    if not isinstance(made, property) or getattr(made.fget, "kept", False):
        return

    def page_references(pdf) -> tuple[bytes, ...]:
        count = len(pdf.pages["Kids"])
        kept = pdf.__dict__.get("_kept_page_references")
        if kept is None or kept[0] != count:
            kept = pdf.__dict__["_kept_page_references"] = (count, made.fget(pdf))
        return kept[1]

    page_references.kept = True
    pydyf.PDF.page_references = property(page_references)


def make_lazy(names: tuple[str, ...] = LAZY_MODULES) -> None:
    """Register each module, not yet imported, to be executed on first use."""
    for name in names:
        if name in sys.modules:
            continue
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            continue
        spec.loader = importlib.util.LazyLoader(spec.loader)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        parent, _, child = name.rpartition(".")
        setattr(sys.modules[parent], child, module)
