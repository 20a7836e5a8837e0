"""Ownership and control links between parties: who owns how much of what, and who controls what.

A share is an interval of percentages (:class:`Share`): exact (``50%``), a
range a source gives (``between 10% and 20%``), or a band as registers publish
them (the UK's persons with significant control: ``25-50%``, ``50-75%``,
``75-100%``). Links may start and end; :meth:`Ownership.active` says whether
one holds on a date.
"""

from __future__ import annotations

from dataclasses import dataclass

from embargo.errors import QueryError

__all__ = ["Control", "Ownership", "Share"]


@dataclass(frozen=True, slots=True, order=True)
class Share:
    """A share of an entity in percent, as an interval ``[low, high]`` (``low == high``: exact)."""

    low: float
    high: float

    def __post_init__(self) -> None:
        if not 0.0 <= self.low <= self.high <= 100.0:
            raise QueryError(f"a share is a percentage from 0 to 100, low <= high: not {self.low}-{self.high}")

    @classmethod
    def exact(cls, percent: float) -> Share:
        """An exact share (``Share.exact(50)``: 50%)."""
        return cls(percent, percent)

    @property
    def is_exact(self) -> bool:
        """True when the share is known exactly."""
        return self.low == self.high

    def __add__(self, other: Share) -> Share:
        """The sum of two shares of one entity (never above 100%)."""
        return Share(min(100.0, self.low + other.low), min(100.0, self.high + other.high))

    def __str__(self) -> str:
        def pct(v: float) -> str:
            return f"{v:g}%"

        return pct(self.low) if self.is_exact else f"{self.low:g}-{pct(self.high)}"


NONE = Share(0.0, 0.0)


def _active(start: str | None, end: str | None, on: str | None) -> bool:
    """Whether a link that starts and ends so holds on ``on`` (an ISO date; None: now, i.e. not ended)."""
    if on is None:
        return end is None
    return (start is None or start[: len(on)] <= on) and (end is None or on < end[: len(on)])


@dataclass(frozen=True, slots=True)
class Ownership:
    """``owner`` holds ``share`` of ``asset``.

    Attributes:
        owner: the owning party's id (a listed entity, a party, or a company of the ownership data).
        asset: the owned entity's id.
        share: its share of the asset.
        start: ISO date the holding began, if known.
        end: ISO date it ended (None: it holds).
        source: where the link comes from (a file, a register, a list's relationship).
    """

    owner: str
    asset: str
    share: Share
    start: str | None = None
    end: str | None = None
    source: str = ""

    def active(self, on: str | None = None) -> bool:
        """Whether the holding holds on ``on`` (an ISO date; None: it has not ended)."""
        return _active(self.start, self.end, on)


@dataclass(frozen=True, slots=True)
class Control:
    """``controller`` controls ``asset`` without (or beside) a share: a director, a parent, "controlled by".

    Attributes:
        kind: how (``director``, ``controlled by``, ``parent``).
    """

    controller: str
    asset: str
    kind: str = "controlled by"
    start: str | None = None
    end: str | None = None
    source: str = ""

    def active(self, on: str | None = None) -> bool:
        """Whether the control holds on ``on`` (an ISO date; None: it has not ended)."""
        return _active(self.start, self.end, on)
