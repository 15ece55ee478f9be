"""The team's mastery heat map: a PNG with a row per member and a column per section."""

from __future__ import annotations

from views.mastery_chart import MasteryGrid, draw_mastery, render_mastery

GRID = MasteryGrid(
    "政企一组",
    ("1.2.1 拜访客户", "1.2.7 行为礼仪"),
    ("李明", "孙𪚥"),
    ((0.8, 0.25), (0.0, 1.0)),
)


def test_the_heat_map_is_a_png() -> None:
    assert render_mastery(GRID).startswith(b"\x89PNG")


def test_the_heat_map_names_members_sections_and_shares() -> None:
    figure = draw_mastery(GRID)
    [axes] = [axes for axes in figure.axes if axes.get_yticklabels()]
    texts = {text.get_text() for text in axes.texts}
    assert {"80%", "25%", "0%", "100%"} <= texts
    assert [label.get_text() for label in axes.get_yticklabels()] == ["李明", "孙𪚥"]
    assert [label.get_text() for label in axes.get_xticklabels()] == [
        "1.2.1\n拜访客户",
        "1.2.7\n行为礼仪",
    ]
