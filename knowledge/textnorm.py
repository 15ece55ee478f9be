"""Text normalisation shared by the faithfulness check, coverage and the matcher."""

from __future__ import annotations

import re
import unicodedata

# Editorial separators a knowledge-base author may insert into a norm's text to lay it out:
# line breaks, spaces and the full-width colon (the material itself only uses ASCII ":").
_PIECE_SEPARATORS = re.compile(r"[\s：]+")


def canon(text: str) -> str:
    """Fold width variants (，→, （→( …) and drop whitespace, so layout never hides a match."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(folded.split())


def pieces(norm_text: str) -> list[str]:
    """Split a norm's text into the pieces that must each occur verbatim in the material."""
    return [canon(piece) for piece in _PIECE_SEPARATORS.split(norm_text) if canon(piece)]


def fold(text: str) -> str:
    """Width variants folded and lower case, whitespace kept (it separates English words)."""
    return unicodedata.normalize("NFKC", text).lower()


# In a `skipped:` entry, [brackets] mark the skipped part; the rest only locates it.
SKIPPED_MARK = re.compile(r"\[([^\[\]]+)\]")


def unmarked(skipped_text: str) -> str:
    """A skipped entry as it reads in the material, without the [brackets]."""
    return SKIPPED_MARK.sub(r"\1", skipped_text)


def is_content_char(char: str) -> bool:
    """Letters, digits and CJK ideographs: what coverage counts (punctuation is not content)."""
    return unicodedata.category(char)[0] in ("L", "N")
