"""The review queue groups the same question asked many ways and puts users' agreed picks first."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

from learning.review import group_questions, new_groups_since
from storage.unanswered import DECLINED, PICKED, UNSURE, AskedQuestion
from tests.conftest import FIXED_NOW

_ids = count(1)


def asked(
    text: str, user: int = 1, outcome: str = DECLINED, picked: str | None = None, hours: float = 0
) -> AskedQuestion:
    return AskedQuestion(
        id=next(_ids),
        question=text,
        normalized=text.lower().replace(" ", ""),
        user_id=user,
        outcome=outcome,
        picked_norm_id=picked,
        asked_at=FIXED_NOW - timedelta(hours=hours),
    )


def test_the_same_normalised_question_is_one_group_with_its_counts() -> None:
    [group] = group_questions([asked("鸣谢笺几时呈上", 1), asked("鸣谢笺几时呈上", 2)])
    assert (group.count, group.askers, group.texts) == (2, 2, ("鸣谢笺几时呈上",))


def test_alike_wordings_join_and_different_questions_do_not() -> None:
    groups = group_questions(
        [asked("鸣谢笺几时呈上"), asked("鸣谢笺几时呈上呢"), asked("食堂几点开饭")]
    )
    assert sorted(group.count for group in groups) == [1, 2]


def test_the_most_asked_wording_represents_the_group() -> None:
    [group] = group_questions(
        [asked("鸣谢笺几时呈上呢"), asked("鸣谢笺几时呈上"), asked("鸣谢笺几时呈上")]
    )
    assert group.representative == "鸣谢笺几时呈上"


def test_a_norm_picked_by_two_people_is_suggested() -> None:
    [group] = group_questions(
        [
            asked("鸣谢笺几时呈上", 1, PICKED, "1.2.1-12"),
            asked("鸣谢笺几时呈上", 2, PICKED, "1.2.1-12"),
        ]
    )
    assert group.suggestion == "1.2.1-12"
    assert group.picks == {"1.2.1-12": 2}


def test_a_norm_one_person_picked_again_and_again_is_suggested() -> None:
    [group] = group_questions(
        [
            asked("鸣谢笺几时呈上", 1, PICKED, "1.2.1-12"),
            asked("鸣谢笺几时呈上", 1, PICKED, "1.2.1-12"),
        ]
    )
    assert group.suggestion == "1.2.1-12"


def test_one_pick_alone_or_disagreeing_picks_suggest_nothing() -> None:
    [single] = group_questions([asked("鸣谢笺几时呈上", 1, PICKED, "1.2.1-12")])
    [split] = group_questions(
        [
            asked("鸣谢笺几时呈上", 1, PICKED, "1.2.1-12"),
            asked("鸣谢笺几时呈上", 2, PICKED, "1.2.2-01"),
            asked("鸣谢笺几时呈上", 3, UNSURE),
        ]
    )
    assert single.suggestion is None
    assert split.suggestion is None


def test_suggested_groups_come_first_then_the_most_asked() -> None:
    groups = group_questions(
        [
            *(asked("食堂几点开饭", user) for user in range(5)),
            asked("路由器怎么重置", 1),
            asked("鸣谢笺几时呈上", 1, PICKED, "1.2.1-12"),
            asked("鸣谢笺几时呈上", 2, PICKED, "1.2.1-12"),
        ]
    )
    assert [group.representative for group in groups] == [
        "鸣谢笺几时呈上",
        "食堂几点开饭",
        "路由器怎么重置",
    ]


def test_the_group_key_is_its_oldest_question() -> None:
    first, second = asked("鸣谢笺几时呈上"), asked("鸣谢笺几时呈上")
    [group] = group_questions([second, first])
    assert group.key == first.id


def test_new_groups_are_those_asked_since_the_last_digest() -> None:
    groups = group_questions([asked("食堂几点开饭", hours=30), asked("路由器怎么重置", hours=2)])
    assert new_groups_since(groups, FIXED_NOW - timedelta(days=1)) == 1
