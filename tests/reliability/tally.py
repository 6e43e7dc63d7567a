"""The reliability tally: kinds tried and handled, records lost (printed by conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Tally:
    """Outcomes recorded by the bad-input tests, keyed by kind."""

    handled: dict[str, bool] = field(default_factory=dict)
    lost: dict[str, int] = field(default_factory=dict)

    def record(self, kind: str, surface: str, *, inputs: int, outputs: int, rejected: int,
               handled: bool) -> None:
        missing = max(inputs - outputs - rejected, 0)
        self.lost[kind] = self.lost.get(kind, 0) + missing
        self.handled[kind] = self.handled.get(kind, True) and handled and missing == 0
        _ = surface  # kept in the signature so a call says which surface it reports

    def line(self) -> str:
        ok = sum(self.handled.values())
        return (f"reliability: tried {len(self.handled)} / handled {ok} / "
                f"lost {sum(self.lost.values())}")


TALLY = Tally()
