"""`python bot.py knowledge export-learned`: what curators taught in chat, written into
knowledge/learned.yaml beside the material-based files, for review and version control."""

from __future__ import annotations

from pathlib import Path

import yaml

from knowledge.learned import Learned
from knowledge.loader import LEARNED_FILE, Problem, read_learned

HEADER = (
    "# What curators taught the bot in chat (/review), exported by\n"
    "# `python bot.py knowledge export-learned`. Reviewed and committed like the rest of the\n"
    "# knowledge base; check-knowledge validates it. Only example questions, synonyms and\n"
    "# out-of-scope questions: a norm's text stays the material's words.\n"
)


def export_learned(learned: Learned, path: Path = LEARNED_FILE) -> tuple[Learned, int]:
    """Merge the learned material into the file; returns what the file now holds and how many
    entries are new. An invalid existing file is not overwritten (ValueError)."""
    problems: list[Problem] = []
    existing = read_learned(path, problems)
    if problems:
        raise ValueError("\n".join(str(problem) for problem in problems))
    merged = existing + learned
    new = sum(
        len(getattr(merged, part)) - len(getattr(existing, part))
        for part in ("questions", "synonyms", "out_of_scope")
    )
    questions: dict[str, list[str]] = {}
    for norm_id, question in merged.questions:
        questions.setdefault(norm_id, []).append(question)
    document = {
        "questions": {norm_id: questions[norm_id] for norm_id in sorted(questions)},
        "synonyms": dict(merged.synonyms),
        "out_of_scope": list(merged.out_of_scope),
    }
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=99)
    temporary = path.with_suffix(".yaml.tmp")
    temporary.write_text(HEADER + text, encoding="utf-8")
    temporary.replace(path)
    return merged, new
