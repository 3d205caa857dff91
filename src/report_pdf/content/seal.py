"""report.yaml's ``seal_image``: an image of the seal, or of the 签名章, to print.

It is read only when report.yaml asks for it, and used only when it is the file
report.yaml pins by its sha256: an image changed or swapped since it was
approved is refused, never printed. The file is best kept outside the
repository (``../seals/``, beside the report folders), like an office's fonts.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..document_parts import SealImage
from ..errors import ProblemCollector, display_path
from ..model import Location
from ..seal_drawing import SealRefused, png_drawing, svg_drawing

MAX_SEAL_BYTES = 5 * 2**20
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")
WHAT = "document: signature: seal_image"


def read_seal_image(folder: Path, written: str, pinned: str, where: Location,
                    pin_where: Location, problems: ProblemCollector) -> SealImage | None:
    """The image ``written`` (relative to the report ``folder``), when it is the
    file of sha256 ``pinned`` and can be printed as a seal; else None, with the
    problems added."""
    path = folder / written
    suffix = path.suffix.lower()
    if not SHA256.match(pinned):
        problems.add(f"document: signature: seal_sha256 must be the 64 hexadecimal digits of "
                     f"the image's sha256 (sha256sum {written}), found '{pinned[:80]}'",
                     pin_where)
        return None
    if suffix not in (".png", ".svg"):
        problems.add(f"{WHAT} '{written}' must be a .png or .svg file", where)
        return None
    data = _read(path, written, where, problems)
    if data is None:
        return None
    actual = hashlib.sha256(data).hexdigest()
    if actual != pinned.lower():
        problems.add(f"{WHAT} '{written}' has sha256 {actual}, not the {pinned.lower()} that "
                     "seal_sha256 pins: the image was changed or swapped since it was "
                     "approved. Put the approved file back; or, if this file is the "
                     f"office's approved seal image, pin it with seal_sha256: {actual}",
                     pin_where)
        return None
    is_png = data.startswith(PNG_SIGNATURE)
    if is_png != (suffix == ".png"):
        found = "a PNG" if is_png else "not a PNG"
        problems.add(f"{WHAT} '{written}' is named {suffix} but its content is {found}: "
                     "give the file its own extension", where)
        return None
    try:
        drawing = png_drawing(data) if is_png else svg_drawing(data)
    except SealRefused as refusal:
        problems.add(f"{WHAT} '{written}' cannot be printed as a seal: {refusal}", where)
        return None
    return SealImage(Path(written), actual, drawing.svg, drawing.width, drawing.height, where)


def _read(path: Path, written: str, where: Location,
          problems: ProblemCollector) -> bytes | None:
    shown = display_path(path.resolve())
    try:
        if not path.exists():
            problems.add(f"{WHAT} '{written}': no such file ({shown}); the path is relative "
                         "to the report folder", where)
            return None
        if not path.is_file():
            problems.add(f"{WHAT} '{written}' is not a file ({shown})", where)
            return None
        size = path.stat().st_size
        if size > MAX_SEAL_BYTES:
            problems.add(f"{WHAT} '{written}' is {size / 2**20:.1f} MB, more than the "
                         f"{MAX_SEAL_BYTES // 2**20} MB a seal image may be", where)
            return None
        return path.read_bytes()
    except OSError as error:
        problems.add(f"{WHAT} '{written}' cannot be read ({error.strerror})", where)
        return None
