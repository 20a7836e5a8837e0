"""Result filters shared by ``/match`` and ``/search``: schemata, entity ids, topics, change dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from followthemoney import model as ftm

from embargo.api.entity_json import topics
from embargo.errors import QueryError
from embargo.model.measures import has_measures, parse_measures
from embargo.server.records import ListedEntity

__all__ = ["TS_PATTERN", "ResultFilter", "measure_filter", "parse_changed_since", "parse_time", "schema_is_a"]


def measure_filter(values: list[str] | None) -> frozenset[str]:
    """``measures`` of a request as keys; :class:`QueryError` for an unknown one."""
    try:
        return parse_measures(values or [])
    except ValueError as exc:
        raise QueryError(f"measures: {exc}") from exc


#: ``changed_since``: a date, optionally with hours, minutes and seconds (as yente takes it).
TS_PATTERN = r"^\d{4}-\d{2}-\d{2}(T\d{2}(:\d{2}(:\d{2})?)?)?$"

_FORMATS = {10: "%Y-%m-%d", 13: "%Y-%m-%dT%H", 16: "%Y-%m-%dT%H:%M", 19: "%Y-%m-%dT%H:%M:%S"}


def parse_changed_since(text: str | None) -> datetime | None:
    """``2024-05-01`` or ``2024-05-01T12:30`` as a UTC datetime; :class:`QueryError` if impossible."""
    if not text:
        return None
    form = _FORMATS.get(len(text))
    try:
        if form is None:
            raise ValueError(text)
        return datetime.strptime(text, form).replace(tzinfo=UTC)
    except ValueError as exc:
        raise QueryError(f"changed_since: not a date: {text!r}") from exc


def parse_time(text: str | None, name: str) -> str | None:
    """A period bound (``2026-11-01`` or ``2026-11-01T12:30``) as UTC ISO text; :class:`QueryError` if impossible."""
    if not text:
        return None
    try:
        when = parse_changed_since(text)
    except QueryError as exc:
        raise QueryError(f"{name}: not a date: {text!r}") from exc
    return None if when is None else when.isoformat()


def schema_is_a(schema: str, ancestor: str) -> bool:
    """True when FtM schema ``schema`` is ``ancestor`` or one of its descendants."""
    found = ftm.get(schema)
    return found is not None and found.is_a(ancestor)


@dataclass(frozen=True, slots=True)
class ResultFilter:
    """What a result must (not) be to be returned.

    Attributes:
        exclude_schema: FtM schemata to leave out (with their descendants).
        exclude_ids: entity ids, or publisher's record ids, to leave out.
        topics: when given, keep only entities with one of them.
        changed_since: keep only entities whose record changed at or after this time.
        measures: when given, keep only entities with a designation carrying one of these measures.
    """

    exclude_schema: frozenset[str] = frozenset()
    exclude_ids: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    changed_since: datetime | None = None
    measures: frozenset[str] = frozenset()

    @property
    def narrows(self) -> bool:
        """True when the filter may drop results (so more candidates are worth fetching)."""
        return bool(self.exclude_schema or self.exclude_ids or self.topics or self.changed_since or self.measures)

    def keep(self, listed: ListedEntity) -> bool:
        """True when ``listed`` passes every filter."""
        entity = listed.entity
        if entity.id in self.exclude_ids or (entity.source_id is not None and entity.source_id in self.exclude_ids):
            return False
        if any(schema_is_a(entity.schema, s) for s in self.exclude_schema):
            return False
        if self.topics and not self.topics.intersection(topics(listed)):
            return False
        if self.measures and not has_measures(entity.designations, self.measures):
            return False
        if self.changed_since is not None:
            changed = listed.last_change
            if changed is None:
                return False
            if changed.tzinfo is None:
                changed = changed.replace(tzinfo=UTC)
            if changed < self.changed_since:
                return False
        return True
