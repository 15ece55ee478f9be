"""Makes ChartSansSC-Regular.otf, the /stats chart's font, from Noto Sans CJK SC Regular.

The full font is 16–20 MB; the chart needs Latin, punctuation and the ideographs a member's
name may use, so this keeps the CJK Unified Ideographs block (U+4E00–U+9FFF, everything GBK
holds) and drops hinting (matplotlib renders with FreeType's autohinter anyway) and OpenType
features: about 5 MB. The family is renamed "Chart Sans SC" so that a system-wide Noto never
shadows it in matplotlib's font lookup, and as the OFL asks of a modified version.

Run once, by hand, when the font should change (fontTools comes with matplotlib):

    apt-get download fonts-noto-cjk && dpkg-deb -x fonts-noto-cjk_*.deb noto
    FONT=noto/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
    python views/fonts/make_chart_font.py "$FONT"
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset  # type: ignore[import-untyped]

FAMILY = "Chart Sans SC"
POSTSCRIPT_NAME = "ChartSansSC-Regular"
TARGET = Path(__file__).with_name("ChartSansSC-Regular.otf")
SIMPLIFIED_CHINESE_IN_TTC = 2  # NotoSansCJK-Regular.ttc holds JP, KR, SC, TC, HK in this order

CODE_POINTS = (
    set(range(0x20, 0x7F))  # ASCII
    | set(range(0xA0, 0x180))  # Latin-1 and Latin Extended-A (·, ×, é …)
    | set(range(0x2000, 0x2070))  # general punctuation (—, …, ‰)
    | set(range(0x2150, 0x2190))  # number forms (Ⅰ, Ⅱ)
    | set(range(0x2460, 0x2500))  # enclosed numbers (①)
    | set(range(0x3000, 0x3040))  # CJK symbols and punctuation (、。《》「」)
    | set(range(0x4E00, 0xA000))  # CJK Unified Ideographs
    | set(range(0xFF00, 0xFFF0))  # full-width forms (，：（）％)
)


def make_chart_font(source: Path, target: Path = TARGET) -> None:
    options = subset.Options()
    options.font_number = SIMPLIFIED_CHINESE_IN_TTC if source.suffix == ".ttc" else 0
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = ["*"]
    font = subset.load_font(str(source), options)
    font.recalcTimestamp = False  # the same source gives the same bytes
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=CODE_POINTS)
    subsetter.subset(font)
    _rename(font)
    subset.save_font(font, str(target), options)


def _rename(font: subset.TTFont) -> None:
    names = font["name"]
    source_version = names.getDebugName(5) or ""
    for record in list(names.names):
        if record.nameID in (1, 4, 16):
            names.setName(
                FAMILY, record.nameID, record.platformID, record.platEncID, record.langID
            )
        elif record.nameID == 3:
            names.setName(
                f"{POSTSCRIPT_NAME};subset", 3, record.platformID, record.platEncID, record.langID
            )
        elif record.nameID == 6:
            names.setName(POSTSCRIPT_NAME, 6, record.platformID, record.platEncID, record.langID)
    names.setName(
        f"Subset of Noto Sans CJK SC Regular ({source_version}) for the /stats chart.",
        10,
        3,
        1,
        0x409,
    )
    cff = font["CFF "].cff
    top = cff.topDictIndex[0]
    top.FamilyName = FAMILY
    top.FullName = FAMILY
    cff.fontNames = [POSTSCRIPT_NAME]


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    make_chart_font(Path(sys.argv[1]))
    print(f"wrote {TARGET} ({TARGET.stat().st_size:,} bytes)")
