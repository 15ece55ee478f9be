"""Prints the matcher's accuracy on the evaluation questions, as the bot answers them (small
talk such as "谢谢" gets its kind word before the matcher is asked).

python -m bench.eval_matcher                 # the held-out test set (the reported figures)
python -m bench.eval_matcher --set fresh     # a second held-out set, written later (session 5)
python -m bench.eval_matcher --set cs_test   # held out: code-switched questions (session 6)
python -m bench.eval_matcher --set fresh2    # the third writer's set (session 7; scored once)
python -m bench.eval_matcher --set fresh3    # a fifth writer's set (session 7; scored once)
python -m bench.eval_matcher --set fresh4    # a sixth writer's set (session 7; scored once)
python -m bench.eval_matcher --set fresh5    # a seventh writer's set (session 7; scored once)
python -m bench.eval_matcher --set dev       # a tuning set (so is cs_dev)
python -m bench.eval_matcher --lexical       # without the sentence encoder
python -m bench.eval_matcher -v              # also list every miss
"""

from __future__ import annotations

import argparse

from bench.calibrate import CODE_SWITCHED_FILE
from bench.evaluation import as_the_bot_answers, load_eval_sets, score
from knowledge.service import build_knowledge

SETS = ["test", "fresh", "cs_test", "fresh2", "fresh3", "fresh4", "fresh5", "dev", "cs_dev"]
LATER_SETS = ("fresh2", "fresh3", "fresh4", "fresh5")  # each in a file of its own
LATER_FILES = [CODE_SWITCHED_FILE.with_name(f"{name}.yaml") for name in LATER_SETS]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", default="test", choices=SETS)
    parser.add_argument("--lexical", action="store_true", help="without the sentence encoder")
    parser.add_argument("-v", "--verbose", action="store_true")
    arguments = parser.parse_args()
    knowledge = build_knowledge(encoder=not arguments.lexical)
    sets = load_eval_sets(knowledge.kb)
    sets.update(load_eval_sets(knowledge.kb, CODE_SWITCHED_FILE))
    for path in LATER_FILES:
        sets.update(load_eval_sets(knowledge.kb, path))
    eval_set = sets[arguments.set]
    scores = score(as_the_bot_answers(knowledge), eval_set.in_scope, eval_set.out_of_scope)
    encoder = "on" if knowledge.matcher.encoder else "off"
    print(f"evaluation set: {arguments.set} ({len(knowledge.kb.norms)} norms, encoder {encoder})")
    for line in scores.lines():
        print(line)
    if arguments.verbose:
        print("\nmisses:")
        for failure in scores.failures:
            print(" ", failure)


if __name__ == "__main__":
    main()
