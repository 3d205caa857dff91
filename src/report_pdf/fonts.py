"""The committed fonts: their manifest, integrity and character coverage.

The build uses only the fonts listed in ``fonts/fonts.yaml``; the typesetter is
cut off from the machine's fonts, so the PDF is the same wherever it is built,
and a character the intended font lacks is an error, never a silent fallback.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .cache import Cache, digest
from .content import display_path
from .content.yamldoc import Fields, Node, load_yaml
from .errors import ProblemCollector
from .model import Location
from .project import FONTS_MANIFEST

RANGE = re.compile(r"^U\+([0-9A-Fa-f]{1,6})(?:-([0-9A-Fa-f]{1,6}))?$")


METRICS_VERSION = b"2"  # bump when what is cached below changes
DASH = "—"


@dataclass(frozen=True)
class FontMetrics:
    advances: dict[int, float]  # em, for every character the font is used for
    ascent: float  # em, as FreeType reads hhea
    descent: float  # em, positive below the baseline
    dash_middle: float | None  # em above the baseline: the middle of "—"'s ink
    em_top: float = 0.88  # em above the baseline: the top of the ideographic em box


@dataclass(frozen=True)
class Font:
    path: Path
    family: str
    weight: int
    role: str
    unicode_ranges: tuple[tuple[int, int], ...]  # empty: the whole font
    unicode_range_text: str | None
    sha256: str = ""
    cache: Cache | None = field(default=None, compare=False, repr=False)
    sets: tuple[str, ...] = ()  # an office's own font: the roles or stacks it sets

    @cached_property
    def metrics(self) -> FontMetrics:
        """Read once per font file and unicode range, then kept in the build cache."""
        key = digest(METRICS_VERSION, self.sha256.encode(),
                     repr(self.unicode_ranges).encode())
        cached = self.cache.get_json("font-metrics", key) if self.cache else None
        try:
            advances, ascent, descent, dash_middle, em_top = cached
            return FontMetrics({int(code): float(width) for code, width in advances.items()},
                               float(ascent), float(descent),
                               None if dash_middle is None else float(dash_middle),
                               float(em_top))
        except (AttributeError, TypeError, ValueError):
            pass  # nothing cached, or not of the shape this code writes: read the font
        metrics = self._read_metrics()
        if self.cache:
            self.cache.put_json("font-metrics", key, [metrics.advances, metrics.ascent,
                                                      metrics.descent, metrics.dash_middle,
                                                      metrics.em_top])
        return metrics

    def _read_metrics(self) -> FontMetrics:
        from fontTools.pens.boundsPen import BoundsPen
        from fontTools.ttLib import TTFont

        font = TTFont(self.path, lazy=True)
        units = font["head"].unitsPerEm
        widths = font["hmtx"].metrics
        cmap = font.getBestCmap()
        advances = {code: widths[glyph][0] / units for code, glyph in cmap.items()
                    if not self.unicode_ranges
                    or any(start <= code <= end for start, end in self.unicode_ranges)}
        # FreeType takes a descender wrongly given as positive (FandolSong Regular
        # has +200) as the same distance below the baseline.
        ascent, descent = font["hhea"].ascent / units, abs(font["hhea"].descent) / units
        dash_middle = None
        if ord(DASH) in cmap:
            glyphs = font.getGlyphSet()
            pen = BoundsPen(glyphs)
            glyphs[cmap[ord(DASH)]].draw(pen)
            if pen.bounds:
                dash_middle = (pen.bounds[1] + pen.bounds[3]) / 2 / units
        # The ideographic em box: what CJK fonts give as their typographic ascender
        # (880/1000 above the baseline, 120 below, in every committed Chinese face).
        em_top = font["OS/2"].sTypoAscender / units
        return FontMetrics(advances, ascent, descent, dash_middle, em_top)

    @property
    def advances(self) -> dict[int, float]:
        return self.metrics.advances

    @property
    def vertical_metrics(self) -> tuple[float, float]:
        """Ascent and descent in em, both positive, as the typesetter reads them."""
        return self.metrics.ascent, self.metrics.descent

    def covers(self, char: str) -> bool:
        return ord(char) in self.advances


@dataclass(frozen=True)
class FontSet:
    """Every font of the manifest (and of an office's own folder), by CSS family name."""

    folder: Path
    fonts: tuple[Font, ...]
    _by_family: dict[str, list[Font]] = field(default_factory=dict, repr=False)
    office_folder: Path | None = None  # an office's own licensed fonts, not committed

    @property
    def folders(self) -> tuple[Path, ...]:
        return (self.folder,) + ((self.office_folder,) if self.office_folder else ())

    @property
    def office_fonts(self) -> tuple[Font, ...]:
        return tuple(font for font in self.fonts if font.sets)

    def __post_init__(self) -> None:
        for font in self.fonts:
            self._by_family.setdefault(font.family.lower(), []).append(font)

    def family(self, name: str) -> list[Font]:
        return self._by_family.get(name.strip("'\"").lower(), [])

    def covering(self, char: str, families: tuple[str, ...], weight: int) -> Font | None:
        """The font a CSS font-family list uses for ``char``, or None if none has it."""
        for name in families:
            candidates = sorted(self.family(name), key=lambda font: abs(font.weight - weight))
            if candidates and candidates[0].covers(char):
                return candidates[0]
            # A face whose unicode-range excludes the character passes it on.
        return None

    def advance(self, char: str, families: tuple[str, ...], weight: int = 400) -> float | None:
        """The advance width in em of ``char`` set in a CSS font-family list."""
        font = self.covering(char, families, weight)
        return None if font is None else font.advances[ord(char)]

    def main_font(self, families: tuple[str, ...], weight: int) -> Font | None:
        """The font meant for Chinese text in this stack: the first without a unicode range."""
        for name in families:
            candidates = sorted(self.family(name), key=lambda font: abs(font.weight - weight))
            if candidates and not candidates[0].unicode_ranges:
                return candidates[0]
        return None


def load_fonts(folder: Path, cache: Cache | None = None,
               office: Path | None = None) -> FontSet:
    """Read the manifest and check that every font file is there and unchanged;
    with ``office``, an office's own fonts too, from their folder's manifest."""
    problems = ProblemCollector()
    fonts = _read_manifest(folder, cache, problems, office=False)
    if office is not None:
        if not office.is_dir():
            problems.add("the office's fonts folder was not found: check 'fonts:' in "
                         "report.yaml, or --fonts", Location(display_path(office)))
        elif not (office / FONTS_MANIFEST).is_file():
            problems.add(f"the office's fonts folder has no {FONTS_MANIFEST}: write one "
                         "listing each font with its file, family, weight and the roles it "
                         "sets (see the README)", Location(display_path(office)))
        else:
            fonts += _read_manifest(office, cache, problems, office=True)
    problems.raise_if_any()
    return FontSet(folder, tuple(fonts), office_folder=office)


def _read_manifest(folder: Path, cache: Cache | None, problems: ProblemCollector,
                   office: bool) -> list[Font]:
    manifest_path = folder / FONTS_MANIFEST
    root = load_yaml(manifest_path, display_path(manifest_path))
    top = Fields(root, problems, "font manifest")
    entries = top.list("fonts")
    top.finish()
    fonts = []
    for entry in entries:
        font = _read_font(entry, folder, problems, cache, office)
        if font is not None:
            fonts.append(font)
    return fonts


def _read_font(entry: Node, folder: Path, problems: ProblemCollector,
               cache: Cache | None, office: bool = False) -> Font | None:
    """A font of a manifest. The committed ones name their source, licence and
    sha256; an office's own name the roles or stacks they set instead (their
    sha256 is taken as they are)."""
    fields = Fields(entry, problems, "font")
    file_name = fields.text("file")
    if file_name:
        fields.what = f"font '{file_name}'"
    family = fields.text("family")
    weight_text = fields.text("weight")
    role = fields.text("role", required=not office)
    fields.text("source", required=not office)
    fields.text("licence", required=not office)
    expected_hash = fields.text("sha256", required=not office)
    range_text = fields.text("unicode_range", required=False)
    sets = fields.texts("sets") if office else ()
    fields.finish()
    if None in (file_name, family, weight_text) or (not office and None in (role, expected_hash)):
        return None
    if office and not sets:
        return None
    where = fields.location
    if weight_text not in ("400", "700"):
        problems.add(f"{fields.what}: weight must be 400 or 700, found '{weight_text}'",
                     fields.location_of("weight"))
        return None
    ranges = _parse_ranges(range_text, fields.what, fields.location_of("unicode_range"),
                           problems) if range_text else ()
    path = folder / file_name
    shown = display_path(path)
    restore = ("put the font file there, or correct 'file'" if office else
               "restore it from the repository (git checkout -- fonts/)")
    try:
        actual_hash = _file_hash(path, cache)
        if expected_hash and actual_hash != expected_hash and cache:
            actual_hash = _file_hash(path, None)  # never report damage on the cache's word
    except OSError:
        problems.add(f"font file {shown} is missing; {restore}", where)
        return None
    if expected_hash and actual_hash != expected_hash:
        problems.add(f"font file {shown} is damaged or was replaced: its sha256 is "
                     f"{actual_hash}, the manifest expects {expected_hash}; {restore}", where)
        return None
    return Font(path.resolve() if office else path, family, int(weight_text),
                role or f"the office's own font for {', '.join(sets)}", ranges, range_text,
                actual_hash, cache, tuple(sets))


def _file_hash(path: Path, cache: Cache | None) -> str:
    """The file's sha256; kept by size and modification time, as hashing 30 MB of
    fonts on every build is wasted work when they have not changed."""
    stat = path.stat()
    key = digest(str(path.resolve()).encode(), f"{stat.st_size}:{stat.st_mtime_ns}".encode())
    cached = cache.get("font-hash", key, ".txt") if cache else None
    if cached:
        return cached.decode()
    value = hashlib.sha256(path.read_bytes()).hexdigest()
    if cache:
        cache.put("font-hash", key, value.encode(), ".txt")
    return value


def _parse_ranges(text: str, what: str, where: Location,
                  problems: ProblemCollector) -> tuple[tuple[int, int], ...]:
    ranges = []
    for part in text.split(","):
        match = RANGE.match(part.strip())
        if match is None:
            problems.add(f"{what}: unicode_range '{part.strip()}' is not like "
                         "U+0020-007E", where)
            continue
        start = int(match.group(1), 16)
        ranges.append((start, int(match.group(2) or match.group(1), 16)))
    return tuple(ranges)


def describe(font: Font) -> str:
    return f"{font.path.name} ({font.family}, {font.role})"

