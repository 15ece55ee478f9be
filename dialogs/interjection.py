"""Tells a norm question typed in the middle of a dialog from the answer to the dialog's step."""

from __future__ import annotations

import re

# Only short texts are candidates: a step's notes can be long, questions to the bot are not.
QUESTION_LIMIT = 40
_ASKING = re.compile(
    r"[?？]\s*$"
    r"|多久|几天|几个小时|几点|几分钟|多长时间|怎么办|怎么做|咋办|咋整|如何|要不要|该不该|能不能|可以吗"
    r"|应该|是否|吗\s*$|呢\s*$"
)


def looks_like_question(text: str) -> bool:
    """Phrased as a question; the caller still asks the matcher whether a norm answers it."""
    text = text.strip()
    return 0 < len(text) <= QUESTION_LIMIT and _ASKING.search(text) is not None
