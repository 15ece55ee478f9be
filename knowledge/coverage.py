"""Checks that every sentence of the material is in some norm or deliberately skipped."""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.loader import LoadedPart
from knowledge.textnorm import SKIPPED_MARK, canon, is_content_char, pieces, unmarked

_CONTEXT_CHARS = 12


@dataclass(frozen=True)
class Gap:
    """A stretch of the material that no norm and no skipped entry accounts for."""

    start: int
    text: str
    context: str


@dataclass(frozen=True)
class CoverageReport:
    content_chars: int
    covered_chars: int
    gaps: tuple[Gap, ...]

    @property
    def percent(self) -> float:
        return 100.0 * self.covered_chars / self.content_chars if self.content_chars else 100.0

    @property
    def complete(self) -> bool:
        return self.covered_chars == self.content_chars


def measure_coverage(parts: list[LoadedPart], source_text: str) -> CoverageReport:
    """Mark the material's characters found in norm texts and skipped entries; report the rest.

    Only letters, digits and ideographs count: punctuation between pieces is layout.
    """
    source = canon(source_text)
    covered = [False] * len(source)
    for part in parts:
        for norm in part.schema.norms:
            for piece in pieces(norm.text):
                _mark_all(source, covered, piece, 0, len(piece))
        for skipped in part.schema.skipped:
            _mark_skipped(source, covered, canon(skipped.text))
    content = [index for index, char in enumerate(source) if is_content_char(char)]
    covered_count = sum(1 for index in content if covered[index])
    return CoverageReport(len(content), covered_count, tuple(_gaps(source, covered)))


def _mark_skipped(source: str, covered: list[bool], marked_text: str) -> None:
    match = SKIPPED_MARK.search(marked_text)
    plain = unmarked(marked_text)
    if match is None:
        _mark_all(source, covered, plain, 0, len(plain))
        return
    # Only the bracketed part is skipped; the rest locates it and must be covered by norms.
    start = match.start()
    _mark_all(source, covered, plain, start, start + len(match.group(1)))


def _mark_all(source: str, covered: list[bool], needle: str, start: int, end: int) -> None:
    if not needle:
        return
    position = source.find(needle)
    while position >= 0:
        for index in range(position + start, position + end):
            covered[index] = True
        position = source.find(needle, position + 1)


def _gaps(source: str, covered: list[bool]) -> list[Gap]:
    gaps = []
    index = 0
    while index < len(source):
        if covered[index] or not is_content_char(source[index]):
            index += 1
            continue
        end = index
        while end < len(source) and not covered[end]:
            end += 1
        while not is_content_char(source[end - 1]):
            end -= 1
        text = source[index:end]
        context = (
            source[max(0, index - _CONTEXT_CHARS) : index]
            + "【"
            + text
            + "】"
            + source[end : end + _CONTEXT_CHARS]
        )
        gaps.append(Gap(index, text, context))
        index = end
    return gaps
