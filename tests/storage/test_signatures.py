"""Each manager's signature for drafted letters: saved, read back, theirs alone."""

from __future__ import annotations

from storage.signatures import Signature, Signatures
from storage.store import Store
from tests.conftest import FIXED_NOW


def test_a_signature_is_saved_and_read_back(fresh_store: Store) -> None:
    signatures = Signatures(fresh_store.db)
    assert signatures.get(1) is None
    signatures.save(1, Signature("张三", "客户经理", "政企一组", "138", "某分公司"), FIXED_NOW)
    signatures.save(2, Signature("李四"), FIXED_NOW)
    assert signatures.get(1) == Signature("张三", "客户经理", "政企一组", "138", "某分公司")
    assert signatures.get(2) == Signature("李四")


def test_saving_again_replaces_the_signature(fresh_store: Store) -> None:
    signatures = Signatures(fresh_store.db)
    signatures.save(1, Signature("张三", phone="138"), FIXED_NOW)
    signatures.save(1, Signature("张三", phone="139"), FIXED_NOW)
    assert signatures.get(1) == Signature("张三", phone="139")


def test_the_lines_leave_out_what_is_empty() -> None:
    assert Signature("李明").lines() == ("李明",)
    assert Signature("李明", "客户经理", None, "138", "某分公司").lines() == (
        "某分公司",
        "客户经理 李明",
        "电话：138",
    )
