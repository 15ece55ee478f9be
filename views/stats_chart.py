"""/stats chart: visits per week and deadlines kept, as a PNG readable on a phone.

matplotlib is imported on the first chart, not at start-up (it takes half a second), and draws
with the Agg canvas and no pyplot, so charts made in worker threads share no global figure
state. Chinese text uses the font shipped in views/fonts/ (a subset of Noto Sans CJK SC),
registered from its path, so the chart looks the same on every machine, fonts installed or not.
"""

from __future__ import annotations

import threading
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from fieldwork.stats import Deadlines, WorkStats
from timekeeping.zone import local_date

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

CHART_FONT = Path(__file__).with_name("fonts") / "ChartSansSC-Regular.otf"
CHART_FONT_FAMILY = "Chart Sans SC"

# 1000 px wide at 200 dpi, so 8-point text is 22 px: readable when a phone shows it full width.
# The height grows with the rows of the rate panels: 940 px for a manager, 1300 px for a team
# of three, so every row keeps the same height.
WIDTH_IN, DPI = 5.0, 200
VISITS_IN = 3.4
RATE_PANEL_IN, RATE_ROW_IN = 0.35, 0.3

VISITS_TITLE = "近12周拜访次数"
THANK_YOU_TITLE = "感谢函按时率"
REPLIES_TITLE = "书面答复按时率"
TEAM_ROW = "全队"

# Segments of an on-time bar, in order, with their colours.
SEGMENTS = (
    ("on_time", "按时", "#2e9e5b"),
    ("late", "逾期完成", "#f0a030"),
    ("overdue", "超期未完成", "#d64541"),
    ("pending", "未到期", "#c8ccd2"),
)
MEMBER_COLOURS = (
    "#3b6fd4",
    "#f08c2e",
    "#34a37b",
    "#c9465e",
    "#8a63c9",
    "#2fa6c4",
    "#9c7a3c",
    "#d467b3",
    "#6f7d8c",
    "#b5b82e",
)
SINGLE_COLOUR = "#3b6fd4"
LEGEND_COLUMNS = 4
INK, MUTED = "#1f2933", "#6b7785"

_setup_lock = threading.Lock()
_ready = False


def _prepare_matplotlib() -> None:
    """Register the shipped font and make it the default, once per process."""
    global _ready
    with _setup_lock:
        if _ready:
            return
        import matplotlib
        from matplotlib import font_manager

        font_manager.fontManager.addfont(str(CHART_FONT))
        matplotlib.rcParams.update(
            {
                # DejaVu Sans (bundled with matplotlib) only backs up characters the subset
                # lacks, such as rare ideographs outside the basic CJK block.
                "font.family": [CHART_FONT_FAMILY, "DejaVu Sans"],
                "axes.unicode_minus": False,
            }
        )
        _ready = True


def render_chart(stats: WorkStats) -> bytes:
    """The PNG: visits per week on top (stacked per member for a team), on-time rates below."""
    buffer = BytesIO()
    draw_chart(stats).savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


