"""Re-make the CJK font subsets committed in this folder (fontTools only).

Get the Debian 12 packages and unpack them into one folder DIR:

    apt-get download fonts-noto-cjk fonts-babelstone-han && dpkg -x FILE.deb DIR

(run `dpkg -x` for each of the two .deb files: fonts-noto-cjk
1:20220127+repack1-1 and fonts-babelstone-han 15.0.5-2), then

    python fonts/make_subsets.py DIR

This writes, next to this script,

    NotoSerifCJKsc-Regular.otf  NotoSerifCJKsc-Bold.otf  NotoSansCJKsc-Regular.otf
        face 2 ("... CJK SC") of the Noto CJK collections, cut down to the GBK
        repertoire, all of CJK Extension A and the punctuation and symbol blocks
        below; names, all layout features, hinting and metrics are kept. The
        glyphs are then numbered anew so that each glyph's CID is its index
        (an identity charset): WeasyPrint writes glyph indexes as CIDs, which
        readers such as MuPDF look up through the charset. Only
        the default and Simplified Chinese (ZHS) language systems are kept:
        the Japanese, Korean, Traditional Chinese and Hong Kong ones would pull
        in some 18,000 regional glyph forms (5-8 MB a face) that a Chinese
        report never shows.
    BabelStoneHan-ExtA13.ttf
        BabelStone Han cut down to the Extension A ideographs that Noto Serif
        CJK SC lacks (U+4DB6-U+4DBF, added in Unicode 13), with the notice of
        change that the Arphic Public License asks for.

and prints the sha256 of each, to compare with fonts.yaml. The files are the
same byte for byte from run to run: head.modified keeps the source's value.
"""

import hashlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

HERE = Path(__file__).resolve().parent
NOTO = "usr/share/fonts/opentype/noto"
BABELSTONE = "usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf"
SC = 2  # index of the Simplified Chinese face in the Noto CJK collections

NOTO_FACES = [  # (collection, output file)
    ("NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular.otf"),
    ("NotoSerifCJK-Bold.ttc", "NotoSerifCJKsc-Bold.otf"),
    ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf"),
]

EXT_A = range(0x3400, 0x4DC0)
BLOCKS = [  # Latin-1, general punctuation to misc. symbols, CJK symbols and
    # compatibility, vertical forms, CJK compatibility forms and small form
    # variants, half- and full-width forms
    (0x0020, 0x00FF), (0x2000, 0x2BFF), (0x3000, 0x33FF),
    (0xFE10, 0xFE1F), (0xFE30, 0xFE6F), (0xFF00, 0xFFEF),
]

KEEP_LANGSYS = {"ZHS "}  # besides each script's default language system

BABELSTONE_OUT = "BabelStoneHan-ExtA13.ttf"
NOTICE = ("Subset by report_pdf on 2026-11-30 to U+4DB6\u2013U+4DBF "
          "from BabelStone Han 15.0.5 (Debian fonts-babelstone-han 15.0.5-2).")


def gbk_repertoire():
    """Every BMP character that Python's GBK codec can encode."""
    chars = set()
    for cp in range(0x10000):
        try:
            chr(cp).encode("gbk")
        except UnicodeEncodeError:
            continue
        chars.add(cp)
    return chars


def options():
    opts = subset.Options()
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.notdef_outline = True
    opts.glyph_names = True
    opts.hinting = True
    opts.recalc_timestamp = False  # keep head.modified: reproducible output
    opts.recalc_bounds = False
    opts.drop_tables += ["meta"]  # BabelStone's language tags; fontTools drops it anyway
    return opts


def open_font(path, number=0):
    return TTFont(path, fontNumber=number, lazy=True,
                  recalcTimestamp=False, recalcBBoxes=False)


def keep_chinese_langsys(font):
    """Drop the JAN, KOR, ZHT and ZHH language systems, so that the subsetter
    leaves out the glyphs only their 'locl' lookups reach."""
    for tag in ("GSUB", "GPOS"):
        for record in font[tag].table.ScriptList.ScriptRecord:
            script = record.Script
            script.LangSysRecord = [r for r in script.LangSysRecord
                                    if r.LangSysTag in KEEP_LANGSYS]
            script.LangSysCount = len(script.LangSysRecord)


def cut(font, unicodes, out):
    modified = font["head"].modified
    subsetter = subset.Subsetter(options())
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    font["head"].modified = modified
    font.save(out)
    return out


def identity_cids(path):
    """Renumber a CID-keyed CFF font's CIDs to equal its glyph indexes. Only the
    CFF table changes: every other table refers to glyphs by index."""
    font = open_font(path)
    top = font["CFF "].cff.topDictIndex[0]
    old = list(top.charset)
    new = [".notdef"] + [f"cid{index:05d}" for index in range(1, len(old))]
    strings = top.CharStrings
    strings.charStrings = {name: strings.charStrings[was] for was, name in zip(old, new)}
    top.charset = new
    font.setGlyphOrder(new)
    font.save(path)


def main(src):
    src = Path(src)
    wanted = gbk_repertoire() | set(EXT_A)
    for lo, hi in BLOCKS:
        wanted.update(range(lo, hi + 1))

    made = []
    for ttc, out in NOTO_FACES:
        font = open_font(src / NOTO / ttc, SC)
        have = set(font.getBestCmap())
        keep_chinese_langsys(font)
        made.append(cut(font, sorted(wanted & have), HERE / out))
        identity_cids(made[-1])

    # Extension A ideographs that Noto Serif CJK SC has no glyph for.
    serif = set(open_font(src / NOTO / NOTO_FACES[0][0], SC).getBestCmap())
    missing = sorted(set(EXT_A) - serif)
    font = open_font(src / BABELSTONE)
    absent = set(missing) - set(font.getBestCmap())
    if absent:
        sys.exit("BabelStone Han lacks " + " ".join(f"U+{c:04X}" for c in sorted(absent)))
    name = font["name"]
    for record in name.names:
        if record.nameID == 0:
            record.string = f"{record.toUnicode()} {NOTICE}"
        elif record.nameID == 10:
            record.string = f"{NOTICE} {record.toUnicode()}"
    made.append(cut(font, missing, HERE / BABELSTONE_OUT))

    for path in made:
        print(hashlib.sha256(path.read_bytes()).hexdigest(), path.name)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
