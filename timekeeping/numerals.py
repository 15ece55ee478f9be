"""Numbers as people type them in dates and times: Arabic digits or Chinese numerals."""

from __future__ import annotations

import re

# Chinese numerals as they occur in dates, clock times and durations (no 百/千: never needed).
CHINESE_DIGITS = "零〇一二两三四五六七八九十"
_CHINESE_NUMBER = rf"[{CHINESE_DIGITS}]{{1,5}}"
NUMBER = rf"(?:\d{{1,4}}|{_CHINESE_NUMBER})"
DECIMAL = rf"(?:\d{{1,4}}(?:\.\d{{1,3}})?|{_CHINESE_NUMBER}(?:点[{CHINESE_DIGITS}]{{1,3}})?)"

_ARABIC = re.compile(r"\d+(?:\.\d+)?")


def read_number(text: str) -> float | None:
    """The value of '12', '1.5', '十二', '两', '二〇二六', '一点五'; None if it is not a number.

    cn2an does the Chinese numerals, but only on a string our patterns have already cut out:
    run over a whole sentence it reads '上周五十点' as 上周50点 and '十点一刻' as 10.1刻.
    """
    if _ARABIC.fullmatch(text):
        return float(text)
    # cn2an takes ~0.1 s to import and start-up is on a budget: load it on first use.
    import cn2an

    try:
        value = cn2an.cn2an(text, "normal")
    except (ValueError, KeyError):  # KeyError: some malformed runs, e.g. '零十一'
        return None
    return float(value) if isinstance(value, int | float) else None


def read_whole_number(text: str) -> int | None:
    """As read_number, for places only a whole number makes sense (days, hours, minutes)."""
    value = read_number(text)
    if value is None or not value.is_integer():
        return None
    return int(value)
