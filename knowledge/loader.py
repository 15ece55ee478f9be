"""Reads and validates the YAML knowledge base; every problem names its file, entry and field."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from knowledge.base import KnowledgeBase, Lexicon
from knowledge.learned import Learned, apply_learned, learned_problems
from knowledge.model import Chapter, DeadlineRule, Norm, Section
from knowledge.schema import KnowledgePartSchema, LearnedSchema, LexiconSchema, NormSchema
from knowledge.textnorm import canon, pieces, unmarked

KNOWLEDGE_DIR = Path(__file__).resolve().parent
NORMS_DIR = KNOWLEDGE_DIR / "norms"
LEXICON_FILE = KNOWLEDGE_DIR / "lexicon.yaml"
LEARNED_FILE = KNOWLEDGE_DIR / "learned.yaml"
SOURCE_FILE = KNOWLEDGE_DIR / "source" / "000_e59294eaaa1e82d6.txt"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the knowledge base, located as precisely as we can."""

    file: str
    entry: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.entry:
            where.append(self.entry)
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{': '.join(where)}: {self.message}"


class KnowledgeError(Exception):
    """The knowledge base is invalid; the bot must not serve it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass(frozen=True)
class LoadedPart:
    path: Path
    schema: KnowledgePartSchema


def load_knowledge(
    norms_dir: Path = NORMS_DIR,
    lexicon_file: Path = LEXICON_FILE,
    source_file: Path = SOURCE_FILE,
    learned_file: Path = LEARNED_FILE,
) -> KnowledgeBase:
    """Load, validate and assemble the knowledge base, or raise KnowledgeError listing all.
    What was learned and exported (knowledge/learned.yaml, if there is one) is added on top."""
    parts, problems = read_parts(norms_dir)
    lexicon_schema = _read_lexicon(lexicon_file, problems)
    source = canon(source_file.read_text(encoding="utf-8"))
    problems.extend(check_parts(parts, source))
    if lexicon_schema is not None:
        problems.extend(check_mixed_language(lexicon_schema, display_path(lexicon_file), source))
    learned = read_learned(learned_file, problems)
    if problems:
        raise KnowledgeError(problems)
    assert lexicon_schema is not None
    kb = _assemble(parts, lexicon_schema)
    file = display_path(learned_file)
    problems = [Problem(file, None, None, problem) for problem in learned_problems(kb, learned)]
    if problems:
        raise KnowledgeError(problems)
    return apply_learned(kb, learned)


def read_learned(path: Path, problems: list[Problem]) -> Learned:
    """The exported learned material; nothing when the file does not exist."""
    if not path.exists():
        return Learned()
    data = read_yaml_mapping(path, problems)
    if data is None:
        return Learned()
    try:
        schema = LearnedSchema.model_validate(data)
    except ValidationError as error:
        problems.extend(_schema_problems(path, data, error))
        return Learned()
    return Learned(
        questions=tuple(
            (norm_id, question)
            for norm_id, questions in schema.questions.items()
            for question in questions
        ),
        synonyms=tuple(schema.synonyms.items()),
        out_of_scope=tuple(schema.out_of_scope),
    )


def read_parts(norms_dir: Path) -> tuple[list[LoadedPart], list[Problem]]:
    """Parse and schema-check every part file; unreadable files become problems."""
    parts: list[LoadedPart] = []
    problems: list[Problem] = []
    files = sorted(norms_dir.glob("*.yaml"))
    if not files:
        problems.append(Problem(str(norms_dir), None, None, "no knowledge files (*.yaml) found"))
    for path in files:
        data = read_yaml_mapping(path, problems)
        if data is None:
            continue
        try:
            parts.append(LoadedPart(path, KnowledgePartSchema.model_validate(data)))
        except ValidationError as error:
            problems.extend(_schema_problems(path, data, error))
    return parts, problems


def check_parts(parts: list[LoadedPart], source: str) -> list[Problem]:
    """Cross-file rules: unique ids, known related ids, ids under their section, faithfulness."""
    problems: list[Problem] = []
    where_defined: dict[str, str] = {}
    rule_ids: dict[str, str] = {}
    for part in parts:
        for norm in part.schema.norms:
            if norm.id in where_defined:
                problems.append(
                    _problem(part, norm, "id", f"duplicate id, also in {where_defined[norm.id]}")
                )
            where_defined[norm.id] = display_path(part.path)
            for rule in norm.deadlines:
                if rule.id in rule_ids:
                    problems.append(
                        _problem(part, norm, "deadlines", f"duplicate rule id '{rule.id}'")
                    )
                rule_ids[rule.id] = norm.id
    for part in parts:
        expected_prefix = part.schema.section or f"ch{part.schema.chapter}"
        for norm in part.schema.norms:
            if norm.id.rsplit("-", 1)[0] != expected_prefix:
                problems.append(
                    _problem(part, norm, "id", f"id must start with '{expected_prefix}-'")
                )
            problems.extend(_check_norm(part, norm, set(where_defined), source))
        for index, skipped in enumerate(part.schema.skipped):
            if canon(unmarked(skipped.text)) not in source:
                problems.append(
                    Problem(
                        display_path(part.path),
                        f"skipped[{index}]",
                        "text",
                        f"not found in the material: {skipped.text!r}",
                    )
                )
    return problems


def _check_norm(
    part: LoadedPart, norm: NormSchema, known_ids: set[str], source: str
) -> list[Problem]:
    problems = []
    for piece in pieces(norm.text):
        if piece not in source:
            problems.append(_problem(part, norm, "text", f"not in the material: {piece!r}"))
    for related in norm.related:
        if related == norm.id:
            problems.append(_problem(part, norm, "related", "a norm cannot relate to itself"))
        elif related not in known_ids:
            problems.append(_problem(part, norm, "related", f"unknown norm id '{related}'"))
    text = canon(norm.text)
    for rule in norm.deadlines:
        if canon(rule.quote) not in text:
            problems.append(
                _problem(part, norm, "deadlines", f"rule '{rule.id}' quotes text not in the norm")
            )
    return problems


def check_mixed_language(lexicon: LexiconSchema, file: str, source: str) -> list[Problem]:
    """Each English word or shorthand stands for one term, and that term is the material's."""
    problems = []
    seen: dict[str, str] = {}
    for term, variants in lexicon.mixed_language.items():
        if canon(term) not in source:
            problems.append(
                Problem(file, f"mixed_language {term}", None, "the term is not in the material")
            )
        for variant in variants:
            if variant in seen and seen[variant] != term:
                problems.append(
                    Problem(
                        file,
                        f"mixed_language {term}",
                        None,
                        f"'{variant}' already stands for '{seen[variant]}'",
                    )
                )
            seen.setdefault(variant, term)
    return problems


