"""timekeeping is a bottom layer: pure Python, usable from handlers, storage and reminders."""

from __future__ import annotations

import ast
from pathlib import Path

import timekeeping

FORBIDDEN = {"telegram", "storage", "handlers", "knowledge", "bot"}


def test_timekeeping_imports_no_bot_layer() -> None:
    package = Path(timekeeping.__file__).parent
    imported: set[str] = set()
    for module in package.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
    assert not imported & FORBIDDEN
