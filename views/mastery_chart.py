"""The team's mastery of the material as a heat map: members down, sections across, each cell
the share of the section's norms the member has mastered (每日一练). Drawn like the /stats
chart: Agg canvas, no pyplot, the shipped CJK font."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING

from views.stats_chart import DPI, INK, MUTED, WIDTH_IN, _prepare_matplotlib

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from training.coach import SectionMastery

TITLE = "团队规范掌握情况（每日一练）"
CAPTION = (
    "📚 {team} 每日一练掌握情况：每格是该成员已掌握的本节规范比例。"
    "各节明细和最薄弱的规范见 /team。"
)
ROW_IN, HEADER_IN = 0.42, 1.6
LABEL_LINE = 4  # characters of a section's title per line under its number
LABEL_LINES = 3


@dataclass(frozen=True)
class MasteryGrid:
    """Rows of members, columns of sections; each value the share mastered, 0 to 1."""

    team: str
    sections: tuple[str, ...]  # short labels: "1.2.1 拜访客户规范"
    members: tuple[str, ...]
    values: tuple[tuple[float, ...], ...]  # values[member][section]


def mastery_grid(
    team: str, members: Sequence[tuple[str, Sequence[SectionMastery]]]
) -> MasteryGrid:
    """The grid of `members`' mastery per section (each member's sections in the same order, as
    Coach.mastery_by_section gives them)."""
    sections = tuple(item.label for item in members[0][1]) if members else ()
    return MasteryGrid(
        team,
        sections,
        tuple(name for name, _ in members),
        tuple(tuple(item.share for item in mastered) for _, mastered in members),
    )


def render_mastery(grid: MasteryGrid) -> bytes:
    buffer = BytesIO()
    with warnings.catch_warnings():
        # A name with an ideograph no shipped font has (𪚥) shows a box for that character;
        # the chart is still right, so that is not worth a warning in the log.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        draw_mastery(grid).savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


def draw_mastery(grid: MasteryGrid) -> Figure:
    _prepare_matplotlib()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.colors import LinearSegmentedColormap
    from matplotlib.figure import Figure
    from matplotlib.ticker import PercentFormatter

    height = HEADER_IN + ROW_IN * max(len(grid.members), 1)
    figure = Figure(figsize=(WIDTH_IN, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.subplots()
    figure.suptitle(f"{grid.team} {TITLE}", fontsize=11, color=INK)
    colours = LinearSegmentedColormap.from_list("mastery", ["#fbe3e1", "#f6d365", "#2e9e5b"])
    values = [list(row) for row in grid.values] or [[0.0] * len(grid.sections)]
    image = axes.imshow(values, cmap=colours, vmin=0.0, vmax=1.0, aspect="auto")
    axes.set_xticks(range(len(grid.sections)), labels=_wrapped(grid.sections), fontsize=6)
    axes.set_yticks(range(len(grid.members)), labels=list(grid.members), fontsize=8)
    axes.tick_params(axis="x", top=True, bottom=False, labeltop=True, labelbottom=False)
    axes.tick_params(colors=MUTED, length=0)
    for row, line in enumerate(grid.values):
        for column, value in enumerate(line):
            colour = "white" if value >= 0.7 else INK
            axes.text(
                column, row, f"{value:.0%}", ha="center", va="center", fontsize=7, color=colour
            )
    for spine in axes.spines.values():
        spine.set_visible(False)
    bar = figure.colorbar(image, ax=axes, orientation="horizontal", fraction=0.05, pad=0.02)
    bar.set_label("已掌握的规范比例（第4、5盒）", fontsize=7, color=MUTED)
    bar.ax.tick_params(labelsize=6, colors=MUTED)
    bar.ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
    return figure


def _wrapped(labels: Sequence[str]) -> list[str]:
    """'1.2.1 拜访客户规范' → the number over the title in lines of four characters, so that ten
    narrow columns stay readable side by side."""
    wrapped = []
    for label in labels:
        number, _, title = label.partition(" ")
        lines = [title[start : start + LABEL_LINE] for start in range(0, len(title), LABEL_LINE)]
        if len(lines) > LABEL_LINES:
            lines = [*lines[: LABEL_LINES - 1], lines[LABEL_LINES - 1][:-1] + "…"]
        wrapped.append("\n".join([number, *lines]))
    return wrapped
