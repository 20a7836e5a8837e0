"""Row records declared once: a dataclass names its columns, and ``from_row`` / ``to_dict`` follow.

A record the store hands out is a dataclass that inherits :class:`Record`.
Each field is a column of the same name unless its metadata, made by
:func:`column` (``field(metadata=column(load=json.loads))``), says otherwise:

- ``load``: turns the stored value into the field's (``json.loads``, ``Role``);
- ``dump``: turns the field into its JSON-able form (``lambda r: r.value``);
- ``key``: the name in ``to_dict`` when it differs from the field's;
- ``stored=False``: not a column (filled by the caller; ``from_row`` leaves its default);
- ``shown=False``: left out of ``to_dict``.

A field whose column is absent from the row (an older query, a join that
does not select it) keeps its default, so a record may grow a column
without every query changing at once. ``None`` is passed through ``load``
untouched.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, ClassVar, Self

from embargo.store.connection import Row

__all__ = ["Record", "column"]


def column(
    *,
    load: Callable[[Any], Any] | None = None,
    dump: Callable[[Any], Any] | None = None,
    key: str | None = None,
    stored: bool = True,
    shown: bool = True,
) -> dict[str, Any]:
    """A field's column conversions, as ``dataclasses.field`` metadata (see the module's docstring)."""
    return {"load": load, "dump": dump, "key": key, "stored": stored, "shown": shown}


_Load = tuple[tuple[str, Callable[[Any], Any] | None, bool], ...]
_Show = tuple[tuple[str, str, Callable[[Any], Any] | None], ...]
_PLANS: dict[type, tuple[_Load, _Show]] = {}


def _plan(cls: type) -> tuple[_Load, _Show]:
    """Per class, once: (field, load, required) to read a row; (key, field, dump) to write a dict."""
    plan = _PLANS.get(cls)
    if plan is None:
        load: list[tuple[str, Callable[[Any], Any] | None, bool]] = []
        show: list[tuple[str, str, Callable[[Any], Any] | None]] = []
        for f in dataclasses.fields(cls):
            meta = f.metadata
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            if meta.get("stored", True):
                load.append((f.name, meta.get("load"), required))
            if meta.get("shown", True):
                show.append((meta.get("key") or f.name, f.name, meta.get("dump")))
        plan = _PLANS[cls] = (tuple(load), tuple(show))
    return plan


class Record:
    """Mixin of a dataclass read from a table row (see the module's docstring)."""

    __slots__ = ()
    __dataclass_fields__: ClassVar[dict[str, Any]]

    @classmethod
    def from_row(cls, row: Row) -> Self:
        """Build from a row that has a column for every required field."""
        present = set(row.keys())
        values: dict[str, Any] = {}
        for name, load, required in _plan(cls)[0]:
            if name not in present:
                if required:
                    raise KeyError(f"{cls.__name__}: the row has no column {name!r}")
                continue
            value = row[name]
            values[name] = load(value) if load is not None and value is not None else value
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        out: dict[str, Any] = {}
        for key, name, dump in _plan(type(self))[1]:
            value = getattr(self, name)
            out[key] = dump(value) if dump is not None and value is not None else value
        return out
