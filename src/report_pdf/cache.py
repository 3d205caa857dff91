"""What a build can skip: inputs fingerprinted by content hashes.

* A whole build, when nothing it reads has changed: the output folder keeps the
  fingerprint of its inputs and the hashes of what was written
  (``.report_pdf-state.json``); a build finding both unchanged writes nothing.
* A chart, when its data, style, font and drawing code are unchanged: its SVG is
  kept under ``build/.cache/charts/`` by that key, and matplotlib is not even
  imported.
* A font's hash and metrics, when its file is unchanged (same size and time).

This module imports nothing heavy, so that an up-to-date build stays fast.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import lru_cache
from pathlib import Path

from .project import FONTS_FOLDER, MAX_CONTENT_BYTES, STYLES_FOLDER

STATE_FILE = ".report_pdf-state.json"
CHECKSUM = b"sha256:"  # the first line of every cache file: the SHA-256 of the rest
PACKAGE = Path(__file__).parent
MAX_FILE_BYTES = 8 * 2**20  # of a file beside the report: more than any may be
MAX_CACHE_BYTES = 16 * 2**20  # a chart's SVG is some tens of kB, a font's metrics a few MB


def digest(*parts: bytes) -> str:
    """A sha256 over several byte strings, each length-prefixed so they cannot run
    together."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(len(part).to_bytes(8, "big"))
        hasher.update(part)
    return hasher.hexdigest()


def _tree(folder: Path, stat_only: tuple[str, ...] = ()) -> list[bytes]:
    """The regular files of a folder, by name and content; by size and time for
    fonts (``stat_only``) and for files larger than any content file may be
    (which the build refuses when it reads them)."""
    parts = []
    if not folder.is_dir():
        return [os.fsencode(folder)]
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue  # (pipes and devices are not files: their reader says so)
        parts.append(os.fsencode(path.relative_to(folder)))
        stat = path.stat()
        if path.suffix in stat_only or stat.st_size > MAX_CONTENT_BYTES:
            parts.append(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
        else:
            parts.append(path.read_bytes())
    return parts


def read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file of at most ``limit`` bytes; None for anything
    else (missing, too big, or a pipe or a device, which would never end)."""
    try:
        if not path.is_file() or path.stat().st_size > limit:
            return None
        return path.read_bytes()
    except OSError:
        return None


def installed_packages() -> list[bytes]:
    """The names (with versions) of the installed distributions, read from the
    folders that hold them: far cheaper than importlib.metadata, and any upgrade
    changes a name."""
    names = set()
    for entry in sys.path:
        folder = Path(entry or ".")
        if folder.name == "site-packages" and folder.is_dir():
            names.update(path.name for path in folder.iterdir()
                         if path.name.endswith(".dist-info"))
    return [name.encode() for name in sorted(names)]


@lru_cache(maxsize=1)
def installed_packages_digest() -> str:
    return digest(*installed_packages())


def code_fingerprint() -> str:
    """report_pdf's own code and templates, the Python and the libraries it uses."""
    return digest(sys.version.encode(), *installed_packages(), *_tree(PACKAGE))


def input_fingerprint(report_folder: Path, project_folder: Path, options: dict,
                      more_fonts: tuple[Path, ...] = (), more_files: tuple[Path, ...] = ()
                      ) -> str:
    """Everything a build reads: content, styles, fonts, code and options. The
    committed fonts count by size and time (the build checks them against their
    sha256 anyway); an office's own fonts, which nothing else checks, by content,
    and so do ``more_files`` (a seal image beside the report)."""
    fonts = _tree(project_folder / FONTS_FOLDER, stat_only=(".otf", ".ttf"))
    fonts += [part for folder in more_fonts for part in _tree(folder)]
    files = [read_regular(path, MAX_FILE_BYTES) or os.fsencode(path) for path in more_files]
    return digest(json.dumps(options, sort_keys=True).encode(),
                   code_fingerprint().encode(),
                   *_tree(report_folder), *_tree(project_folder / STYLES_FOLDER), *fonts,
                   *files)


def file_hashes(paths: list[Path], folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in paths}


def saved_state(output_folder: Path) -> dict | None:
    """The last build's record in ``output_folder``; None when there is none or
    it is damaged (then the build is simply done again)."""
    data = read_regular(output_folder / STATE_FILE, MAX_CONTENT_BYTES)
    try:
        state = json.loads(data) if data is not None else None
    except (ValueError, RecursionError):
        return None
    files = state.get("files") if isinstance(state, dict) else None
    if not isinstance(files, dict) or not all(
            isinstance(name, str) and isinstance(value, str) and _relative(name)
            for name, value in files.items()):
        return None
    return state


def _relative(name: str) -> bool:
    path = Path(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts


def up_to_date(output_folder: Path, fingerprint: str) -> dict | None:
    """The saved state when the inputs and every output are as last built."""
    state = saved_state(output_folder)
    if state is None or state.get("fingerprint") != fingerprint:
        return None
    try:
        written = file_hashes([output_folder / name for name in state["files"]],
                              output_folder)
    except (OSError, ValueError):
        return None
    return state if written == state["files"] else None


def state_record(fingerprint: str, files: dict[str, bytes], summary: dict) -> bytes:
    """The build's record: what it was built from, what it wrote, what it found."""
    state = {"fingerprint": fingerprint,
             "files": {name: hashlib.sha256(data).hexdigest() for name, data in files.items()},
             **summary}
    return json.dumps(state, ensure_ascii=False, indent=1).encode("utf-8")


class Cache:
    """A folder of cached results; every method degrades to 'not cached' on errors."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    def _path(self, kind: str, key: str, suffix: str) -> Path | None:
        return None if self.folder is None else self.folder / kind / f"{key}{suffix}"

    def get(self, kind: str, key: str, suffix: str = ".bin") -> bytes | None:
        """What was put under ``key``; None when absent, or when its bytes are not
        those it was written with (damaged, or replaced by hand)."""
        path = self._path(kind, key, suffix)
        stored = read_regular(path, MAX_CACHE_BYTES) if path else None
        if stored is None:
            return None
        header, _, data = stored.partition(b"\n")
        if header != CHECKSUM + hashlib.sha256(data).hexdigest().encode():
            return None
        return data

    def put(self, kind: str, key: str, data: bytes, suffix: str = ".bin") -> None:
        """Keep ``data`` under ``key``, behind a line with its SHA-256."""
        path = self._path(kind, key, suffix)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            temporary.write_bytes(CHECKSUM + hashlib.sha256(data).hexdigest().encode()
                                  + b"\n" + data)
            os.replace(temporary, path)
        except OSError:
            pass

    def get_json(self, kind: str, key: str):
        data = self.get(kind, key, ".json")
        try:
            return json.loads(data) if data else None
        except (ValueError, RecursionError):  # a damaged cache file: compute again
            return None

    def put_json(self, kind: str, key: str, value) -> None:
        self.put(kind, key, json.dumps(value, separators=(",", ":")).encode(), ".json")