def _read_lexicon(path: Path, problems: list[Problem]) -> LexiconSchema | None:
    data = read_yaml_mapping(path, problems)
    if data is None:
        return None
    try:
        return LexiconSchema.model_validate(data)
    except ValidationError as error:
        problems.extend(_schema_problems(path, data, error))
        return None


# libyaml's safe loader when PyYAML has it (its wheels do): the same data as yaml.safe_load in a
# fifth of the time, which is most of the start-up's knowledge load.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml_mapping(path: Path, problems: list[Problem]) -> Any:
    """The YAML file as a mapping, or None with the reason added to problems."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(display_path(path), None, None, f"cannot read: {error}"))
        return None
    except yaml.YAMLError as error:
        problems.append(Problem(display_path(path), None, None, f"invalid YAML: {error}"))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(display_path(path), None, None, "top level must be a mapping"))
        return None
    return data


def _schema_problems(path: Path, data: dict[str, Any], error: ValidationError) -> list[Problem]:
    problems = []
    for detail in error.errors():
        location = list(detail["loc"])
        entry = None
        if (
            len(location) >= 2
            and location[0] in ("norms", "skipped")
            and isinstance(location[1], int)
        ):
            entry = _entry_name(data, str(location[0]), location[1])
            location = location[2:]
        field = ".".join(str(part) for part in location) or None
        problems.append(Problem(display_path(path), entry, field, detail["msg"]))
    return problems


def _entry_name(data: dict[str, Any], kind: str, index: int) -> str:
    entries = data.get(kind)
    if kind == "norms" and isinstance(entries, list) and index < len(entries):
        entry = entries[index]
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            return f"norm {entry['id']}"
    return f"{kind}[{index}]"


def _problem(part: LoadedPart, norm: NormSchema, field: str, message: str) -> Problem:
    return Problem(display_path(part.path), f"norm {norm.id}", field, message)


def display_path(path: Path) -> str:
    """The path relative to the working directory when it is inside it, for messages."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _assemble(parts: list[LoadedPart], lexicon_schema: LexiconSchema) -> KnowledgeBase:
    norms: list[Norm] = []
    sections: list[Section] = []
    chapter_titles: dict[int, str] = {}
    chapter_sections: dict[int, list[str]] = defaultdict(list)
    synonyms: dict[str, set[str]] = defaultdict(set)
    for part in sorted(parts, key=_material_order):
        schema = part.schema
        key = schema.section or f"ch{schema.chapter}"
        chapter_titles.setdefault(schema.chapter, schema.chapter_title)
        chapter_sections[schema.chapter].append(key)
        sections.append(
            Section(
                key=key,
                chapter=schema.chapter,
                chapter_title=schema.chapter_title,
                number=schema.section,
                title=schema.section_title,
                norm_ids=tuple(norm.id for norm in schema.norms),
            )
        )
        for norm in schema.norms:
            norms.append(_norm(part, key, norm))
            _add_synonyms(synonyms, norm.synonyms)
    _add_synonyms(synonyms, lexicon_schema.synonyms)
    chapters = [
        Chapter(number, chapter_titles[number], tuple(chapter_sections[number]))
        for number in sorted(chapter_titles)
    ]
    lexicon = Lexicon(
        synonyms={variant: tuple(sorted(terms)) for variant, terms in synonyms.items()},
        stopwords=frozenset(canon(word).lower() for word in lexicon_schema.stopwords),
        fact_words=frozenset(canon(word).lower() for word in lexicon_schema.fact_words),
        foreign={
            variant: canon(term).lower()
            for term, variants in lexicon_schema.mixed_language.items()
            for variant in variants
        },
    )
    return KnowledgeBase(norms, chapters, sections, lexicon)


