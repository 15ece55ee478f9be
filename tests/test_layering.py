"""Dependencies point one way, in every package: checked on the source, so a new import that
breaks the layers fails here rather than in review.

- views/, knowledge/, storage/, timekeeping/, fieldwork/, dialogs/ (and learning/, textinput/,
  access/) import no telegram: they are plain functions and data (storage's persistence, which
  is python-telegram-bot's, aside);
- nothing imports handlers/ (the Telegram face) or bot.py (the composition root) but bot.py
  itself and the harnesses, tests/ and bench/;
- only storage/ runs SQL: nothing else imports sqlite3 or sqlite-utils, reaches for the raw
  database (`.db`) or holds an SQL statement;
- timekeeping/ is the bottom layer, knowledge/ sits beside it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HARNESSES = {"tests", "bench"}
NO_TELEGRAM = {
    "views",
    "knowledge",
    "storage",
    "timekeeping",
    "fieldwork",
    "dialogs",
    "learning",
    "textinput",
    "access",
}
TELEGRAM_ALLOWED = {Path("storage/persistence.py")}  # a BasePersistence, by its nature
SQL = re.compile(r"^\s*(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|PRAGMA|BEGIN)\b")


@dataclass(frozen=True)
class Source:
    path: Path  # relative to the repository
    tree: ast.Module

    @property
    def package(self) -> str:
        """'handlers' for handlers/ask.py; 'bot' for bot.py."""
        return self.path.parts[0].removesuffix(".py")

    def imported(self) -> set[str]:
        """The top-level names of everything it imports, at the top, in functions and under
        TYPE_CHECKING alike."""
        names: set[str] = set()
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        return names


def sources() -> Iterator[Source]:
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0].startswith(".") or relative.parts[0] in {"encoder-model"}:
            continue
        yield Source(relative, ast.parse(path.read_text(encoding="utf-8")))


SOURCES = list(sources())
PACKAGES = sorted({source.package for source in SOURCES})


def of(package: str) -> list[Source]:
    return [source for source in SOURCES if source.package == package]


def test_every_package_is_checked() -> None:
    assert {"handlers", "views", "storage", "reminders", "ops", "standin", "bot"} <= set(PACKAGES)
    for package in PACKAGES:
        assert of(package), package


@pytest.mark.parametrize("package", sorted(NO_TELEGRAM))
def test_plain_layers_import_no_telegram(package: str) -> None:
    offenders = [
        str(source.path)
        for source in of(package)
        if "telegram" in source.imported() and source.path not in TELEGRAM_ALLOWED
    ]
    assert offenders == []


@pytest.mark.parametrize("package", PACKAGES)
def test_nothing_imports_the_telegram_face_or_the_composition_root(package: str) -> None:
    if package in HARNESSES | {"bot", "handlers"}:
        return
    offenders = [str(s.path) for s in of(package) if {"handlers", "bot"} & s.imported()]
    assert offenders == []


def test_handlers_do_not_import_the_composition_root() -> None:
    assert [str(s.path) for s in of("handlers") if "bot" in s.imported()] == []


@pytest.mark.parametrize("package", PACKAGES)
def test_only_storage_runs_sql(package: str) -> None:
    if package in HARNESSES | {"storage"}:
        return
    offenders = []
    for source in of(package):
        if {"sqlite3", "sqlite_utils"} & source.imported():
            offenders.append(f"{source.path}: imports sqlite")
        for node in ast.walk(source.tree):
            if isinstance(node, ast.Attribute) and node.attr == "db":
                offenders.append(f"{source.path}:{node.lineno}: reaches the raw database")
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and SQL.match(node.value)
            ):
                offenders.append(f"{source.path}:{node.lineno}: an SQL statement")
    assert offenders == []


def test_timekeeping_imports_no_bot_layer() -> None:
    forbidden = {"telegram", "storage", "handlers", "knowledge", "bot"}
    assert [str(s.path) for s in of("timekeeping") if forbidden & s.imported()] == []


def test_knowledge_imports_neither_telegram_nor_storage() -> None:
    forbidden = {"telegram", "storage", "handlers", "bot"}
    assert [str(s.path) for s in of("knowledge") if forbidden & s.imported()] == []


CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _docstrings(tree: ast.Module) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        ):
            found.add(id(node.body[0].value))
    return found


def test_what_users_read_is_written_in_views_not_in_handlers() -> None:
    """handlers/ route and send; every Chinese word a user reads comes from views/."""
    offenders = []
    for source in of("handlers"):
        docstrings = _docstrings(source.tree)
        for node in ast.walk(source.tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and CJK.search(node.value)
            ):
                offenders.append(f"{source.path}:{node.lineno}: {node.value[:20]!r}")
    assert offenders == []
