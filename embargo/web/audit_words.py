"""Audit records in words: one sentence per record, with links to what it concerns.

The audit page (:mod:`embargo.web.audit_view`) shows each record as a
sentence ("A. Analyst decided alert 42 false positive: “born 1990”") made of
:class:`Piece` s, some of them links: an alert to its review page, a list
version to the list's page or its diff, a case to the page of one of its
alerts. One small function per kind of record, registered in ``_KINDS``; a
kind without one is shown as its name and a compact payload. List versions
that records keep as store ids are shown by their number within the list
(``version_seqs``), as everywhere else in the UI.

Only words are made here; the template escapes them (a payload is data an
actor typed: a note, a reason, a name).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from embargo.audit import AuditRecord

__all__ = ["Piece", "Words", "in_words"]

#: Longest note, reason or value quoted in a sentence (the whole payload is one click away).
_QUOTE = 200


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text, a link when ``href`` is set."""

    text: str
    href: str | None = None


@dataclass(frozen=True, slots=True)
class Words:
    """What the sentences need besides the record: the UI's base path and list version numbers by store id."""

    base: str
    seqs: Mapping[int, int]

    def alert(self, alert_id: Any) -> Piece:
        """``alert N``, linked to its review page."""
        if not isinstance(alert_id, int):
            return Piece(f"alert {alert_id}")
        return Piece(f"alert {alert_id}", f"{self.base}/alerts/{alert_id}")

    def listed(self, name: Any) -> Piece:
        """A list's name, linked to its page."""
        if not isinstance(name, str) or not name:
            return Piece("a list")
        return Piece(name, f"{self.base}/lists/{quote(name, safe='')}")

    def version(self, name: Any, seq: Any) -> Piece:
        """``version N`` of a list, linked to what changed in it (the diff from the one before)."""
        if not isinstance(seq, int):
            return Piece("version ?")
        if not isinstance(name, str) or not name:
            return Piece(f"version {seq}")
        page = f"{self.base}/lists/{quote(name, safe='')}"
        if seq > 1:
            return Piece(f"version {seq}", f"{page}/diff?{urlencode({'from': seq - 1, 'to': seq})}")
        return Piece(f"version {seq}", page)

    def version_id(self, name: Any, version_id: Any) -> Piece:
        """A list version the record names by store id, shown by its number within the list."""
        seq = self.seqs.get(version_id) if isinstance(version_id, int) else None
        return self.version(name, seq) if seq is not None else Piece(f"version id {version_id}")


Sentence = list[Piece]
_Maker = Callable[[AuditRecord, Words], Sentence]


def _t(*parts: str) -> Piece:
    return Piece("".join(parts))


def _quoted(text: Any) -> str:
    value = str(text or "").strip()
    if len(value) > _QUOTE:
        value = value[: _QUOTE - 1] + "…"
    return f"“{value}”"


def _note(text: Any) -> list[Piece]:
    return [_t(": ", _quoted(text))] if str(text or "").strip() else []


def _words(value: Any) -> str:
    return str(value or "").replace("_", " ")


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _count(n: Any, one: str, many: str | None = None) -> str:
    if not isinstance(n, int):
        return f"{n} {many or one + 's'}"
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _alerts(ids: Any, words: Words) -> list[Piece]:
    """``alert 1``, ``alerts 1, 2 and 3`` (the first 20 linked, then how many more)."""
    if not isinstance(ids, list) or not ids:
        return [_t("no alert")]
    shown = ids[:20]
    out: list[Piece] = [_t("alert " if len(ids) == 1 else "alerts ")]
    for i, aid in enumerate(shown):
        if i:
            out.append(_t(" and " if i == len(ids) - 1 else ", "))
        link = words.alert(aid)
        out.append(Piece(str(aid), link.href))
    if len(ids) > len(shown):
        out.append(_t(f" and {len(ids) - len(shown)} more"))
    return out


#: A held payment's decisions, as done (``released alert 7``).
_PAYMENT_DONE = {"release": "released", "reject": "rejected"}


