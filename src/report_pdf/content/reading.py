"""Reading content files as text, whatever editor saved them."""

from __future__ import annotations

import codecs
import re
import stat
from pathlib import Path

from ..chinese import is_chinese
from ..errors import InputError, Problem
from ..model import Location
from ..project import MAX_CONTENT_BYTES

MAX_BYTES = MAX_CONTENT_BYTES
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # all but tab and line ends
# Unicode's invisible format characters (category Cf): zero-width spaces and
# joiners, direction marks and overrides, soft hyphens. Pasted from web pages, they
# split a figure so that the audit no longer sees it, or reorder what is shown.
INVISIBLE = re.compile("[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
                       "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
                       "\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
                       "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
                       "\U000e0020-\U000e007f]")


def read_text(path: Path, display: Path | None = None) -> str:
    """Return the file's text as UTF-8 with ``\\n`` line ends and no byte-order mark.

    Files saved by Windows tools in GBK/GB18030 are refused with a message that
    says so, rather than guessed at: a wrong guess would silently change figures.
    """
    where = Location(display or path)
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            raise InputError(Problem("not a regular file (a folder, a pipe or a device): "
                                     "a report's files are plain text files", where))
        if status.st_size > MAX_BYTES:
            raise InputError(Problem(
                f"the file is {status.st_size / 2**20:.1f} MB, more than the "
                f"{MAX_BYTES // 2**20} MB a report's file may be (a 300-page report's text "
                "is under 1 MB): is it the right file?", where))
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
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for pattern, what in ((CONTROL, "a control character"),
                          (INVISIBLE, "an invisible formatting character")):
        found = pattern.search(text)
        if found:
            line = text.count("\n", 0, found.start()) + 1
            column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
            raise InputError(Problem(
                f"{what} (U+{ord(found.group()):04X}) that no text has: delete it (it may come "
                "from copying out of another program or a web page)",
                Location(where.file, line, column)))
    return text


def _looks_like_gb18030(data: bytes) -> bool:
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return any(is_chinese(char) for char in text)
