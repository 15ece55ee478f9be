"""`python bot.py run` with the rate limiter off, for measuring what the handlers cost.

    python -m bench.unpaced_bot        (same environment as bot.py: TELEGRAM_BOT_TOKEN, …)

bot.py has no setting to turn the limiter off — in production it must stay on — so this runs
bot.py's own entry point with `build_application(..., rate_limited=False)` and nothing else
changed. Benchmarks only (bench.load --no-rate-limit).
"""

from __future__ import annotations

import functools
import sys

import bot


def main() -> int:
    unpaced = functools.partial(bot.build_application, rate_limited=False)
    vars(bot)["build_application"] = unpaced  # bot.run looks it up in its module at call time
    return bot.main(["run"])


if __name__ == "__main__":
    sys.exit(main())
