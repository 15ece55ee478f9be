"""Prints the matcher's accuracy on the evaluation questions, as the bot answers them (small
talk such as "谢谢" gets its kind word before the matcher is asked).

python -m bench.eval_matcher              # the held-out test set (the reported figures)
python -m bench.eval_matcher --set fresh  # a second held-out set, written later (session 5)
python -m bench.eval_matcher --set dev    # the tuning set
python -m bench.eval_matcher -v           # also list every miss
"""

from __future__ import annotations

import argparse

from bench.evaluation import as_the_bot_answers, load_eval_sets, score
from knowledge.service import build_knowledge


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", default="test", choices=["test", "fresh", "dev"])
    parser.add_argument("-v", "--verbose", action="store_true")
    arguments = parser.parse_args()
    knowledge = build_knowledge()
    eval_set = load_eval_sets(knowledge.kb)[arguments.set]
    scores = score(as_the_bot_answers(knowledge), eval_set.in_scope, eval_set.out_of_scope)
    print(f"evaluation set: {arguments.set} ({len(knowledge.kb.norms)} norms)")
    for line in scores.lines():
        print(line)
    if arguments.verbose:
        print("\nmisses:")
        for failure in scores.failures:
            print(" ", failure)


if __name__ == "__main__":
    main()
