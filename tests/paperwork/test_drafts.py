"""Drafted paperwork: built only from the records, in the etiquette of a Chinese business letter,
readable again as a Word file, and short enough where it has to be."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import docx
from openpyxl import load_workbook

from knowledge.service import Knowledge
from knowledge.textnorm import canon
from paperwork.bid_summary import draft_bid_summary
from paperwork.brief import BRIEF_LIMIT, ETIQUETTE, visit_brief
from paperwork.draft import Signature, draft_text
from paperwork.forecast import CustomerForecastRow, forecast_workbook
from paperwork.next_step import next_visit
from paperwork.thank_you import addressees, draft_thank_you
from paperwork.word import word_file
from paperwork.written_reply import (
    AGAINST_RULES,
    ALTERNATIVE_BLANK,
    CAN_DO,
    INTERNAL,
    UNAVAILABLE,
    ReplyPoint,
    draft_written_reply,
)
from storage.models import Bid, Customer, CustomerLetter, FollowUpItem, PlannedVisit, Visit

NOW = datetime(2026, 12, 6, 2, 0, tzinfo=UTC)  # Sunday 10:00 in Shanghai
TODAY = date(2026, 12, 6)
SIGNATURE = Signature("张𪚥三", "客户经理", "政企一组", "13800138000", "中国电信某某分公司")


def customer(name: str = "华东电力设计院") -> Customer:
    return Customer(1, 1, name, None, None, None, None, None, None, None, 30, NOW, NOW)


def visit(**fields: object) -> Visit:
    values: dict[str, object] = {
        "id": 7,
        "owner_id": 1,
        "customer_id": 1,
        "way": "onsite",
        "stage": "substance",
        "purpose": "介绍5G专网切片方案",
        "started_at": datetime(2026, 12, 5, 2, 0, tzinfo=UTC),
        "ended_at": datetime(2026, 12, 5, 3, 30, tzinfo=UTC),
        "companions": "project_group",
        "people_met": "王总、信息中心李主任（CIO）、两名工程师",
        "learned": "明年一季度计划把三个厂区的专线升级到万兆，预算已列入计划。",
        "customer_views": "对价格很敏感，觉得我们贵",
        "next_step": "下周二带方案再上门",
        "plan_id": None,
        "created_at": NOW,
    }
    values.update(fields)
    return Visit(**values)  # type: ignore[arg-type]


def commitment(text: str, days: int, kind: str = "commitment") -> FollowUpItem:
    return FollowUpItem(1, 1, 1, 7, kind, text, NOW + timedelta(days=days), None, NOW)  # type: ignore[arg-type]


def word_text(data: bytes) -> list[str]:
    return [paragraph.text for paragraph in docx.Document(io.BytesIO(data)).paragraphs]


def test_a_thank_you_letter_from_a_full_record() -> None:
    draft = draft_thank_you(
        visit(),
        customer(),
        [commitment("提交切片方案报价", 4), commitment("要演示", 5, "request")],
        SIGNATURE,
        TODAY,
    )
    text = draft_text(draft)
    assert text.splitlines()[:3] == ["感谢函", "", "尊敬的王总、信息中心李主任："]
    assert "感谢您于2026年12月5日在百忙之中接待我们的拜访。" in text
    assert "此次拜访的主要目的是介绍5G专网切片方案。" in text
    assert "我们了解到：明年一季度计划把三个厂区的专线升级到万兆" in text
    assert "1. 提交切片方案报价（12月10日前）。" in text
    assert "要演示" not in text  # what the customer asked for is not a promise of ours
    assert "下一步，下周二带方案再上门。" in text
    assert text.splitlines()[-5:] == [
        "中国电信某某分公司",
        "政企一组",
        "客户经理 张𪚥三",
        "电话：13800138000",
        "2026年12月6日",
    ]


def test_the_customers_views_never_appear_in_the_letter() -> None:
    text = draft_text(draft_thank_you(visit(), customer(), [], SIGNATURE, TODAY))
    assert "价格很敏感" not in text
    assert "贵" not in text.replace("贵单位", "")


def test_an_almost_empty_record_still_makes_a_correct_short_letter() -> None:
    bare = visit(people_met=None, learned=None, next_step=None, customer_views=None, purpose=" ")
    draft = draft_thank_you(bare, customer("某某局"), [], Signature("李明"), TODAY)
    assert draft_text(draft).splitlines() == [
        "感谢函",
        "",
        "尊敬的某某局：",
        "　　感谢您于2026年12月5日在百忙之中接待我们的拜访。",
        "　　再次感谢您的支持与信任，期待与贵单位进一步合作！",
        "　　此致",
        "敬礼！",
        "",
        "李明",
        "2026年12月6日",
    ]


def test_a_very_long_field_is_shortened_in_the_letter_only() -> None:
    learned = "客户介绍了厂区网络现状。" * 60
    record = visit(learned=learned)
    text = draft_text(draft_thank_you(record, customer(), [], SIGNATURE, TODAY))
    assert "……" in text
    assert len(text) < 1000
    assert record.learned == learned


def test_only_people_with_a_title_are_greeted() -> None:
    assert addressees("王总、信息中心李主任（CIO）、两名工程师") == ["王总", "信息中心李主任"]
    assert addressees("对方财务和两个技术") == []
    assert addressees(None) == []


def test_the_word_file_reads_back_with_every_part_and_rare_characters() -> None:
    draft = draft_thank_you(visit(), customer("𠀾鿏数据中心"), [], SIGNATURE, TODAY)
    paragraphs = word_text(word_file(draft))
    assert paragraphs[0] == "感谢函"
    assert paragraphs[1] == "尊敬的王总、信息中心李主任："
    assert "客户经理 张𪚥三" in paragraphs
    assert paragraphs[-1] == "2026年12月6日"
    assert [p for p in paragraphs if p.strip()] == [
        line.strip("　") for line in draft_text(draft).splitlines() if line.strip()
    ]


def test_a_written_reply_phrases_each_point_as_the_norms_require(knowledge: Knowledge) -> None:
    letter = CustomerLetter(
        3, 1, 1, NOW - timedelta(days=1), "关于专线扩容和资费的函", NOW, None, NOW
    )
    points = [
        ReplyPoint("把带宽升到1G", CAN_DO),
        ReplyPoint("再降价两成", INTERNAL),
        ReplyPoint("在园区建5G专网", UNAVAILABLE),
        ReplyPoint("免收三个月月租", AGAINST_RULES),
    ]
    titles = {norm.id: norm.title for norm in knowledge.kb.norms}
    draft = draft_written_reply(letter, customer(), points, SIGNATURE, TODAY, titles)
    text = draft_text(draft)
    assert "贵单位2026年12月5日的来函（关于专线扩容和资费的函）已收悉" in text
    assert "一、关于把带宽升到1G：此项我们可以办理" in text
    assert "二、关于再降价两成：此项需经我方内部商定，商定后" in text
    assert "三、关于在园区建5G专网：非常感谢贵单位的信任" in text
    assert "一旦开通" in text
    assert "四、关于免收三个月月租：非常抱歉" in text
    assert "请允许我向领导汇报后再告知" in text
    assert "1.2.2" not in text  # the norms are named in the chat notes, never in the letter
    assert any("1.2.2-04" in note for note in draft.notes)
    assert any(ALTERNATIVE_BLANK[1:-1] in note for note in draft.notes)
    assert word_text(word_file(draft))[0] == "书面答复"


def test_a_bid_summary_draft_fills_what_the_record_knows() -> None:
    bid = Bid(
        5,
        1,
        1,
        "市政务云扩容项目",
        NOW + timedelta(hours=2),
        "市公共资源交易中心",
        ("projector", "dress"),
        None,
        None,
        NOW,
    )
    draft = draft_bid_summary(bid, customer())
    text = draft_text(draft)
    assert "项目：市政务云扩容项目" in text
    assert "已准备：投影仪、职业装、衣冠整洁。" in text
    assert "未勾选：读招标要求、备应标书、标书、招标要求的其它文件、提前15分钟到达。" in text
    assert text.count("（请填写）") == 3
    assert "四、经验与改进（以资借鉴）" in word_text(word_file(draft))


def plan(starts_in: timedelta = timedelta(days=1)) -> PlannedVisit:
    return PlannedVisit(
        9,
        1,
        1,
        "onsite",
        NOW + starts_in,
        None,
        "谈万兆专线方案",
        "报价和交付时间",
        "切片方案",
        "价格和工期",
        True,
        "planned",
        None,
        NOW,
    )


def test_a_brief_is_short_most_recent_first_and_has_the_etiquette(knowledge: Knowledge) -> None:
    earlier = [
        visit(id=1, started_at=NOW - timedelta(days=40), purpose="初次拜访" * 30),
        visit(id=2, started_at=NOW - timedelta(days=5), purpose="介绍方案"),
    ]
    items = [commitment(f"第{n}项承诺" + "很长" * 40, n) for n in range(1, 9)]
    letters = [
        CustomerLetter(3, 1, 1, NOW, "关于资费的函" * 20, NOW + timedelta(days=2), None, NOW)
    ]
    brief = visit_brief(plan(), customer(), earlier, items, letters, NOW)
    assert len(brief) <= BRIEF_LIMIT
    lines = brief.splitlines()
    assert lines[0] == "📋 拜访简报 · 华东电力设计院"
    assert lines.index(next(line for line in lines if "介绍方案" in line)) < lines.index(
        next(line for line in lines if "初次拜访" in line)
    )
    assert "至少提前5分钟到达预约地点" in brief
    assert "交换名片" not in brief  # not a first meeting
    for line in ETIQUETTE:
        norm = knowledge.kb.norm(line.norm_id)
        assert norm is not None
        assert canon(line.text) in canon(norm.text)


def test_a_first_meetings_brief_reminds_of_business_cards() -> None:
    assert "初次会见要主动交换名片" in visit_brief(plan(), customer(), [], [], [], NOW)


def test_the_forecast_workbook_lists_customers_with_empty_forecast_columns() -> None:
    rows = [
        CustomerForecastRow(customer("某某局"), visit(), (commitment("要演示", 3, "request"),)),
        CustomerForecastRow(customer("华东电力设计院"), None, ()),
    ]
    sheet = load_workbook(io.BytesIO(forecast_workbook(rows, TODAY))).active
    assert sheet is not None
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == [
        "客户",
        "上次拜访",
        "上次了解到的情况",
        "未完成的客户要求",
        "业务",
        "预计时间",
        "预计金额",
        "说明",
    ]
    assert values[1][0] == "华东电力设计院"
    assert values[1][1] is None
    assert values[2][:2] == ["某某局", "2026-12-05"]
    assert values[2][3] == "要演示（12-09前）"
    assert values[2][4:] == [None, None, None, None]


def test_a_dated_next_step_proposes_the_next_visit() -> None:
    found = next_visit(visit(next_step="下周二上午带方案再上门"), [], NOW)
    assert found is not None
    assert found.said == "下周二上午"
    assert found.starts_at == datetime(2026, 12, 8, 0, 0, tzinfo=UTC)  # Tuesday morning, 8:00
    assert not found.has_time  # the plan dialog asks for the time


def test_a_commitment_date_is_used_when_the_next_step_names_none() -> None:
    found = next_visit(visit(next_step="再约"), ["12月20日前再约一次"], NOW)
    assert found is not None
    assert found.said == "12月20日"


def test_no_date_no_proposal() -> None:
    assert next_visit(visit(next_step="去3号楼找王总"), ["尽快报价"], NOW) is None
