"""The loader rejects invalid knowledge files and says where the problem is."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.loader import KnowledgeError, load_knowledge

SOURCE = (
    "拜访客户规范—上门拜访10严格遵守预约时间,且至少提前5分钟到达预约地点;"
    "正式拜访结束后48个小时内送出感谢函。"
)

VALID_PART = """
chapter: 1
chapter_title: 客户经理的工作职责和规范
section: "1.2.1"
section_title: 拜访客户规范
norms:
  - id: "1.2.1-01"
    heading: 拜访客户规范—上门拜访
    title: 至少提前5分钟到达
    text: 严格遵守预约时间，且至少提前5分钟到达预约地点；
    questions: [提前几分钟到, 能迟到吗, 几点到]
    keywords: [提前5分钟]
    related: ["1.2.1-02"]
  - id: "1.2.1-02"
    title: 48小时内送出感谢函
    text: 正式拜访结束后48个小时内送出感谢函。
    questions: [感谢函几天, 感谢信什么时候发, 拜访后写感谢函吗]
    keywords: [感谢函]
    deadlines:
      - id: thank_you_letter
        subject: formal_visit
        anchor: end
        relation: due_within
        amount: 48
        unit: hours
        quote: 正式拜访结束后48个小时内送出感谢函
skipped:
  - text: 拜访客户规范—上门拜访[10]
    reason: page number
"""


def write_base(tmp_path: Path, part: str) -> tuple[Path, Path, Path]:
    norms = tmp_path / "norms"
    norms.mkdir()
    (norms / "1.2.1.yaml").write_text(part, encoding="utf-8")
    lexicon = tmp_path / "lexicon.yaml"
    lexicon.write_text("synonyms: {感谢函: [感谢信]}\nstopwords: [吗]\n", encoding="utf-8")
    source = tmp_path / "source.txt"
    source.write_text(SOURCE, encoding="utf-8")
    return norms, lexicon, source


def problems_for(tmp_path: Path, part: str) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(*write_base(tmp_path, part))
    return [str(problem) for problem in caught.value.problems]


def test_valid_part_loads_with_deadline_rule_next_to_its_norm(tmp_path: Path) -> None:
    kb = load_knowledge(*write_base(tmp_path, VALID_PART))
    rule = kb.deadline_rule("thank_you_letter")
    assert rule is not None
    assert (rule.norm_id, rule.amount, rule.unit) == ("1.2.1-02", 48, "hours")
    assert kb.norm("1.2.1-01").source == "1.2.1 拜访客户规范—上门拜访"  # type: ignore[union-attr]
    assert kb.norm("1.2.1-02").source == "1.2.1 拜访客户规范"  # type: ignore[union-attr]


def test_missing_field_names_file_entry_and_field(tmp_path: Path) -> None:
    part = VALID_PART.replace("    keywords: [提前5分钟]\n", "")
    [problem] = problems_for(tmp_path, part)
    assert "1.2.1.yaml" in problem
    assert "norm 1.2.1-01" in problem
    assert "field 'keywords'" in problem


def test_too_few_example_questions_is_reported(tmp_path: Path) -> None:
    part = VALID_PART.replace("[提前几分钟到, 能迟到吗, 几点到]", "[提前几分钟到]")
    [problem] = problems_for(tmp_path, part)
    assert "norm 1.2.1-01" in problem
    assert "field 'questions'" in problem


def test_text_not_in_the_material_is_rejected(tmp_path: Path) -> None:
    part = VALID_PART.replace("且至少提前5分钟到达预约地点；", "且至少提前10分钟到达预约地点；")
    [problem] = problems_for(tmp_path, part)
    assert "norm 1.2.1-01" in problem
    assert "field 'text'" in problem
    assert "not in the material" in problem


def test_unknown_related_id_is_rejected(tmp_path: Path) -> None:
    part = VALID_PART.replace('related: ["1.2.1-02"]', 'related: ["1.2.1-09"]')
    [problem] = problems_for(tmp_path, part)
    assert "field 'related'" in problem
    assert "1.2.1-09" in problem


def test_deadline_quote_must_come_from_the_norm_text(tmp_path: Path) -> None:
    part = VALID_PART.replace(
        "quote: 正式拜访结束后48个小时内送出感谢函", "quote: 严格遵守预约时间"
    )
    [problem] = problems_for(tmp_path, part)
    assert "thank_you_letter" in problem


def test_deadline_amount_without_unit_is_rejected(tmp_path: Path) -> None:
    part = VALID_PART.replace("        unit: hours\n", "")
    [problem] = problems_for(tmp_path, part)
    assert "norm 1.2.1-02" in problem
    assert "field 'deadlines.0'" in problem


def test_duplicate_norm_id_is_rejected(tmp_path: Path) -> None:
    part = VALID_PART.replace('id: "1.2.1-02"', 'id: "1.2.1-01"').replace(
        'related: ["1.2.1-02"]', "related: []"
    )
    assert any("duplicate id" in problem for problem in problems_for(tmp_path, part))


def test_norm_id_must_belong_to_its_section(tmp_path: Path) -> None:
    part = VALID_PART.replace('id: "1.2.1-02"', 'id: "1.2.2-02"').replace(
        'related: ["1.2.1-02"]', "related: []"
    )
    [problem] = problems_for(tmp_path, part)
    assert "must start with '1.2.1-'" in problem


def test_broken_yaml_is_reported_with_its_file(tmp_path: Path) -> None:
    [problem] = problems_for(tmp_path, VALID_PART + "\n  - : [\n")
    assert "1.2.1.yaml" in problem
    assert "invalid YAML" in problem


def test_unknown_field_is_rejected(tmp_path: Path) -> None:
    part = VALID_PART.replace(
        "    title: 48小时内送出感谢函", "    title: 48小时内送出感谢函\n    titel: x"
    )
    [problem] = problems_for(tmp_path, part)
    assert "field 'titel'" in problem


def test_skipped_text_must_exist_in_the_material(tmp_path: Path) -> None:
    part = VALID_PART.replace("拜访客户规范—上门拜访[10]", "拜访客户规范—电话拜访[10]")
    [problem] = problems_for(tmp_path, part)
    assert "skipped[0]" in problem
