"""Norm cards, the /norms catalogue tree and /search result pages."""

from __future__ import annotations

from knowledge.base import KnowledgeBase
from knowledge.model import Norm, Section
from views.button_data import NormButton, SearchPage, TreeChapter, TreeNorm, TreeRoot, TreeSection
from views.common import (
    Button,
    Reply,
    button_label,
    fit_message,
    one_per_row,
    source_line,
)

OUTLINE_NOTE = "（材料对这一部分只列出了提纲，尚未详细展开。）"
SEARCH_PAGE_SIZE = 10
TO_ROOT = Button("📚 目录", TreeRoot().pack())


def norm_text(norm: Norm) -> str:
    """A norm as the bot shows it: title, the material's words, outline note, origin."""
    lines = [f"【{norm.title}】", norm.text]
    if norm.outline_only:
        lines.append(OUTLINE_NOTE)
    lines += ["", source_line(norm)]
    return fit_message("\n".join(lines))


def related_norms(kb: KnowledgeBase, norm: Norm, limit: int = 3) -> list[Norm]:
    found = (kb.norm(norm_id) for norm_id in norm.related)
    return [related for related in found if related is not None][:limit]


def norm_card(kb: KnowledgeBase, norm: Norm, extra: list[Norm] | None = None) -> Reply:
    """The answer to a question: the norm, and buttons to the closest related norms."""
    nearby = related_norms(kb, norm)
    for candidate in extra or []:
        if len(nearby) < 3 and candidate.id != norm.id and candidate not in nearby:
            nearby.append(candidate)
    buttons = [Button(button_label(f"相关：{n.title}"), NormButton(n.id).pack()) for n in nearby]
    return Reply(norm_text(norm), one_per_row(buttons))


def catalogue(kb: KnowledgeBase) -> Reply:
    buttons = [
        Button(chapter.label, TreeChapter(chapter.number).pack()) for chapter in kb.chapters
    ]
    return Reply("📚 规范目录\n请选择章节：", one_per_row(buttons))


def chapter_page(kb: KnowledgeBase, number: int) -> Reply | None:
    chapter = kb.chapter(number)
    if chapter is None:
        return None
    if len(chapter.section_keys) == 1:
        return section_page(kb, chapter.section_keys[0])
    sections = [kb.section(key) for key in chapter.section_keys]
    buttons = [
        Button(button_label(section_label(section)), TreeSection(section.key).pack())
        for section in sections
        if section is not None
    ]
    return Reply(f"{chapter.label}\n请选择小节：", (*one_per_row(buttons), (TO_ROOT,)))


def section_label(section: Section) -> str:
    return section.label if section.number else "本章概要"


def section_page(kb: KnowledgeBase, key: str) -> Reply | None:
    section = kb.section(key)
    if section is None:
        return None
    norms = [norm for norm in (kb.norm(nid) for nid in section.norm_ids) if norm is not None]
    buttons = [Button(button_label(norm.title), TreeNorm(norm.id).pack()) for norm in norms]
    chapter = kb.chapter(section.chapter)
    header = section.label if section.number else (chapter.label if chapter else section.label)
    back: tuple[Button, ...] = (TO_ROOT,)
    if chapter is not None and len(chapter.section_keys) > 1:
        back = (Button("⬅ 返回上一级", TreeChapter(chapter.number).pack()), TO_ROOT)
    text = f"{header}\n共 {len(norms)} 条规范，请选择："
    return Reply(text, (*one_per_row(buttons), back))


def norm_page(kb: KnowledgeBase, norm: Norm) -> Reply:
    """A norm inside the catalogue: related norms, then the way back up."""
    buttons = [
        Button(button_label(f"相关：{n.title}"), TreeNorm(n.id).pack())
        for n in related_norms(kb, norm)
    ]
    back = (Button("⬅ 返回上一级", TreeSection(norm.section_key).pack()), TO_ROOT)
    return Reply(norm_text(norm), (*one_per_row(buttons), back))


def search_page(kb: KnowledgeBase, word: str, page: int = 0) -> Reply:
    """Every norm containing the word, ten to a page, each openable by its button."""
    word = word.strip()
    if not word:
        return Reply("用法：/search 关键词\n例如：/search 感谢函")
    matches = kb.search(word)
    if not matches:
        return Reply(f"没有找到包含“{word}”的规范。\n可以换个说法，或用 /norms 浏览全部规范。")
    pages = (len(matches) + SEARCH_PAGE_SIZE - 1) // SEARCH_PAGE_SIZE
    page = min(max(page, 0), pages - 1)
    shown = matches[page * SEARCH_PAGE_SIZE : (page + 1) * SEARCH_PAGE_SIZE]
    first = page * SEARCH_PAGE_SIZE + 1
    lines = [
        f"包含“{word}”的规范共 {len(matches)} 条"
        + (f"（第 {page + 1}/{pages} 页）" if pages > 1 else "")
        + "："
    ]
    lines += [
        f"{first + i}. {norm.title}（{norm.section or norm.source}）"
        for i, norm in enumerate(shown)
    ]
    buttons = [
        Button(button_label(f"{first + i}. {norm.title}"), NormButton(norm.id).pack())
        for i, norm in enumerate(shown)
    ]
    rows = list(one_per_row(buttons))
    pageable = SearchPage(99, word).fits()  # any page number of two digits fits too
    if pages > 1 and pageable:
        nav = []
        if page > 0:
            nav.append(Button("◀ 上一页", SearchPage(page - 1, word).pack()))
        if page < pages - 1:
            nav.append(Button("下一页 ▶", SearchPage(page + 1, word).pack()))
        rows.append(tuple(nav))
    elif pages > 1:
        lines.append("结果较多，只显示前 10 条；换个更具体的词可以缩小范围。")
    return Reply(fit_message("\n".join(lines)), tuple(rows))