def _alert_decide(r: AuditRecord, w: Words) -> Sentence:
    p = r.payload
    done = _PAYMENT_DONE.get(str(p.get("decision")))
    if done is not None:
        out = [_t(f"{r.actor} {done} the payment held in "), w.alert(p.get("alert_id"))]
        released = p.get("released_hits")
        if isinstance(released, int) and released:
            out.append(_t(f" ({_count(released, 'hit')} remembered as released)"))
    else:
        out = [_t(f"{r.actor} decided "), w.alert(p.get("alert_id")), _t(" ", _words(p.get("decision")))]
    out += _note(p.get("note"))
    if p.get("approved_by"):
        out.append(_t(f" (approved by {p['approved_by']})"))
    if p.get("case_id") is not None:
        out.append(_t(f" (in case {p['case_id']})"))
    return out


def _payment_raise(r: AuditRecord, w: Words) -> Sentence:
    """A held payment message raised as an alert: the message, its hits' elements and kinds, the best hit."""
    p = r.payload
    message = p.get("message") if isinstance(p.get("message"), Mapping) else {}
    assert isinstance(message, Mapping)
    what = " ".join(str(message.get(k) or "") for k in ("type", "id")).strip() or "a message"
    out = [_t(f"{r.actor} held payment message {what}"), _t(" as "), w.alert(p.get("alert_id"))]
    if message.get("source"):
        out.append(_t(f" (from {message['source']})"))
    hits = [h for h in _list(p.get("hits")) if isinstance(h, Mapping)]
    if hits:
        shown = ", ".join(f"{h.get('path')} {h.get('kind')}" for h in hits[:10])
        more = f" and {len(hits) - 10} more" if len(hits) > 10 else ""
        out.append(_t(f": {_count(len(hits), 'hit')} ({shown}{more})"))
    score = p.get("score")
    target = str(p.get("entity_id") or "")
    if target.startswith("programme:"):
        out.append(_t(f"; best on the {target.removeprefix('programme:')} programme"))
    elif target:
        out.append(_t(f"; best on {target} of "))
        out += [w.listed(p.get("list")), _t(" "), w.version_id(p.get("list"), p.get("list_version"))]
    if isinstance(score, int | float):
        out.append(_t(f", score {score:.2f}"))
    return out


def _alert_raise(r: AuditRecord, w: Words) -> Sentence:
    p = r.payload
    if p.get("kind") == "payment":
        return _payment_raise(r, w)
    score = p.get("score")
    out = [_t("monitoring raised "), w.alert(p.get("alert_id"))]
    out.append(_t(f": customer {p.get('customer_id')} and {p.get('entity_id')} of "))
    out += [w.listed(p.get("list")), _t(" "), w.version_id(p.get("list"), p.get("list_version"))]
    if isinstance(score, int | float):
        out.append(_t(f", score {score:.2f}"))
    if p.get("reason"):
        out.append(_t(f" ({p['reason']})"))
    if p.get("run_id") is not None:
        out.append(_t(f", run {p['run_id']}"))
    return out


def _alert_assign(r: AuditRecord, w: Words) -> Sentence:
    p = r.payload
    who = p.get("assignee")
    return [_t(f"{r.actor} assigned "), *_alerts(p.get("alerts"), w), _t(f" to {who}" if who else " to nobody")]


def _requested(r: AuditRecord, w: Words) -> Sentence:
    p = r.payload
    out = [_t(f"{r.actor} asked to decide "), w.alert(p.get("alert_id")), _t(" ", _words(p.get("decision")))]
    out += _note(p.get("note"))
    out.append(_t(f" (request {p.get('id')}, waiting for an approver)"))
    return out


def _approved(r: AuditRecord, w: Words) -> Sentence:
    p = r.payload
    out = [_t(f"{r.actor} approved {p.get('requested_by')}'s decision of "), w.alert(p.get("alert_id"))]
    out.append(_t(" ", _words(p.get("decision"))))
    out += _note(p.get("review_note"))
    return out


def _rejected(r: AuditRecord, w: Words) -> Sentence:
    p = r.payload
    out = [_t(f"{r.actor} rejected {p.get('requested_by')}'s decision of "), w.alert(p.get("alert_id"))]
    out.append(_t(" ", _words(p.get("decision"))))
    out += _note(p.get("review_note"))
    return out


def _case_decide(r: AuditRecord, w: Words) -> Sentence:
    p = r.payload
    decided = _list(p.get("decided"))
    waiting = _list(p.get("waiting"))
    alerts = [*decided, *waiting]
    case = Piece(f"case {p.get('case_id')}", w.alert(alerts[0]).href if alerts else None)
    out = [_t(f"{r.actor} decided "), case, _t(" ", _words(p.get("decision")), f" ({_count(len(alerts), 'alert')}")]
    if waiting:
        out.append(_t(f", {len(waiting)} waiting for approval"))
    out.append(_t(")"))
    return out + _note(p.get("note"))


