"""Checks an evaluation file without showing anything of the knowledge base: every in-scope
item must name a norm (a verbatim snippet of the material that some norm's text contains, or a
norm id). For independent writers, who must not see the norms' example questions.

    python -m bench.check_eval_file bench/eval/code_switched.yaml
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.evaluation import EvalFileError, load_eval_sets
from knowledge.loader import load_knowledge


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path)
    arguments = parser.parse_args()
    try:
        sets = load_eval_sets(load_knowledge(), arguments.path)
    except EvalFileError as error:
        print(error)
        sys.exit(1)
    for name, eval_set in sets.items():
        norms = {norm_id for item in eval_set.in_scope for norm_id in item.norm_ids}
        print(
            f"{name}: {len(eval_set.in_scope)} in scope over {len(norms)} norms, "
            f"{len(eval_set.out_of_scope)} out of scope: ok"
        )


if __name__ == "__main__":
    main()
