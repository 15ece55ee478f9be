"""English words and pinyin shorthand inside Chinese questions are read as the material's terms;
an English word the lexicon does not know is neutral."""

from __future__ import annotations

import pytest

from knowledge.matcher import Verdict
from knowledge.mixed import ForeignVocabulary, base_forms
from knowledge.service import Knowledge

VOCABULARY = ForeignVocabulary(
    {
        "thank-you note": "感谢函",
        "meeting": "会谈",
        "tender": "招投标",
        "kh": "客户",
        "48h": "48个小时",
    },
    {"ganxiehan": "感谢函"},
    fact_words=("price",),
)


@pytest.mark.parametrize(
    ("word", "base"),
    [
        ("notes", "note"),
        ("meetings", "meeting"),
        ("replied", "reply"),
        ("booking", "book"),
        ("planned", "plan"),
        ("customer's", "customer"),
        ("replies", "reply"),
    ],
)
def test_inflected_words_find_their_base_form(word: str, base: str) -> None:
    assert base in base_forms(word)


def test_a_phrase_is_read_whole_whatever_its_case_hyphens_and_plural() -> None:
    reading = VOCABULARY.read("拜访完多久要发thank you notes")
    assert [(word.typed, word.term) for word in reading.known] == [("thank you notes", "感谢函")]
    assert "感谢函" in reading.text
    assert "thank" not in reading.text


def test_shorthand_and_words_next_to_chinese_are_whole_words() -> None:
    reading = VOCABULARY.read("kh来电我在开meetings怎么办")
    assert [word.term for word in reading.known] == ["客户", "会谈"]


def test_an_english_word_inside_another_is_not_taken_for_it() -> None:
    reading = VOCABULARY.read("tenderness是什么")
    assert reading.known == ()
    assert reading.unknown == ("tenderness",)


def test_unknown_english_words_are_taken_out_of_the_question() -> None:
    reading = VOCABULARY.read("tender现场要带laptop吗")
    assert reading.unknown == ("laptop",)
    assert "laptop" not in reading.text
    assert "招投标" in reading.text


def test_product_names_with_digits_stay_and_known_ones_are_read() -> None:
    assert "5g" in VOCABULARY.read("5g套餐").text
    assert "48个小时" in VOCABULARY.read("48h内要发吗").text


def test_fact_words_stay_in_the_question() -> None:
    assert "price" in VOCABULARY.read("5g套餐price多少").text


def test_toneless_pinyin_of_a_term_reads_as_the_term() -> None:
    [word] = VOCABULARY.read("ganxiehan几天发").known
    assert (word.term, word.pinyin) == ("感谢函", True)


@pytest.mark.parametrize(
    ("question", "norm_id"),
    [
        ("拜访完多久要send感谢信", "1.2.1-12"),
        ("tender现场要带些啥", "1.2.4-03"),
        ("kh来函几天内回", "1.2.2-01"),
        ("Thank-you notes要几天内发", "1.2.1-12"),
        ("ganxiehan几天内发", "1.2.1-12"),
    ],
)
def test_mixed_language_questions_are_answered(
    knowledge: Knowledge, question: str, norm_id: str
) -> None:
    result = knowledge.match(question)
    assert result.verdict is Verdict.ANSWER
    assert result.candidates[0].norm.id == norm_id


def test_an_unknown_english_word_does_not_count_against_the_match(knowledge: Knowledge) -> None:
    plain = knowledge.matcher.gather("见完客户多久发感谢函")
    mixed = knowledge.matcher.gather("见完客户 lol 多久发感谢函")
    assert mixed.unknown_share == plain.unknown_share == 0.0
    assert mixed.found[0].norm.id == plain.found[0].norm.id
    assert mixed.found[0].lexical == pytest.approx(plain.found[0].lexical)
    assert knowledge.match("见完客户 lol 多久发感谢函").verdict is Verdict.ANSWER


def test_an_english_fact_question_is_still_declined(knowledge: Knowledge) -> None:
    assert knowledge.match("5G package的price多少").verdict is Verdict.DECLINE