def _version_counts(p: Mapping[str, Any]) -> str:
    return f" ({_count(p['entities'], 'entity', 'entities')})" if isinstance(p.get("entities"), int) else ""


def _list_import(r: AuditRecord, w: Words) -> Sentence:
    p = r.payload
    name = p.get("list")
    out = [_t(f"{r.actor} imported "), w.listed(name), _t(" "), w.version(name, p.get("seq"))]
    out.append(_t(_version_counts(p)))
    if p.get("accepted_despite"):
        out.append(_t(f", accepted despite {_quoted(p['accepted_despite'])}"))
        out += _note(p.get("accept_reason"))
    return out


def _list_hold(r: AuditRecord, w: Words) -> Sentence:
    p = r.payload
    name = p.get("list")
    out = [_t(f"{r.actor} imported "), w.listed(name), _t(" "), w.version(name, p.get("seq"))]
    out.append(_t(_version_counts(p), ", held by the import guard"))
    return out + _note(p.get("hold_reason"))


def _list_accept(r: AuditRecord, w: Words) -> Sentence:
    p = r.payload
    name = p.get("list")
    out = [_t(f"{r.actor} accepted "), w.listed(name), _t(" "), w.version(name, p.get("seq"))]
    if isinstance(p.get("previous"), int):
        out += [_t(" instead of "), w.version(name, p["previous"])]
    return out + _note(p.get("reason"))


def _list_rollback(r: AuditRecord, w: Words) -> Sentence:
    p = r.payload
    name = p.get("list")
    out = [_t(f"{r.actor} rolled "), w.listed(name), _t(" back")]
    if isinstance(p.get("from"), int):
        out += [_t(" from "), w.version(name, p["from"])]
    out += [_t(" to "), w.version(name, p.get("seq"))]
    return out + _note(p.get("reason"))


def _list_policy(r: AuditRecord, w: Words) -> Sentence:
    p = r.payload
    rest = {k: v for k, v in p.items() if k != "list"}
    return [_t(f"{r.actor} set the import guard of "), w.listed(p.get("list")), _t(": ", _compact(rest))]


def _list_update(r: AuditRecord, w: Words) -> Sentence:
    p = r.payload
    found = p.get("lists")
    lists: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
    out: Sentence = [_t(f"{r.actor} updated the lists from {p.get('source')}: ")]
    for i, (name, status) in enumerate(sorted(lists.items())):
        out += [*([_t(", ")] if i else []), w.listed(name), _t(f" {status}")]
    return out if lists else [_t(f"{r.actor} updated the lists from {p.get('source')}: none changed")]


def _party_merge(r: AuditRecord, w: Words) -> Sentence:
    p = r.payload
    ents = _list(p.get("entities"))
    pair = " and ".join(str(e) for e in ents) or "?"
    return [_t(f"{r.actor} merged parties {pair}"), *_note(p.get("reason"))]


def _party_split(r: AuditRecord, w: Words) -> Sentence:
    p = r.payload
    return [_t(f"{r.actor} split {p.get('entity')} from party {p.get('party')}"), *_note(p.get("reason"))]


def _portfolio_load(r: AuditRecord, w: Words) -> Sentence:
    p = r.payload
    mode = p.get("mode")
    verb = "removed customers from" if mode == "remove" else f"loaded ({mode})"
    text = (
        f"{r.actor} {verb} the portfolio: version {p.get('portfolio_version')}, "
        f"{_count(p.get('customers'), 'customer')} ({p.get('added')} added, {p.get('changed')} changed, "
        f"{p.get('removed')} removed)"
    )
    if p.get("source") and mode != "remove":
        text += f" from {p['source']}"
    return [_t(text)]


def _monitor_run(r: AuditRecord, w: Words) -> Sentence:
    p = r.payload
    out = [
        _t(
            f"{r.actor} ran monitoring (run {p.get('id')}, {p.get('mode')}: {p.get('reason')}): "
            f"{_count(p.get('screened'), 'customer')} screened, {_count(p.get('hits'), 'hit')}, "
            f"{_count(p.get('alerts_raised'), 'alert')} raised; portfolio version {p.get('portfolio_version')}"
        )
    ]
    versions = p.get("list_versions")
    if isinstance(versions, dict) and versions:
        out.append(_t("; lists "))
        for i, (name, vid) in enumerate(sorted(versions.items())):
            out += [_t(", " if i else ""), w.listed(name), _t(" "), w.version_id(name, vid)]
    return out


