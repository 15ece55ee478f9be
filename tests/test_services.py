"""The bot's shared state belongs to the services object bot.py builds: two bots in one process
share none of it, and there is one clock type for all the layers."""

from __future__ import annotations

import ast
from pathlib import Path

from bot import build_application
from knowledge.service import Knowledge, KnowledgeService
from ops.configuration import Configuration
from standin.botapi import BotApiStandIn
from standin.request import StandInRequest

ROOT = Path(__file__).resolve().parents[1]


def test_two_bots_in_one_process_share_no_reminder_state(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    apps = [
        build_application(
            Configuration(
                token=None,
                api_base_url=None,
                database_path=tmp_path / f"bot{index}.db",
                admin_ids=frozenset(),
            ),
            request=StandInRequest(BotApiStandIn()),
            knowledge=KnowledgeService(knowledge=knowledge),
        )
        for index in range(2)
    ]
    first, second = (app.bot_data for app in apps)
    assert first.sweep_lock is not second.sweep_lock
    assert first.change_tracker is not second.change_tracker
    for app in apps:
        app.bot_data.store.close()


def test_the_clock_type_is_defined_once() -> None:
    defined = []
    for path in ROOT.rglob("*.py"):
        if ".venv" in path.parts:
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = node.targets if isinstance(node, ast.Assign) else []
            names = [target.id for target in targets if isinstance(target, ast.Name)]
            functions = [node.name] if isinstance(node, ast.FunctionDef) else []
            defined += [(path.relative_to(ROOT), name) for name in [*names, *functions]]
    clocks = [where for where, name in defined if name in ("Clock", "utc_now")]
    assert clocks == [Path("timekeeping/clock.py")] * 2
