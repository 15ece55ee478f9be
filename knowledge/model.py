"""Plain, frozen records of the loaded knowledge base: norms, sections and deadline rules."""

from __future__ import annotations

from dataclasses import dataclass, field

CHAPTER_NUMERALS = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八"}


def chapter_label(chapter: int) -> str:
    """The chapter as the material writes it: 第一章."""
    return f"第{CHAPTER_NUMERALS.get(chapter, str(chapter))}章"


@dataclass(frozen=True)
class DeadlineRule:
    """A time rule of the material, next to the norm it comes from."""

    id: str
    norm_id: str
    subject: str
    anchor: str
    relation: str
    amount: int | None
    unit: str | None
    quote: str


@dataclass(frozen=True)
class Section:
    """A node of the /norms tree between chapter and norm."""

    key: str  # "1.2.1", or "ch1" for a chapter's own slides
    chapter: int
    chapter_title: str
    number: str | None
    title: str | None
    norm_ids: tuple[str, ...]

    @property
    def label(self) -> str:
        if self.number and self.title:
            return f"{self.number} {self.title}"
        return f"{chapter_label(self.chapter)} {self.chapter_title}"


@dataclass(frozen=True)
class Norm:
    """One atomic norm with where it comes from and how people ask about it."""

    id: str
    section_key: str
    chapter: int
    chapter_title: str
    section: str | None
    section_title: str | None
    heading: str | None
    title: str
    text: str
    questions: tuple[str, ...]
    keywords: tuple[str, ...]
    synonyms: tuple[tuple[str, tuple[str, ...]], ...]
    related: tuple[str, ...]
    deadlines: tuple[DeadlineRule, ...]
    outline_only: bool
    source_file: str = field(compare=False)

    @property
    def source(self) -> str:
        """The origin as the material gives it: '1.2.1 拜访客户规范—上门拜访'."""
        if self.section:
            return f"{self.section} {self.heading or self.section_title}"
        label = f"{chapter_label(self.chapter)} {self.chapter_title}"
        if self.heading and self.heading != self.chapter_title:
            return f"{label}—{self.heading}"
        return label


@dataclass(frozen=True)
class Chapter:
    number: int
    title: str
    section_keys: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{chapter_label(self.number)} {self.title}"
