"""Each font cut down to the characters of the document, once, before typesetting.

WeasyPrint loads every font file whole (it copies each to a temporary file) and
subsets it when it writes the PDF, keeping the glyph numbers of the whole font:
a CJK face of 65,000 glyphs then embeds 65,000 empty slots. Cut beforehand to
the characters the document can show, a face is a few hundred kilobytes whose
glyphs are numbered from one: WeasyPrint loads less, writes less, and embeds
only those. The subsets are made by HarfBuzz (the library WeasyPrint itself
subsets with), keep every OpenType layout feature of the glyphs kept, and are
cached by the font's hash and the set of characters: a build of the same
characters makes none.
"""

from __future__ import annotations

import io
import struct
from functools import cache as cached
from pathlib import Path

from .cache import Cache, digest
from .fonts import FontSet

SUBSET_VERSION = b"2"  # part of the cache key: raise it when the subsetting changes
# The characters CSS may generate (page numbers, list markers) whatever the text.
ALWAYS = frozenset(chr(code) for code in range(0x20, 0x7F)) | frozenset("— 　")

CDEF = """
typedef struct hb_blob_t hb_blob_t;
typedef struct hb_face_t hb_face_t;
typedef struct hb_set_t hb_set_t;
typedef struct hb_subset_input_t hb_subset_input_t;
typedef void (*hb_destroy_func_t) (void *user_data);
hb_blob_t *hb_blob_create (const char *data, unsigned int length, int mode,
                           void *user_data, hb_destroy_func_t destroy);
void hb_blob_destroy (hb_blob_t *blob);
const char *hb_blob_get_data (hb_blob_t *blob, unsigned int *length);
hb_face_t *hb_face_create (hb_blob_t *blob, unsigned int index);
void hb_face_destroy (hb_face_t *face);
hb_blob_t *hb_face_reference_blob (hb_face_t *face);
void hb_set_add (hb_set_t *set, uint32_t codepoint);
void hb_set_clear (hb_set_t *set);
void hb_set_invert (hb_set_t *set);
hb_subset_input_t *hb_subset_input_create_or_fail (void);
void hb_subset_input_destroy (hb_subset_input_t *input);
hb_set_t *hb_subset_input_unicode_set (hb_subset_input_t *input);
hb_set_t *hb_subset_input_set (hb_subset_input_t *input, int set_type);
void hb_set_del (hb_set_t *set, uint32_t codepoint);
unsigned int hb_subset_input_get_flags (hb_subset_input_t *input);
void hb_subset_input_set_flags (hb_subset_input_t *input, unsigned int value);
hb_face_t *hb_subset_or_fail (hb_face_t *source, const hb_subset_input_t *input);
"""
MEMORY_MODE_READONLY = 1
SETS_LAYOUT_FEATURE_TAG = 6  # HB_SUBSET_SETS_LAYOUT_FEATURE_TAG
SETS_NAME_ID = 4  # HB_SUBSET_SETS_NAME_ID
SETS_DROP_TABLE_TAG = 3  # HB_SUBSET_SETS_DROP_TABLE_TAG
PASSTHROUGH_UNRECOGNIZED = 0x20  # HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED
NO_PRUNE_UNICODE_RANGES = 0x100  # HB_SUBSET_FLAGS_NO_PRUNE_UNICODE_RANGES: OS/2 as it was
# A table HarfBuzz drops by default and the typesetter reads: BASE gives the
# baselines Pango places CJK lines by (without it a line moves 0.77 pt). Copied
# as it is: its coordinates name no glyph in the committed faces (format 1).
KEPT_TABLES = (b"BASE",)


@cached
def _harfbuzz():
    """cffi and HarfBuzz's two libraries, or None when the subsetter is missing
    (WeasyPrint then subsets with fontTools, and warns)."""
    from cffi import FFI

    ffi = FFI()
    ffi.cdef(CDEF)
    try:
        return ffi, ffi.dlopen("libharfbuzz.so.0"), ffi.dlopen("libharfbuzz-subset.so.0")
    except OSError:
        return None


def subset_available() -> bool:
    return _harfbuzz() is not None


def document_characters(*texts: str) -> frozenset[str]:
    """Every character the document can show: all those of its HTML and figures
    (markup included, a harmless surplus) and those CSS may generate."""
    return frozenset().union(*texts) | ALWAYS


