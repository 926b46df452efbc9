#!/usr/bin/env bash
# Rebuilds NotoSansSC-OpsBench.otf, the CJK font OpsBench bundles so that
# Chinese renders on machines without a Chinese font.
#
# Source: face 2 (Simplified Chinese) of Debian's NotoSansCJK-Regular.ttc
# (package fonts-noto-cjk), cut to ASCII, Latin-1, general punctuation,
# currency signs, arrows, CJK symbols and punctuation, full-width forms,
# the GB2312 character set, and JIS X 0208's symbols, kana and level-1
# kanji (the Japanese names and addresses of JP-marketplace buyers render
# without loading a system fallback font). Needs Debian's python3-fonttools.
#   sudo apt-get install fonts-noto-cjk python3-fonttools
set -euo pipefail
cd "$(dirname "$0")"
src=${1:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}
py=/usr/bin/python3
"$py" - "$src" <<'PY'
import sys
from fontTools import subset
from fontTools.ttLib import TTCollection

src = sys.argv[1]
codes = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
for lo, hi in [(0x2000, 0x206F), (0x20A0, 0x20BF), (0x2190, 0x21FF),
               (0x2460, 0x24FF), (0x3000, 0x303F), (0xFF00, 0xFFEF)]:
    codes |= set(range(lo, hi + 1))

def add_double_byte(leads, encoding):
    """Adds the characters of a two-byte EUC encoding: each lead byte
    with trail bytes 0xA1-0xFE, skipping the empty cells."""
    for hi in leads:
        for lo in range(0xA1, 0xFF):
            try:
                codes.add(ord(bytes([hi, lo]).decode(encoding)))
            except UnicodeDecodeError:
                pass

# GB2312: rows 0xA1-0xF7.
add_double_byte(range(0xA1, 0xF8), "gb2312")
# JIS X 0208 as EUC-JP: rows 1-8 (symbols, kana, Greek, Cyrillic) and
# rows 16-47 (level-1 kanji), lead bytes 0xA1-0xA8 and 0xB0-0xCF.
add_double_byte(list(range(0xA1, 0xA9)) + list(range(0xB0, 0xD0)), "euc_jp")

options = subset.Options()
options.font_number = 2          # Noto Sans CJK SC inside the collection
# Only the OpenType features HarfBuzz applies to horizontal text by
# default, and only each script's default language system (Fyne shapes
# without a language): the per-language 'locl' forms (Japanese, Korean,
# traditional) would pull thousands of glyph variants into the font, and
# the shaper builds accelerators for every lookup in the font for each
# string Fyne measures, so vertical, width and alternate forms would cost
# time on every label without ever being shown.
options.layout_features = ["ccmp", "locl", "mark", "mkmk", "rlig", "calt",
                           "clig", "curs", "dist", "kern", "liga", "rclt"]
options.notdef_outline = True
options.hinting = False          # Fyne rasterises without hints
font = subset.load_font(src, options)
for tag in ("GSUB", "GPOS"):
    font[tag].table.ensureDecompiled(recurse=True)
    for rec in font[tag].table.ScriptList.ScriptRecord:
        rec.Script.LangSysRecord = []
        rec.Script.LangSysCount = 0
sub = subset.Subsetter(options)
sub.populate(unicodes=sorted(codes))
sub.subset(font)
font.save("NotoSansSC-OpsBench.otf")
print(f"{len(codes)} code points requested")
PY
ls -l NotoSansSC-OpsBench.otf