def _four_eyes(r: AuditRecord, w: Words) -> Sentence:
    found = r.payload.get("after")
    after: dict[str, Any] = found if isinstance(found, dict) else {}
    if not after.get("enabled"):
        return [_t(f"{r.actor} turned four-eyes off")]
    score = after.get("min_score")
    at = f" (false positives at score {score:.2f} and above, and every true match)" if isinstance(score, float) else ""
    return [_t(f"{r.actor} turned four-eyes on{at}")]


def _api_call(r: AuditRecord, w: Words) -> Sentence:
    p = r.payload
    known = ("key_id", "role", "method", "endpoint", "path", "status", "ms", "client", "via")
    rest = {k: v for k, v in p.items() if k not in known}
    via = " in the web UI" if p.get("via") == "ui" else ""
    text = f"{r.actor} called {p.get('method')} {p.get('path') or p.get('endpoint')}{via}: {p.get('status')}"
    return [_t(text, f" ({_compact(rest)})" if rest else "")]


def _api_dropped(r: AuditRecord, w: Words) -> Sentence:
    return [_t(f"{_count(r.payload.get('calls'), 'API call')} not recorded (the store was busy too long)")]


def _signin(r: AuditRecord, w: Words) -> Sentence:
    p = r.payload
    return [_t(f"{r.actor} signed in to the web UI ({p.get('role')}, key {p.get('key_id')}) from {p.get('client')}")]


def _signin_failed(r: AuditRecord, w: Words) -> Sentence:
    p = r.payload
    return [_t(f"failed sign-in to the web UI from {p.get('client')} with a key starting {p.get('key_hint')!s}…")]


def _key_create(r: AuditRecord, w: Words) -> Sentence:
    p = r.payload
    return [_t(f"{r.actor} created API key {p.get('key_id')} ({p.get('role')}) for {p.get('name')}")]


def _key_revoke(r: AuditRecord, w: Words) -> Sentence:
    p = r.payload
    return [_t(f"{r.actor} revoked API key {p.get('key_id')} ({p.get('role')}) of {p.get('name')}")]


_KINDS: dict[str, _Maker] = {
    "alert.assign": _alert_assign,
    "alert.decide": _alert_decide,
    "alert.decision_approved": _approved,
    "alert.decision_rejected": _rejected,
    "alert.decision_requested": _requested,
    "alert.raise": _alert_raise,
    "api.call": _api_call,
    "api.dropped": _api_dropped,
    "case.decide": _case_decide,
    "key.create": _key_create,
    "key.revoke": _key_revoke,
    "list.accept": _list_accept,
    "list.hold": _list_hold,
    "list.import": _list_import,
    "list.policy": _list_policy,
    "list.rollback": _list_rollback,
    "list.update": _list_update,
    "monitor.run": _monitor_run,
    "party.merge": _party_merge,
    "party.split": _party_split,
    "portfolio.load": _portfolio_load,
    "settings.four_eyes": _four_eyes,
    "ui.signin": _signin,
    "ui.signin_failed": _signin_failed,
}


def _compact(payload: Mapping[str, Any]) -> str:
    """``key value, key value``: the fallback's words, nested values as short JSON-ish text."""
    parts = []
    for k, v in payload.items():
        if v is None or v == "" or v == [] or v == {}:
            continue
        text = str(v)
        parts.append(f"{k} {text if len(text) <= 80 else text[:79] + '…'}")
    return ", ".join(parts)


def in_words(record: AuditRecord, words: Words) -> Sentence:
    """The record as a sentence; a kind without words of its own (or a payload not of its shape) as kind and payload."""
    make = _KINDS.get(record.kind)
    if make is not None:
        try:
            return make(record, words)
        except (AttributeError, KeyError, TypeError, ValueError):
            pass  # a record of an older or unexpected shape: shown as data rather than failing the page
    return [_t(f"{record.actor}: {record.kind}"), _t(f" ({_compact(record.payload)})" if record.payload else "")]