def font_subsets(fonts: FontSet, characters: frozenset[str], cache: Cache | None
                 ) -> dict[Path, bytes]:
    """Each font file of the set (by its resolved path), cut to ``characters``;
    {} when HarfBuzz's subsetter is not installed."""
    if not subset_available():
        return {}
    wanted = "".join(sorted(characters)).encode("utf-8", "surrogatepass")
    subsets = {}
    for font in fonts.fonts:
        key = digest(SUBSET_VERSION, font.sha256.encode(), wanted)
        data = cache.get("font-subsets", key, ".font") if cache else None
        if data is None:
            # Every character, not only those of the font's unicode-range: an SVG's
            # text may still be set in it. HarfBuzz keeps those the font has.
            data = identity_cids(subset(font.path.read_bytes(), sorted(characters)))
            if cache:
                cache.put("font-subsets", key, data, ".font")
        subsets[font.path.resolve()] = data
    return subsets


def identity_cids(font_data: bytes) -> bytes:
    """A CID-keyed CFF font whose glyph n is CID n again.

    WeasyPrint writes glyph numbers as CIDs (CIDToGIDMap /Identity), and a PDF
    reader finds a CFF glyph by its CID: right for the committed faces, whose
    CIDs are their glyph numbers, wrong once a subset has renumbered the glyphs
    but kept their CIDs (MuPDF then finds no glyph; poppler happens to). Only
    the charset names CIDs: it is overwritten in place by the identity charset
    (format 2, one range: five bytes, never longer than the one it replaces), so
    that no offset moves; the checksums are made right again."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(font_data), lazy=True)
    if "CFF " not in font:
        return font_data
    top = font["CFF "].cff.topDictIndex[0]
    glyphs = len(top.charset)
    if not hasattr(top, "ROS") or glyphs < 2:
        return font_data
    data = bytearray(font_data)
    at = font.reader.tables["CFF "].offset + top.rawDict["charset"]
    data[at:at + 5] = struct.pack(">BHH", 2, 1, glyphs - 2)
    return bytes(_with_checksums(data))


def _with_checksums(data: bytearray) -> bytearray:
    """The table directory's checksums and head's checkSumAdjustment, recomputed."""
    (tables,) = struct.unpack_from(">H", data, 4)
    head = None
    for record in range(12, 12 + 16 * tables, 16):
        tag, _, offset, length = struct.unpack_from(">4sLLL", data, record)
        if tag == b"head":
            head = offset
            data[offset + 8:offset + 12] = bytes(4)
        struct.pack_into(">L", data, record + 4, _checksum(data[offset:offset + length]))
    if head is not None:
        struct.pack_into(">L", data, head + 8, (0xB1B0AFBA - _checksum(data)) % 2**32)
    return data


def _checksum(block: bytes | bytearray) -> int:
    padded = bytes(block) + bytes(-len(block) % 4)
    return sum(struct.unpack(f">{len(padded) // 4}L", padded)) % 2**32


def subset(font_data: bytes, characters: list[str]) -> bytes:
    """A font cut to ``characters`` with HarfBuzz: their glyphs, those layout
    features reach from them, every feature and every name kept."""
    ffi, harfbuzz, subsetter = _harfbuzz()
    blob = harfbuzz.hb_blob_create(font_data, len(font_data), MEMORY_MODE_READONLY,
                                   ffi.NULL, ffi.NULL)
    face = harfbuzz.hb_face_create(blob, 0)
    subset_input = subsetter.hb_subset_input_create_or_fail()
    try:
        unicodes = subsetter.hb_subset_input_unicode_set(subset_input)
        for char in characters:
            harfbuzz.hb_set_add(unicodes, ord(char))
        dropped = subsetter.hb_subset_input_set(subset_input, SETS_DROP_TABLE_TAG)
        for tag in KEPT_TABLES:
            harfbuzz.hb_set_del(dropped, int.from_bytes(tag, "big"))
        subsetter.hb_subset_input_set_flags(
            subset_input, subsetter.hb_subset_input_get_flags(subset_input)
            | PASSTHROUGH_UNRECOGNIZED | NO_PRUNE_UNICODE_RANGES)
        for kept_whole in (SETS_LAYOUT_FEATURE_TAG, SETS_NAME_ID):
            whole = subsetter.hb_subset_input_set(subset_input, kept_whole)
            harfbuzz.hb_set_clear(whole)
            harfbuzz.hb_set_invert(whole)
        result = subsetter.hb_subset_or_fail(face, subset_input)
        if result == ffi.NULL:
            raise RuntimeError("HarfBuzz could not subset the font")
        result_blob = harfbuzz.hb_face_reference_blob(result)
        length = ffi.new("unsigned int *")
        data = harfbuzz.hb_blob_get_data(result_blob, length)
        subset_data = bytes(ffi.buffer(data, length[0]))
        harfbuzz.hb_blob_destroy(result_blob)
        harfbuzz.hb_face_destroy(result)
        return subset_data
    finally:
        subsetter.hb_subset_input_destroy(subset_input)
        harfbuzz.hb_face_destroy(face)
        harfbuzz.hb_blob_destroy(blob)
