"""Norm cards, the /norms catalogue tree and /search result pages."""

from __future__ import annotations

from knowledge.base import KnowledgeBase
from knowledge.model import Norm, Section
from views.common import (
    Button,
    Reply,
    button_label,
    callback_data,
    fit_message,
    one_per_row,
    source_line,
)

OUTLINE_NOTE = "（材料对这一部分只列出了提纲，尚未详细展开。）"
SEARCH_PAGE_SIZE = 10
_SEARCH_PREFIX_BYTES = len(b"srch:99:")
TO_ROOT = Button("📚 目录", callback_data("tree", "r"))


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
    buttons = [
        Button(button_label(f"相关：{n.title}"), callback_data("norm", n.id)) for n in nearby
    ]
    return Reply(norm_text(norm), one_per_row(buttons))


def catalogue(kb: KnowledgeBase) -> Reply:
    buttons = [
        Button(chapter.label, callback_data("tree", "c", chapter.number))
        for chapter in kb.chapters
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
        Button(button_label(section_label(section)), callback_data("tree", "s", section.key))
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
    buttons = [
        Button(button_label(norm.title), callback_data("tree", "n", norm.id)) for norm in norms
    ]
    chapter = kb.chapter(section.chapter)
    header = section.label if section.number else (chapter.label if chapter else section.label)
    back: tuple[Button, ...] = (TO_ROOT,)
    if chapter is not None and len(chapter.section_keys) > 1:
        back = (Button("⬅ 返回上一级", callback_data("tree", "c", chapter.number)), TO_ROOT)
    text = f"{header}\n共 {len(norms)} 条规范，请选择："
    return Reply(text, (*one_per_row(buttons), back))


def norm_page(kb: KnowledgeBase, norm: Norm) -> Reply:
    """A norm inside the catalogue: related norms, then the way back up."""
    buttons = [
        Button(button_label(f"相关：{n.title}"), callback_data("tree", "n", n.id))
        for n in related_norms(kb, norm)
    ]
    back = (Button("⬅ 返回上一级", callback_data("tree", "s", norm.section_key)), TO_ROOT)
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
        Button(button_label(f"{first + i}. {norm.title}"), callback_data("norm", norm.id))
        for i, norm in enumerate(shown)
    ]
    rows = list(one_per_row(buttons))
    pageable = len(word.encode()) + _SEARCH_PREFIX_BYTES <= 64
    if pages > 1 and pageable:
        nav = []
        if page > 0:
            nav.append(Button("◀ 上一页", callback_data("srch", page - 1, word)))
        if page < pages - 1:
            nav.append(Button("下一页 ▶", callback_data("srch", page + 1, word)))
        rows.append(tuple(nav))
    elif pages > 1:
        lines.append("结果较多，只显示前 10 条；换个更具体的词可以缩小范围。")
    return Reply(fit_message("\n".join(lines)), tuple(rows))
