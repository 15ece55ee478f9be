"""Whose records a request may read and on whose behalf it writes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
    """Writes always go to actor_id's own records; reads reach every readable owner.

    A staff member reads only their own records (`Scope.own`); a team lead's scope will widen
    readable_owner_ids to the team, never the writes.
    """

    actor_id: int
    readable_owner_ids: frozenset[int]

    def __post_init__(self) -> None:
        if self.actor_id not in self.readable_owner_ids:
            raise ValueError("a scope must be able to read the actor's own records")

    @classmethod
    def own(cls, user_id: int) -> Scope:
        return cls(actor_id=user_id, readable_owner_ids=frozenset({user_id}))
