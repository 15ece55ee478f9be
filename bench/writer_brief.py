"""Prints what an independent question writer may see of the knowledge base: each norm's id,
where it sits and its text (the material's own words) — never its example questions, keywords
or synonyms, so that evaluation questions are not worded after them.

    python -m bench.writer_brief > /tmp/norms_brief.md
    python -m bench.writer_brief --terms   # the material's terms only (for lexicon writers)
"""

from __future__ import annotations

import argparse

from knowledge.base import KnowledgeBase
from knowledge.loader import load_knowledge


def norm_brief(kb: KnowledgeBase) -> str:
    lines = []
    for norm in kb.norms:
        status = "（仅提纲）" if norm.outline_only else ""
        text = " / ".join(part.strip() for part in norm.text.splitlines() if part.strip())
        lines.append(f"- {norm.id} 〔{norm.source}〕 {norm.title}{status}：{text}")
    return "\n".join(lines)


def material_terms(kb: KnowledgeBase) -> list[str]:
    """The material's terms the matcher indexes: keyword and synonym heads, and titles."""
    terms: set[str] = set()
    for norm in kb.norms:
        terms.update(norm.keywords)
        terms.update(term for term, _variants in norm.synonyms)
    terms.update(term for targets in kb.lexicon.synonyms.values() for term in targets)
    return sorted(terms)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--terms", action="store_true")
    arguments = parser.parse_args()
    kb = load_knowledge()
    print("\n".join(material_terms(kb)) if arguments.terms else norm_brief(kb))


if __name__ == "__main__":
    main()
