"""The /stats text: totals, this week against last, on-time rates with their counts."""

from __future__ import annotations

from fieldwork.stats import Deadlines, MemberStats, WorkStats, week_starts
from knowledge.service import Knowledge
from tests.conftest import FIXED_NOW
from views.stats import CAPTION_LIMIT, deadlines_text, stats_summary

WEEKS = week_starts(FIXED_NOW)


def member(name: str, owner: int = 1, **counts: Deadlines) -> MemberStats:
    visits = (0,) * 10 + (5, 3)  # last week 5, this week 3
    return MemberStats(
        owner_id=owner,
        name=name,
        visits_per_week=visits,
        thank_you=counts.get("thank_you", Deadlines(on_time=8, late=1, overdue=1, pending=2)),
        replies=counts.get("replies", Deadlines(on_time=3)),
    )


def test_deadlines_text_gives_rate_counts_and_what_is_open() -> None:
    counts = Deadlines(on_time=8, late=1, overdue=1, pending=2)
    assert (
        deadlines_text(counts, late="逾期送出", overdue="超期未送")
        == "80%（按时 8/10；逾期送出 1，超期未送 1；未到期 2）"
    )
    assert deadlines_text(Deadlines(on_time=3), late="逾期", overdue="超期") == "100%（按时 3/3）"


def test_deadlines_text_without_anything_due() -> None:
    assert deadlines_text(Deadlines(), late="逾期", overdue="超期") == "暂无"
    assert deadlines_text(Deadlines(pending=2), late="逾期", overdue="超期") == (
        "暂无已到期的（未到期 2）"
    )


def test_a_managers_summary(knowledge: Knowledge) -> None:
    stats = WorkStats(FIXED_NOW, WEEKS, (member("李明"),))
    caption, rest = stats_summary(stats, knowledge.kb)
    assert rest is None
    lines = caption.splitlines()
    assert lines[0] == "📊 近12周工作统计（9月7日—11月27日）"
    assert lines[1] == "拜访：共 8 次；本周 3 次，上周 5 次"
    assert lines[2] == "感谢函按时率：80%（按时 8/10；逾期送出 1，超期未送 1；未到期 2）"
    assert lines[3] == "书面答复按时率：100%（按时 3/3）"
    assert "48个小时" in lines[4]
    assert "1.2.1-12" in lines[4]
    assert "1.2.2-01" in lines[4]
    assert "李明" not in caption


def test_a_team_summary_lists_each_member(knowledge: Knowledge) -> None:
    stats = WorkStats(
        FIXED_NOW,
        WEEKS,
        (member("王芳", 1), member("李明", 2, replies=Deadlines(pending=1))),
        team="政企一组",
    )
    caption, rest = stats_summary(stats, knowledge.kb)
    assert rest is None
    assert caption.startswith("📊 政企一组 团队近12周工作统计")
    assert "拜访：共 16 次；本周 6 次，上周 10 次" in caption
    assert "· 王芳：拜访 8 次（本周 3，上周 5）；感谢函 80%（8/10）；答复 100%（3/3）" in caption
    assert "· 李明：拜访 8 次（本周 3，上周 5）；感谢函 80%（8/10）；答复 —" in caption


def test_a_large_teams_members_follow_the_caption(knowledge: Knowledge) -> None:
    members = tuple(member(f"组员{number:02d}", number) for number in range(20))
    stats = WorkStats(FIXED_NOW, WEEKS, members, team="政企一组")
    caption, rest = stats_summary(stats, knowledge.kb)
    assert len(caption) <= CAPTION_LIMIT
    assert rest is not None
    assert rest.startswith("分人统计：")
    assert "组员19" in rest
    assert "组员19" not in caption


def test_without_the_thank_you_rule_its_rate_is_left_out(knowledge: Knowledge) -> None:
    stats = WorkStats(FIXED_NOW, WEEKS, (member("李明"),), thank_you_rule_known=False)
    caption, _ = stats_summary(stats, knowledge.kb)
    assert "感谢函按时率" not in caption