def _material_order(part: LoadedPart) -> tuple[int, tuple[int, ...]]:
    """Chapter, then the chapter's own slides, then sections by number (1.2.10 after 1.2.9)."""
    section = part.schema.section
    return part.schema.chapter, tuple(int(n) for n in section.split(".")) if section else ()


def _add_synonyms(into: dict[str, set[str]], table: dict[str, list[str]]) -> None:
    for term, variants in table.items():
        for variant in variants:
            into[canon(variant).lower()].add(canon(term).lower())


def _norm(part: LoadedPart, section_key: str, norm: NormSchema) -> Norm:
    schema = part.schema
    return Norm(
        id=norm.id,
        section_key=section_key,
        chapter=schema.chapter,
        chapter_title=schema.chapter_title,
        section=schema.section,
        section_title=schema.section_title,
        heading=norm.heading,
        title=norm.title,
        text=norm.text.strip(),
        questions=tuple(norm.questions),
        keywords=tuple(norm.keywords),
        synonyms=tuple((term, tuple(variants)) for term, variants in norm.synonyms.items()),
        related=tuple(norm.related),
        deadlines=tuple(
            DeadlineRule(
                id=rule.id,
                norm_id=norm.id,
                subject=rule.subject,
                anchor=rule.anchor,
                relation=rule.relation,
                amount=rule.amount,
                unit=rule.unit,
                quote=rule.quote,
            )
            for rule in norm.deadlines
        ),
        outline_only=norm.status == "outline",
        source_file=display_path(part.path),
    )
