"""A joint document's signature (联合行文, GB/T 9704 7.3.5.1, 7.3.5.2): every
issuer's name, the lead first, stacked without seals, or side by side under
their seals."""

from __future__ import annotations

import dataclasses
import math

from .compose import Measure
from .document_parts import Signature
from .errors import InputError, Problem
from .layout import PT_PER_MM, Layout
from .model import Location
from .plan_parts import RunLine, SignatureBlock, note_line, runs_at, sealed_rows
from .plan_seal import sealed_placement
from .roles import Role


def joint_signature_block(signature: Signature, measure: Measure, layout: Layout,
                          source: Location, note: str | None) -> SignatureBlock:
    names = [issuer.authority for issuer in signature.joint]
    if signature.seal:
        block = _side_by_side(signature, names, measure, layout, source)
    else:
        block = _stacked(signature, names, measure, layout, source)
    if note:
        block = dataclasses.replace(block, lines=block.lines + (
            note_line(note, measure, layout, source),), gaps=block.gaps + (0,),
            rows_after=max(0, block.rows_after - 1))
    return block


def _stacked(signature: Signature, names: list[str], measure: Measure, layout: Layout,
             source: Location) -> SignatureBlock:
    """7.3.5.2: the lead's name first and the others under it, starting together,
    the longest two characters in from the right; the date on the next line,
    two characters right of their start (a longer date ends two characters in)."""
    two = 2 * layout.char_pitch_pt
    width = layout.text_width_pt
    left = width - two - max(measure(name, Role.BODY) for name in names)
    date_width = measure(signature.date, Role.BODY)
    date_left = left + two
    if date_left + date_width > width - two:
        date_left = width - two - date_width
        left = date_left - two
    if left < 0:
        raise InputError(Problem("the joint signature's names and date do not fit on their "
                                 "lines as GB/T 9704 7.3.5.2 sets them: shorten the names",
                                 source))
    lines = tuple(runs_at([(name, Role.BODY, left)], measure) for name in names)
    lines += (runs_at([(signature.date, Role.BODY, date_left)], measure),)
    return SignatureBlock(lines, source, 1, 0)


def _side_by_side(signature: Signature, names: list[str], measure: Measure, layout: Layout,
                  source: Location) -> SignatureBlock:
    """7.3.5.1: the names side by side in order, each under its seal, the seals in
    rows, aligned and apart (不相交或相切), inside the text block; the last name
    centred on the date, four characters in, its seal pressing on both; the first
    row's seals' top within one line of the text above."""
    pitch, width = layout.line_pitch_pt, layout.text_width_pt
    diameter = layout.seal_diameter_mm * PT_PER_MM
    widest = max(measure(name, Role.BODY) for name in names)
    # From one seal's middle to the next: the seals apart, and the names too, a
    # character between them.
    slot = max(diameter + layout.seal_joint_gap_mm * PT_PER_MM, widest + layout.char_pitch_pt)
    date_width = measure(signature.date, Role.BODY)
    date_left = width - 4 * layout.char_pitch_pt - date_width
    centre = date_left + date_width / 2
    columns = min(len(names), 1 + math.floor((centre - max(diameter, widest) / 2) / slot
                                             + 1e-9))
    if columns < 1:
        raise InputError(Problem(
            "the joint signature's names are too long to stand under their seals "
            f"({layout.seal_diameter_mm:g} mm) in the text block: shorten them", source))
    count = math.ceil(len(names) / columns)
    step = max(1, math.ceil(slot / pitch - 1e-9))  # rows from one row of seals to the next
    blank, rows_after = sealed_rows(layout)
    rows: list[RunLine] = []
    seals = []
    for row in range(count):
        chunk = names[row * columns:(row + 1) * columns]
        centres = [centre - (len(chunk) - 1 - index) * slot for index in range(len(chunk))]
        rows.append(runs_at([(name, Role.BODY, middle - measure(name, Role.BODY) / 2)
                             for name, middle in zip(chunk, centres, strict=True)], measure))
        for issuer, middle in zip(signature.joint[row * columns:], centres, strict=False):
            if issuer.image is not None:
                placed = sealed_placement(issuer.image, middle, layout)
                seals.append(dataclasses.replace(placed, top=placed.top + row * step * pitch))
    lines = tuple(rows) + (runs_at([(signature.date, Role.BODY, date_left)], measure),)
    return SignatureBlock(lines, source, blank, rows_after, (step - 1,) * (count - 1) + (0,),
                          tuple(seals))
