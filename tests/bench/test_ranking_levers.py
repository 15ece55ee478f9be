"""The ranking-levers bench ranks candidates the way the matcher does for a given fuzzy share."""

from __future__ import annotations

from bench.calibrate import Example
from bench.ranking_levers import ranked_first
from knowledge.matcher import Evidence, Found
from knowledge.service import Knowledge


def test_the_fuzzy_share_decides_which_candidate_ranks_first(knowledge: Knowledge) -> None:
    lexical_favourite, fuzzy_favourite = knowledge.kb.norms[0], knowledge.kb.norms[1]
    evidence = Evidence(
        0.0, (Found(lexical_favourite, 0.8, 0.2, 3), Found(fuzzy_favourite, 0.6, 0.9, 2))
    )
    wants_fuzzy = Example(frozenset({fuzzy_favourite.id}), evidence)
    out_of_scope = Example(None, evidence)  # not counted
    no_candidates = Example(frozenset({fuzzy_favourite.id}), Evidence(1.0, ()))

    assert ranked_first([wants_fuzzy, out_of_scope], 0.1) == 0.0
    assert ranked_first([wants_fuzzy, out_of_scope], 0.5) == 1.0
    assert ranked_first([wants_fuzzy, no_candidates], 0.5) == 0.5