def draw_chart(stats: WorkStats) -> Figure:
    """The chart as a matplotlib Figure on an Agg canvas (tests look at its texts)."""
    _prepare_matplotlib()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    team = stats.team is not None
    rate_rows = len(stats.members) + 1 if team else 1
    rate_height = RATE_PANEL_IN + RATE_ROW_IN * rate_rows
    figure = Figure(figsize=(WIDTH_IN, VISITS_IN + 2 * rate_height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    visits_axes, thank_you_axes, replies_axes = figure.subplots(
        3, 1, height_ratios=[VISITS_IN, rate_height, rate_height]
    )
    figure.suptitle(_headline(stats), fontsize=12, color=INK)
    _draw_visits(visits_axes, stats)
    if stats.thank_you_rule_known:
        rows = _rate_rows(stats, stats.thank_you, [m.thank_you for m in stats.members])
        _draw_rates(thank_you_axes, THANK_YOU_TITLE, rows, legend=True)
    else:
        _draw_unavailable(thank_you_axes, THANK_YOU_TITLE)
    _draw_rates(
        replies_axes,
        REPLIES_TITLE,
        _rate_rows(stats, stats.replies, [m.replies for m in stats.members]),
        legend=not stats.thank_you_rule_known,
    )
    return figure


def _headline(stats: WorkStats) -> str:
    today = local_date(stats.now)
    who = f"{stats.team} 团队" if stats.team else "我的"
    return f"{who}工作统计（截至{today.month}月{today.day}日）"


def _week_labels(stats: WorkStats) -> list[str]:
    labels = [f"{monday.month}/{monday.day}" for monday in stats.weeks]
    labels[-1] = "本周"
    return labels


def _draw_visits(axes: Axes, stats: WorkStats) -> None:
    from matplotlib.ticker import MaxNLocator

    positions = list(range(len(stats.weeks)))
    bottom = [0] * len(positions)
    team = stats.team is not None
    for number, member in enumerate(stats.members):
        colour = MEMBER_COLOURS[number % len(MEMBER_COLOURS)] if team else SINGLE_COLOUR
        axes.bar(
            positions,
            member.visits_per_week,
            bottom=bottom,
            width=0.72,
            color=colour,
            label=member.name,
            edgecolor="white",
            linewidth=0.6,
        )
        bottom = [
            below + count for below, count in zip(bottom, member.visits_per_week, strict=True)
        ]
    totals = stats.visits_per_week
    for position, total in enumerate(totals):
        axes.annotate(
            str(total),
            (position, total),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=8,
            color=INK if total else MUTED,
        )
    # A team's legend sits between the title and the bars, so it never covers a bar's total.
    legend_rows = -(-len(stats.members) // LEGEND_COLUMNS) if team else 0
    axes.set_title(VISITS_TITLE, fontsize=11, color=INK, loc="left", pad=4 + 13 * legend_rows)
    axes.set_xticks(positions, _week_labels(stats), fontsize=7.5, color=INK)
    axes.set_xlabel("每周从周一算起（标注为周一日期）", fontsize=7.5, color=MUTED)
    axes.set_ylabel("次数", fontsize=8, color=MUTED)
    axes.tick_params(axis="y", labelsize=8, colors=MUTED)
    axes.tick_params(axis="x", length=0)
    axes.set_xlim(-0.6, len(positions) - 0.4)
    axes.set_ylim(0, max(max(totals, default=0) * 1.18, 4))
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.grid(axis="y", color="#e4e7eb", linewidth=0.6)
    axes.set_axisbelow(True)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    if team and stats.members:
        axes.legend(
            loc="lower left",
            bbox_to_anchor=(0.0, 1.0),
            ncols=min(len(stats.members), LEGEND_COLUMNS),
            fontsize=8,
            frameon=False,
            handlelength=1.0,
            columnspacing=1.2,
            borderaxespad=0.2,
        )


def _rate_rows(
    stats: WorkStats, team: Deadlines, per_member: list[Deadlines]
) -> list[tuple[str, Deadlines]]:
    """One row for a manager; for a team lead the team first, then each member."""
    if stats.team is None:
        return [("", team)]
    return [
        (TEAM_ROW, team),
        *zip((member.name for member in stats.members), per_member, strict=True),
    ]


def rate_text(counts: Deadlines) -> str:
    """'80%  8/10' — the on-time rate and the counts it comes from — or why there is none."""
    if counts.rate is None:
        return f"{counts.pending} 件未到期" if counts.pending else "暂无"
    return f"{counts.rate:.0%}  {counts.on_time}/{counts.decided}"


def _draw_rates(
    axes: Axes, title: str, rows: list[tuple[str, Deadlines]], *, legend: bool
) -> None:
    positions = list(range(len(rows)))
    left = [0.0] * len(rows)
    for key, label, colour in SEGMENTS:
        shares = [
            getattr(counts, key) / counts.total if counts.total else 0.0 for _, counts in rows
        ]
        axes.barh(positions, shares, left=left, height=0.62, color=colour, label=label)
        left = [before + share for before, share in zip(left, shares, strict=True)]
    for position, (_, counts) in enumerate(rows):
        axes.text(
            1.03,
            position,
            rate_text(counts),
            va="center",
            ha="left",
            fontsize=8.5,
            color=INK if counts.rate is not None else MUTED,
        )
        if not counts.total:
            axes.barh(position, 1.0, height=0.62, color="#f1f3f5")
    if len(rows) > 1:  # the team's row apart from its members'
        axes.axhline(0.5, xmin=0, xmax=1 / 1.32, color=MUTED, linewidth=0.6, linestyle=(0, (2, 2)))
    axes.set_title(title, fontsize=11, color=INK, loc="left")
    axes.set_yticks(positions, [name for name, _ in rows], fontsize=8.5, color=INK)
    margin = 0.6 if len(rows) > 1 else 0.9  # a lone bar stays as slim as a team's
    axes.set_ylim(len(rows) - 1 + margin, -margin)  # first row on top
    axes.set_xlim(0, 1.32)
    axes.set_xticks([])
    axes.tick_params(axis="y", length=0)
    for side in ("top", "right", "bottom", "left"):
        axes.spines[side].set_visible(False)
    if legend:
        axes.legend(
            loc="lower right",
            bbox_to_anchor=(1.0, 1.0),
            ncols=len(SEGMENTS),
            fontsize=7,
            frameon=False,
            handlelength=0.9,
            columnspacing=0.8,
            borderaxespad=0.1,
        )


def _draw_unavailable(axes: Axes, title: str) -> None:
    axes.set_title(title, fontsize=11, color=INK, loc="left")
    axes.text(0.5, 0.5, "暂无数据", ha="center", va="center", fontsize=9, color=MUTED)
    axes.set_axis_off()
