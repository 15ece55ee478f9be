"""Random Bot API failures for fault runs: 429, 502 and hangs, seeded so a run can be replayed."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from dataclasses import dataclass
from typing import Any

from standin.botapi import ApiError, BotApiStandIn, Files, Params

# What the fault kinds are called in `ChaoticBotApi.injected`.
TOO_MANY_REQUESTS = "429"
BAD_GATEWAY = "502"
HANG = "hang"


@dataclass(frozen=True)
class FaultRates:
    """The chance that one call of a chosen method fails, per kind of failure.

    A hang waits `hang_seconds` (longer than the client's read timeout) and then answers, so
    the bot gives up on a call that Telegram went on to carry out, as it happens for real.
    """

    too_many_requests: float = 0.0
    bad_gateway: float = 0.0
    hang: float = 0.0
    retry_after: int = 1
    hang_seconds: float = 6.0
    methods: frozenset[str] | None = None  # None: every method

    def __post_init__(self) -> None:
        total = self.too_many_requests + self.bad_gateway + self.hang
        if not 0.0 <= total <= 1.0:
            raise ValueError("the fault rates must add up to between 0 and 1")


class ChaoticBotApi(BotApiStandIn):
    """The stand-in, failing calls at random at the given rates while `enabled`.

    The same seed and the same sequence of calls give the same faults.
    """

    def __init__(self, rates: FaultRates, *, seed: int, **options: Any) -> None:
        super().__init__(**options)
        self.rates = rates
        self.enabled = True
        self.injected: Counter[tuple[str, str]] = Counter()  # (method, kind) -> count
        self._random = random.Random(seed)

    async def call(
        self, method: str, params: Params, files: Files | None = None
    ) -> tuple[int, dict[str, Any]]:
        kind = self._draw(method)
        if kind == TOO_MANY_REQUESTS:
            retry_after = self.rates.retry_after
            error = ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)
            return 429, error.body()
        if kind == BAD_GATEWAY:
            return 502, ApiError(502, "Bad Gateway").body()
        if kind == HANG:
            await asyncio.sleep(self.rates.hang_seconds)
        return await super().call(method, params, files)

    def _draw(self, method: str) -> str | None:
        """Which fault this call gets, if any; counted in `injected`."""
        methods = self.rates.methods
        if not self.enabled or (methods is not None and method not in methods):
            return None
        roll = self._random.random()
        kind = None
        for candidate, rate in (
            (TOO_MANY_REQUESTS, self.rates.too_many_requests),
            (BAD_GATEWAY, self.rates.bad_gateway),
            (HANG, self.rates.hang),
        ):
            if roll < rate:
                kind = candidate
                break
            roll -= rate
        if kind is not None:
            self.injected[(method, kind)] += 1
        return kind
