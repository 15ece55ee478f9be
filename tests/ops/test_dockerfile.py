"""The Dockerfile, read as text: every package the bot imports is copied into the image, and the
image runs as a non-root user with /data as a volume and a health check."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
# What the image runs: the bot (CMD) and the health check (HEALTHCHECK's python -m ops.health).
ENTRY_POINTS = ("bot.py", "ops/health.py")


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, with line continuations joined, comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    parsed = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, arguments = line.partition(" ")
            parsed.append((keyword.upper(), arguments.strip()))
    return parsed


def copied_paths() -> set[str]:
    """Source paths of COPY instructions, as repository paths ("handlers", "bot.py")."""
    sources: set[str] = set()
    for keyword, arguments in instructions():
        if keyword == "COPY":
            *from_paths, _ = arguments.split()
            sources |= {path.rstrip("/").removeprefix("./") for path in from_paths}
    return sources


def module_file(name: str) -> Path | None:
    """The repository file of a module or package, None for the standard library and PyPI."""
    path = ROOT.joinpath(*name.split("."))
    if path.with_suffix(".py").is_file():
        return path.with_suffix(".py")
    if (path / "__init__.py").is_file():
        return path / "__init__.py"
    return None


def imported_modules(file: Path) -> set[str]:
    """Every module a file imports, at the top or inside functions, absolute names."""
    tree = ast.parse(file.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            # `from handlers import admin` imports the module handlers.admin.
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def repository_import_graph(entry_points: tuple[str, ...]) -> set[Path]:
    """All repository files reachable by imports from the entry points."""
    seen: set[Path] = set()
    pending = [ROOT / entry for entry in entry_points]
    while pending:
        file = pending.pop()
        if file in seen:
            continue
        seen.add(file)
        for name in imported_modules(file):
            # A parent package runs before its module: handlers.admin needs handlers/__init__.
            parts = name.split(".")
            for depth in range(1, len(parts) + 1):
                found = module_file(".".join(parts[:depth]))
                if found is not None and found not in seen:
                    pending.append(found)
    return seen


def test_every_package_the_bot_imports_is_copied_into_the_image() -> None:
    needed = {file.relative_to(ROOT).parts[0] for file in repository_import_graph(ENTRY_POINTS)}
    assert {"bot.py", "handlers", "storage", "knowledge", "ops"} <= needed  # the graph works
    missing = needed - copied_paths()
    assert not missing, f"the Dockerfile does not COPY {sorted(missing)}"


def ignored_paths() -> set[str]:
    """What .dockerignore keeps out of the build context, as repository paths."""
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def test_the_stand_in_goes_in_for_the_console_but_not_its_fault_injection() -> None:
    needed = {str(file.relative_to(ROOT)) for file in repository_import_graph(ENTRY_POINTS)}
    console = {path for path in needed if path.startswith("standin/")}
    assert {"standin/botapi.py", "standin/console.py", "standin/driver.py"} <= console
    left_out = {"standin/chaos.py", "standin/http.py"}
    assert left_out <= ignored_paths()
    assert not left_out & needed  # nothing the image runs imports them
    assert not console & ignored_paths()


def test_data_the_bot_reads_at_run_time_is_copied() -> None:
    # The holiday fallback and the reminder rules live in config/; the knowledge base's YAML
    # lives inside knowledge/, which the import graph already requires.
    assert "config" in copied_paths()


def test_tests_benchmarks_and_local_data_stay_out_of_the_image() -> None:
    assert not {"tests", "bench", "data", "."} & copied_paths()


def test_image_runs_as_a_non_root_user_with_data_on_a_volume() -> None:
    parsed = instructions()
    users = [arguments for keyword, arguments in parsed if keyword == "USER"]
    assert users
    assert users[-1] not in {"root", "0"}
    assert ("VOLUME", '["/data"]') in parsed
    env = " ".join(arguments for keyword, arguments in parsed if keyword == "ENV")
    assert "BOT_DB=/data/bot.db" in env


def test_image_has_a_health_check_that_runs_the_health_command() -> None:
    [check] = [arguments for keyword, arguments in instructions() if keyword == "HEALTHCHECK"]
    assert check.endswith('CMD ["python", "-m", "ops.health"]')
    assert "--interval=30s" in check


def test_image_runs_the_bot() -> None:
    commands = [arguments for keyword, arguments in instructions() if keyword == "CMD"]
    assert commands[-1] == '["python", "bot.py", "run"]'
