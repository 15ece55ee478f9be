"""No transaction awaits inside: with updates handled concurrently, an await inside `atomic()`
would let another person's update write into it on the same connection (docs/concurrency.md).

Checked on the source: every `with ….atomic():` block of the bot's code holds no `await`,
`async with` or `async for`, and none is entered with `async with`.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_THE_BOT = {"tests", "bench", ".venv", "encoder-model", ".git"}


def bot_sources() -> list[Path]:
    return [
        path
        for path in sorted(ROOT.rglob("*.py"))
        if not NOT_THE_BOT & set(path.relative_to(ROOT).parts)
    ]


def _opens_a_transaction(item: ast.withitem) -> bool:
    call = item.context_expr
    return (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "atomic"
    )


def awaits_in_transactions(source: str, name: str) -> list[str]:
    """Each place where a transaction block awaits, as 'file:line'."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.AsyncWith) and any(map(_opens_a_transaction, node.items)):
            found.append(f"{name}:{node.lineno} (async with)")
        if isinstance(node, ast.With) and any(map(_opens_a_transaction, node.items)):
            for statement in node.body:
                for inner in ast.walk(statement):
                    if isinstance(inner, ast.Await | ast.AsyncWith | ast.AsyncFor):
                        found.append(f"{name}:{inner.lineno}")
    return found


def test_the_check_finds_an_await_inside_a_transaction() -> None:
    source = (
        "async def save(db, bot):\n"
        "    with db.atomic():\n"
        "        db.execute('INSERT …')\n"
        "        await bot.send_message(1, 'saved')\n"
    )
    assert awaits_in_transactions(source, "example.py") == ["example.py:4"]


def test_no_transaction_of_the_bot_awaits_inside() -> None:
    sources = bot_sources()
    assert len(sources) > 50  # the walk found the bot's code
    found = [
        place
        for path in sources
        for place in awaits_in_transactions(
            path.read_text(encoding="utf-8"), str(path.relative_to(ROOT))
        )
    ]
    assert found == []
