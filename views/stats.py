"""/stats — the text that comes with the chart: totals, this week against last, on-time rates."""

from __future__ import annotations

from fieldwork.stats import WEEKS, Deadlines, MemberStats, WorkStats
from knowledge.base import KnowledgeBase
from timekeeping.zone import local_date

CAPTION_LIMIT = 1024  # Telegram's limit for a photo caption

ME = "我"  # the chart's name for a user Telegram gives no first name
NO_STATS = (
    f"近{WEEKS}周还没有拜访或客户来函的记录，暂无统计。\n"
    "拜访后发送 /visit 记录，收到客户来函用 /letter 登记，之后就可以用 /stats 查看统计图。"
)
NO_TEAM_STATS = (
    f"您的团队近{WEEKS}周还没有拜访或客户来函的记录，暂无统计。\n"
    "组员用 /visit 记录拜访、用 /letter 登记来函后，这里就会有统计图。"
)


def deadlines_text(counts: Deadlines, *, late: str, overdue: str) -> str:
    """'80%（按时 8/10；逾期送出 1，超期未送 1；未到期 2）' — or why there is no rate yet."""
    if not counts.total:
        return "暂无"
    if counts.rate is None:
        return f"暂无已到期的（未到期 {counts.pending}）"
    details = [
        f"{label} {number}"
        for label, number in ((late, counts.late), (overdue, counts.overdue))
        if number
    ]
    notes = [f"按时 {counts.on_time}/{counts.decided}"]
    if details:
        notes.append("，".join(details))
    if counts.pending:
        notes.append(f"未到期 {counts.pending}")
    return f"{counts.rate:.0%}（{'；'.join(notes)}）"


def _thank_you_text(counts: Deadlines) -> str:
    return deadlines_text(counts, late="逾期送出", overdue="超期未送")


def _replies_text(counts: Deadlines) -> str:
    return deadlines_text(counts, late="逾期答复", overdue="超期未答复")


def _short_rate(counts: Deadlines) -> str:
    if counts.rate is None:
        return "—"
    return f"{counts.rate:.0%}（{counts.on_time}/{counts.decided}）"


def _member_line(member: MemberStats, stats: WorkStats) -> str:
    parts = [f"拜访 {member.visits} 次（本周 {member.this_week}，上周 {member.last_week}）"]
    if stats.thank_you_rule_known:
        parts.append(f"感谢函 {_short_rate(member.thank_you)}")
    parts.append(f"答复 {_short_rate(member.replies)}")
    return f"· {member.name}：{'；'.join(parts)}"


def _rules_line(kb: KnowledgeBase) -> str | None:
    """What 'on time' means, in the material's words (norms 1.2.1-12 and 1.2.2-01)."""
    quotes = [
        f"{rule.quote}（{rule.norm_id}）"
        for rule in (kb.deadline_rule("thank_you_letter"), kb.deadline_rule("written_reply"))
        if rule is not None
    ]
    return f"按时的标准：{'；'.join(quotes)}。" if quotes else None


def stats_summary(stats: WorkStats, kb: KnowledgeBase) -> tuple[str, str | None]:
    """The overview, and for a team lead the per-member lines as a second part.

    The two go together as the photo's caption when they fit in one (1,024 characters);
    otherwise the overview is the caption and the members follow as a message.
    """
    first, last = stats.weeks[0], local_date(stats.now)
    period = f"{first.month}月{first.day}日—{last.month}月{last.day}日"
    who = f"{stats.team} 团队" if stats.team else ""
    overview = [
        f"📊 {who}近{WEEKS}周工作统计（{period}）",
        f"拜访：共 {stats.visits} 次；本周 {stats.this_week} 次，上周 {stats.last_week} 次",
    ]
    if stats.thank_you_rule_known:
        overview.append(f"感谢函按时率：{_thank_you_text(stats.thank_you)}")
    overview.append(f"书面答复按时率：{_replies_text(stats.replies)}")
    rules = _rules_line(kb)
    if rules is not None:
        overview.append(rules)
    caption = "\n".join(overview)
    if stats.team is None:
        return caption, None
    members = "\n".join(["分人统计：", *(_member_line(member, stats) for member in stats.members)])
    together = f"{caption}\n\n{members}"
    if len(together) <= CAPTION_LIMIT:
        return together, None
    return caption, members
