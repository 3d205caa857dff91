"""Reading content files as text, whatever editor saved them."""

from __future__ import annotations

import codecs
from pathlib import Path

from ..chinese import is_chinese
from ..errors import InputError, Problem
from ..model import Location


def read_text(path: Path, display: Path | None = None) -> str:
    """Return the file's text as UTF-8 with ``\\n`` line ends and no byte-order mark.

    Files saved by Windows tools in GBK/GB18030 are refused with a message that
    says so, rather than guessed at: a wrong guess would silently change figures.
    """
    where = Location(display or path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(Problem("file not found; create it or check the report folder",
                                 where)) from None
    except OSError as error:
        raise InputError(Problem(f"cannot read the file ({error.strerror})", where)) from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        hint = "save it as UTF-8"
        if _looks_like_gb18030(data):
            hint = "it looks saved as GBK/GB18030 (a Windows default); save it as UTF-8"
        raise InputError(Problem(f"not valid UTF-8 text: {hint}",
                                 Location(where.file, line))) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_like_gb18030(data: bytes) -> bool:
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return any(is_chinese(char) for char in text)
