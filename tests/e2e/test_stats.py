"""/stats through the real PTB stack: a PNG photo with its summary, each seeing what they may."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

from PIL import Image

from storage.models import NewLetter
from storage.staff import ROLE_LEAD, ROLE_MANAGER, StaffRegistry
from tests.conftest import FIXED_NOW
from tests.e2e.conftest import MANAGER_ID, RunningBot, say
from tests.e2e.seeding import add_customer, log_visit, records_of
from tests.e2e.test_practice import right_option
from views.mastery_chart import HEADER_IN, ROW_IN
from views.stats_chart import DPI

COLLEAGUE_ID = 100002
LEAD_ID = 100010
OTHER_TEAM_ID = 100020
OTHER_LEAD_ID = 100030
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def seed(bot: RunningBot) -> None:
    """Two managers and a lead in 政企一组, a manager and a lead in 政企二组, with visits."""
    registry = StaffRegistry(bot.app.bot_data.store.db, bot.clock)
    for user_id, name, role, team in (
        (MANAGER_ID, "李明", ROLE_MANAGER, "政企一组"),
        (COLLEAGUE_ID, "王芳", ROLE_MANAGER, "政企一组"),
        (LEAD_ID, "赵组长", ROLE_LEAD, "政企一组"),
        (OTHER_TEAM_ID, "孙强", ROLE_MANAGER, "政企二组"),
        (OTHER_LEAD_ID, "钱组长", ROLE_LEAD, "政企二组"),
    ):
        registry.add(user_id, name, role, team, actor_id=0)
    for user_id, count in ((MANAGER_ID, 3), (COLLEAGUE_ID, 2), (OTHER_TEAM_ID, 5)):
        records = records_of(bot, user_id)
        customer = add_customer(records, f"客户{user_id}")
        for day in range(count):
            visit = log_visit(records, customer.id, FIXED_NOW - timedelta(days=2 + 7 * day))
            records.visits.mark_thank_you_sent(visit.id, visit.ended_at + timedelta(hours=3))
    mine = records_of(bot)
    customer = add_customer(mine, "华为技术有限公司")
    received = FIXED_NOW - timedelta(days=5)
    letter = mine.letters.add(
        NewLetter(customer.id, received, "扩容", received + timedelta(days=2))
    )
    mine.letters.mark_answered(letter.id, received + timedelta(days=3))


async def test_stats_sends_a_png_chart_with_the_summary_as_caption(bot: RunningBot) -> None:
    seed(bot)
    [photo] = await bot.ask("/stats")
    assert photo.kind == "photo"
    assert photo.document is not None
    assert photo.document.data.startswith(PNG_SIGNATURE)
    assert Image.open(BytesIO(photo.document.data)).size[0] == 1000
    assert photo.caption is not None
    assert len(photo.caption) <= 1024
    assert "upload_photo" in [action for _, action in bot.api.chat_actions]


async def test_a_manager_sees_only_their_own_numbers(bot: RunningBot) -> None:
    seed(bot)
    [photo] = await bot.ask("/stats")
    assert photo.caption is not None
    assert photo.caption.startswith("📊 近12周工作统计")
    assert "拜访：共 3 次；本周 1 次，上周 1 次" in photo.caption
    assert "感谢函按时率：100%（按时 3/3）" in photo.caption
    assert "书面答复按时率：0%（按时 0/1；逾期答复 1）" in photo.caption
    for name in ("王芳", "孙强", "分人"):
        assert name not in photo.caption


async def test_a_team_lead_sees_each_member_of_the_team(bot: RunningBot) -> None:
    seed(bot)
    lead = bot.api.user(LEAD_ID, first_name="赵")
    [photo] = await bot.ask("/stats", lead)
    assert photo.kind == "photo"
    caption = photo.caption or ""
    assert caption.startswith("📊 政企一组 团队近12周工作统计")
    assert "拜访：共 5 次" in caption
    assert "· 李明：拜访 3 次（本周 1，上周 1）；感谢函 100%（3/3）；答复 0%（0/1）" in caption
    assert "· 王芳：拜访 2 次（本周 1，上周 1）；感谢函 100%（2/2）；答复 —" in caption
    assert "孙强" not in caption
    assert "赵组长" not in caption  # the lead has no records of their own here


async def test_a_lead_of_another_team_sees_only_that_team(bot: RunningBot) -> None:
    seed(bot)
    other_lead = bot.api.user(OTHER_LEAD_ID, first_name="钱")
    [photo] = await bot.ask("/stats", other_lead)
    caption = photo.caption or ""
    assert "· 孙强：拜访 5 次" in caption
    assert "李明" not in caption
    assert "王芳" not in caption


async def test_stats_with_nothing_recorded_says_so(bot: RunningBot) -> None:
    reply = await bot.ask_one("/stats")
    assert reply.kind == "text"
    assert "暂无统计" in reply.plain_text


async def test_stats_in_a_group_is_refused(bot: RunningBot) -> None:
    seed(bot)
    group = bot.api.group(-100500, title="政企部")
    [reply] = await bot.driver.send(bot.manager, "/stats", chat=group)
    assert reply.kind == "text"
    assert "私聊" in reply.plain_text


async def answer_one_question(bot: RunningBot) -> None:
    """李明 answers the first question of a /quiz round (每日一练), rightly."""
    question = await say(bot, "/quiz")
    await bot.driver.press(bot.manager, question, right_option(bot, question))


async def test_a_lead_whose_team_practiced_also_gets_the_mastery_heat_map(
    bot: RunningBot,
) -> None:
    seed(bot)
    await answer_one_question(bot)
    lead = bot.api.user(LEAD_ID, first_name="赵")
    [chart, heat_map] = await bot.ask("/stats", lead)
    assert (chart.caption or "").startswith("📊 政企一组 团队近12周工作统计")
    assert heat_map.kind == "photo"
    assert heat_map.document is not None
    assert heat_map.document.data.startswith(PNG_SIGNATURE)
    assert (heat_map.caption or "").startswith("📚 政企一组 每日一练掌握情况")
    # A row for each of the team's managers (李明 and 王芳), none for the lead or 孙强.
    height = Image.open(BytesIO(heat_map.document.data)).size[1]
    assert height == round(DPI * (HEADER_IN + ROW_IN * 2))


async def test_no_heat_map_before_anyone_practiced_nor_for_a_manager(bot: RunningBot) -> None:
    seed(bot)
    lead = bot.api.user(LEAD_ID, first_name="赵")
    assert [reply.kind for reply in await bot.ask("/stats", lead)] == ["photo"]
    await answer_one_question(bot)
    assert [reply.kind for reply in await bot.ask("/stats")] == ["photo"]  # 李明's own
    other_lead = bot.api.user(OTHER_LEAD_ID, first_name="钱")
    assert [reply.kind for reply in await bot.ask("/stats", other_lead)] == ["photo"]


async def test_a_lead_without_records_still_sees_the_teams_practice(bot: RunningBot) -> None:
    registry = StaffRegistry(bot.app.bot_data.store.db, bot.clock)
    registry.add(LEAD_ID, "赵组长", ROLE_LEAD, "政企一组", actor_id=0)
    registry.add(MANAGER_ID, "李明", ROLE_MANAGER, "政企一组", actor_id=0)
    await answer_one_question(bot)
    lead = bot.api.user(LEAD_ID, first_name="赵")
    [text, heat_map] = await bot.ask("/stats", lead)
    assert "暂无统计" in text.plain_text
    assert (heat_map.caption or "").startswith("📚 政企一组 每日一练掌握情况")
