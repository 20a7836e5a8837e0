"""The four-eyes policy, stored in the store itself so that every process that writes obeys it.

Until issue 20 the policy was an environment variable, so a CLI or a server
started without it decided alone. It now lives in the store (``monitor_meta``,
key ``four_eyes``), is changed only by an admin principal (``embargo
four-eyes on``, ``PUT /four-eyes``), each change audited
(``settings.four_eyes``), and read inside the transaction of every decision:
:func:`embargo.monitor.decisions.decide` refuses a decision the policy sends
to an approver, and :func:`embargo.monitor.approvals.request_decision` turns
it into a request.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from embargo.audit import append
from embargo.auth.principals import Principal, resolve_principal
from embargo.errors import ConfigError, QueryError, StoreError
from embargo.monitor._clock import now
from embargo.settings import env_text
from embargo.store import Store, meta
from embargo.store.connection import Connection

__all__ = ["FourEyes", "check_legacy_setting", "current_policy", "load_policy", "set_policy"]

_META_KEY = "four_eyes"


@dataclass(frozen=True, slots=True)
class FourEyes:
    """When a decision needs a second principal.

    Attributes:
        enabled: four-eyes is on.
        min_score: a false positive on an alert scored at least this waits for approval.
    """

    enabled: bool = False
    min_score: float = 0.9

    def needs_approval(self, decision: str, score: float) -> bool:
        """True when ``decision`` on an alert of ``score`` must wait for an approver."""
        if not self.enabled:
            return False
        # a payment's rejection blocks it as a true match does; its release clears it as a false positive does
        return decision in ("true_match", "reject") or (
            decision in ("false_positive", "release") and score >= self.min_score
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form (what the store keeps and the API answers)."""
        return {"enabled": self.enabled, "min_score": self.min_score}


def load_policy(conn: Connection) -> FourEyes:
    """The store's policy, read on ``conn`` (off when it was never set).

    Raises:
        StoreError: the stored policy cannot be read (never silently taken as off).
    """
    value = meta.get(conn, _META_KEY)
    if value is None:
        return FourEyes()
    try:
        data = json.loads(value)
        return FourEyes(bool(data["enabled"]), float(data["min_score"]))
    except (ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"the stored four-eyes policy cannot be read ({value!r}): set it again") from exc


def current_policy(store: Store) -> FourEyes:
    """The store's policy now."""
    with store.reading("the four-eyes policy") as conn:
        return load_policy(conn)


def set_policy(store: Store, policy: FourEyes, by: Principal | str) -> FourEyes:
    """Store a new policy, audited (``settings.four_eyes``, with the one it replaces).

    Raises:
        QueryError: a score outside 0 to 1.
        PermissionDenied: ``by`` is no principal of the store.
    """
    if not 0.0 <= policy.min_score <= 1.0:
        raise QueryError(f"the four-eyes score is between 0 and 1, not {policy.min_score}")
    with store.transaction() as conn:
        who = resolve_principal(conn, by)
        before = load_policy(conn)
        meta.put(conn, _META_KEY, json.dumps(policy.to_dict(), sort_keys=True))
        payload = {"before": before.to_dict(), "after": policy.to_dict(), "by_id": who.id}
        append(conn, who.name, "settings.four_eyes", payload, at=now())
    return policy


def check_legacy_setting(store: Store) -> None:
    """Refuse to start when ``EMBARGO_FOUR_EYES`` asks for four-eyes the store does not have.

    The variable is no longer read; an operator who set it must not be left
    believing decisions wait for an approver when they do not.

    Raises:
        ConfigError: ``EMBARGO_FOUR_EYES`` is on and the store's policy is off.
    """
    text = env_text("EMBARGO_FOUR_EYES").lower()
    if text in ("1", "true", "yes", "on") and not current_policy(store).enabled:
        raise ConfigError(
            "EMBARGO_FOUR_EYES is no longer read: four-eyes is a setting of the store; "
            "turn it on with `embargo four-eyes on --as ADMIN` (or unset the variable)"
        )
