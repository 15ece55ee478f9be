"""The /stats chart: a PNG of phone size, drawn with the shipped CJK font and no missing glyph."""

from __future__ import annotations

import subprocess
import sys
import warnings
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from matplotlib.text import Text
from PIL import Image

from fieldwork.stats import WorkStats, work_stats
from knowledge.model import DeadlineRule
from storage.models import WAY_ONSITE, WAY_PHONE, Way
from storage.stats_queries import LetterFact, VisitFact
from tests.conftest import FIXED_NOW
from views.stats_chart import (
    CHART_FONT,
    CHART_FONT_FAMILY,
    REPLIES_TITLE,
    THANK_YOU_TITLE,
    VISITS_TITLE,
    draw_chart,
    render_chart,
)

TEAM = {101: "张伟", 102: "李娜", 103: "欧阳堃玥"}
RULE = DeadlineRule(
    "thank_you_letter", "1.2.1-12", "formal_visit", "end", "due_within", 48, "hours", "…"
)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def sample_stats(*, team: bool = True, rule: DeadlineRule | None = RULE) -> WorkStats:
    names = TEAM if team else {101: "张伟"}
    visits: list[VisitFact] = []
    letters: list[LetterFact] = []
    for week in range(12):
        for number, owner in enumerate(names):
            started = FIXED_NOW - timedelta(weeks=week, days=number)
            ended = started + timedelta(hours=1)
            sent = ended + timedelta(hours=20 if week % 3 else 60)
            way: Way = WAY_ONSITE if week % 4 else WAY_PHONE
            visits.append(
                VisitFact(owner, way, started, ended, sent if sent < FIXED_NOW else None)
            )
        received = FIXED_NOW - timedelta(weeks=week, hours=5)
        answered = received + timedelta(days=1) if week > 1 else None
        letters.append(LetterFact(101, received, received + timedelta(days=2), answered))
    return work_stats(
        visits,
        letters,
        names,
        FIXED_NOW,
        rule,
        always_shown=list(names),
        team="政企一组" if team else None,
    )


def texts_of(figure: Figure) -> list[Text]:
    return [
        text for text in figure.findobj(Text) if text.get_visible() and text.get_text().strip()
    ]


def test_the_chart_is_a_png_a_phone_shows_full_width() -> None:
    png = render_chart(sample_stats())
    assert png.startswith(PNG_SIGNATURE)
    width, height = Image.open(BytesIO(png)).size
    assert width == 1000
    assert 900 <= height <= 1600


def test_a_managers_chart_is_shorter_than_a_teams() -> None:
    team = Image.open(BytesIO(render_chart(sample_stats()))).size
    own = Image.open(BytesIO(render_chart(sample_stats(team=False)))).size
    assert own[0] == team[0]
    assert own[1] < team[1]


def test_chinese_labels_resolve_to_the_shipped_font() -> None:
    figure = draw_chart(sample_stats())
    shipped = Path(font_manager.findfont(font_manager.FontProperties(family=CHART_FONT_FAMILY)))
    assert shipped == CHART_FONT
    chinese = [text for text in texts_of(figure) if any(ord(c) > 0x2E80 for c in text.get_text())]
    assert chinese
    for text in chinese:
        assert Path(font_manager.findfont(text.get_fontproperties())) == CHART_FONT


def test_every_character_on_the_chart_is_in_the_shipped_font() -> None:
    covered = set(FT2Font(str(CHART_FONT)).get_charmap())
    shown = {char for text in texts_of(draw_chart(sample_stats())) for char in text.get_text()}
    assert {char for char in shown if ord(char) not in covered} <= {" "}


def test_drawing_raises_no_missing_glyph_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        render_chart(sample_stats())


def test_a_font_without_chinese_would_be_caught() -> None:
    """The check above is not vacuous: drawing Chinese in DejaVu Sans does warn."""
    figure = Figure()
    figure.text(0.5, 0.5, "拜访", family="DejaVu Sans")
    with pytest.warns(UserWarning, match="missing from font"):
        figure.savefig(BytesIO(), format="png")


def test_the_chart_has_its_titles_and_a_legend_of_the_members() -> None:
    figure = draw_chart(sample_stats())
    shown = [text.get_text() for text in texts_of(figure)]
    for title in (VISITS_TITLE, THANK_YOU_TITLE, REPLIES_TITLE):
        assert title in shown
    legend = figure.axes[0].get_legend()
    assert legend is not None
    assert [text.get_text() for text in legend.get_texts()] == list(TEAM.values())
    assert "全队" in shown


def test_a_managers_chart_has_no_member_legend() -> None:
    figure = draw_chart(sample_stats(team=False))
    assert figure.axes[0].get_legend() is None


def test_without_the_thank_you_rule_the_panel_says_no_data() -> None:
    shown = [text.get_text() for text in texts_of(draw_chart(sample_stats(rule=None)))]
    assert "暂无数据" in shown


def test_matplotlib_is_not_loaded_at_start_up() -> None:
    code = "import sys, bot; print('matplotlib' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "False"
