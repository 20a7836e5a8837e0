"""The import guard: a new version that looks like a mistake is stored but not served.

A list file can be wrong without being broken: another publisher's file
under a list's name (refused earlier, by the format check), a partial
download that still parses, an old copy fetched from a stale mirror. Such a
file must never silently replace a list. So before a new version becomes
current it is compared with the current one, and it is *held* (stored, not
served; the import exits non-zero; the audit log records it) when:

- it removes more than ``max_shrink`` of the current version's entities
  (default 10%: ``EMBARGO_MAX_SHRINK``, or per list with ``embargo policy``);
- it has fewer entities than the list's floor (``min_entities``; default 1:
  ``EMBARGO_MIN_ENTITIES``, or per list);
- its publication date is older than the current version's, or the same
  date with different content.

An admin promotes a held version with ``embargo import FILE --accept-shrink
--reason ...``, ``embargo accept LIST VERSION --reason ...``, or the API; a
reason is required and audited. ``embargo update`` never promotes one.
"""

from __future__ import annotations

from dataclasses import dataclass

from embargo.settings import env_number
from embargo.store.connection import Connection
from embargo.store.policies import list_policy
from embargo.store.records import VersionInfo
from embargo.store.writer import count_removed

__all__ = ["DEFAULT_MAX_SHRINK", "DEFAULT_MIN_ENTITIES", "Policy", "hold_reason", "policy_for", "removed_count"]

DEFAULT_MAX_SHRINK = 0.10
DEFAULT_MIN_ENTITIES = 1


@dataclass(frozen=True, slots=True)
class Policy:
    """How much a list may change in one import before the new version is held.

    Attributes:
        max_shrink: largest share (0-1) of the current version's entities a new version may remove.
        min_entities: fewest entities a version may have.
        source: where the values come from (``default``, ``environment``, ``store``), for messages.
    """

    max_shrink: float = DEFAULT_MAX_SHRINK
    min_entities: int = DEFAULT_MIN_ENTITIES
    source: str = "default"

    def to_dict(self) -> dict[str, object]:
        """JSON-able form."""
        return {"max_shrink": self.max_shrink, "min_entities": self.min_entities, "source": self.source}


def default_policy() -> Policy:
    """The defaults, from ``EMBARGO_MAX_SHRINK`` and ``EMBARGO_MIN_ENTITIES`` when set.

    Raises:
        ConfigError: a setting is not a valid value (never silently replaced by the default).
    """
    shrink = env_number("EMBARGO_MAX_SHRINK", DEFAULT_MAX_SHRINK, float, 0.0, 1.0, "a share between 0 and 1 (0.1)")
    floor = env_number("EMBARGO_MIN_ENTITIES", DEFAULT_MIN_ENTITIES, int, 1, None, "a whole number of at least 1")
    changed = shrink != DEFAULT_MAX_SHRINK or floor != DEFAULT_MIN_ENTITIES
    return Policy(shrink, floor, "environment" if changed else "default")


def policy_for(conn: Connection, list_name: str) -> Policy:
    """The list's policy: its stored values where set, the defaults elsewhere."""
    base = default_policy()
    stored = list_policy(conn, list_name)
    if stored is None:
        return base
    shrink, floor = stored
    return Policy(base.max_shrink if shrink is None else shrink, base.min_entities if floor is None else floor, "store")


def removed_count(conn: Connection, old_id: int, new_id: int) -> int:
    """Entities of version ``old_id`` that version ``new_id`` does not have."""
    return count_removed(conn, old_id, new_id)


def _day(value: str) -> str:
    return value[:10]


def hold_reason(current: VersionInfo | None, new: VersionInfo, removed: int, policy: Policy) -> str | None:
    """Why ``new`` must not replace ``current`` (None: it may).

    Args:
        current: the version served now (None for a list's first import).
        new: the version just written.
        removed: entities of ``current`` missing from ``new``.
        policy: the list's policy.
    """
    reasons: list[str] = []
    if new.entities < policy.min_entities:
        reasons.append(f"it has {new.entities:,} entities, fewer than the list's floor of {policy.min_entities:,}")
    if current is not None and current.entities > 0:
        share = removed / current.entities
        if share > policy.max_shrink:
            reasons.append(
                f"it removes {removed:,} of the current version's {current.entities:,} entities "
                f"({share:.0%}; at most {policy.max_shrink:.0%} allowed)"
            )
    if current is not None and current.published and new.published:
        old_day, new_day = _day(current.published), _day(new.published)
        if new_day < old_day:
            reasons.append(f"it was published on {new_day}, before the current version ({old_day})")
        elif new_day == old_day:
            reasons.append(f"it bears the same publication date as the current version ({old_day}) but other content")
    return "; ".join(reasons) or None
