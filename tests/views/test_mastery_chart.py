"""The team's mastery heat map: a PNG with a row per member and a column per section."""

from __future__ import annotations

from training.coach import SectionMastery
from views.mastery_chart import MasteryGrid, draw_mastery, mastery_grid, render_mastery

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


def test_the_grid_has_a_row_per_member_and_a_column_per_section() -> None:
    per_member = [
        ("李明", [SectionMastery("1.2.1", "1.2.1 拜访客户规范", 0.5)]),
        ("王芳", [SectionMastery("1.2.1", "1.2.1 拜访客户规范", 1.0)]),
    ]
    grid = mastery_grid("政企一组", per_member)
    assert grid.members == ("李明", "王芳")
    assert grid.sections == ("1.2.1 拜访客户规范",)
    assert grid.values == ((0.5,), (1.0,))


def test_long_section_titles_wrap_under_their_number_and_are_cut_at_three_lines() -> None:
    grid = MasteryGrid(
        "政企一组",
        ("第一章 客户经理的工作职责和规范", "1.2.6 与竞争对手接触的原则和底线要求"),
        ("李明",),
        ((0.0, 0.5),),
    )
    [axes] = [axes for axes in draw_mastery(grid).axes if axes.get_yticklabels()]
    assert [label.get_text() for label in axes.get_xticklabels()] == [
        "第一章\n客户经理\n的工作职\n责和规范",
        "1.2.6\n与竞争对\n手接触的\n原则和…",
    ]
