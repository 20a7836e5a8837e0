"""Datasets as yente names them: each list is one, and collections group lists.

``default`` holds every list in the store, ``sanctions`` every published
sanctions list (custom lists are internal watchlists, not sanctions). A few
OpenSanctions dataset names are collections here too, so a client written
for OpenSanctions (``/match/sanctions?include_dataset=un_sc_sanctions``)
scopes its queries the same way against embargo.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from embargo.errors import NotFoundError
from embargo.sources import get_list
from embargo.store import ListInfo

__all__ = ["Catalog", "Dataset"]

#: OpenSanctions dataset names for the lists embargo reads itself.
OPENSANCTIONS_NAMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "un_sc_sanctions": ("UN Security Council Consolidated List", ("un_sc",)),
    "gb_hmt_sanctions": ("UK HM Treasury / OFSI Consolidated List", ("gb_ofsi",)),
    "gb_fcdo_sanctions": ("UK FCDO Sanctions List", ("gb_fcdo",)),
    "eu_journal_sanctions": ("EU Official Journal sanctions annexes", ("eu_oj_belarus", "eu_oj_russia")),
}


@dataclass(frozen=True, slots=True)
class Dataset:
    """A list or a collection of lists.

    Attributes:
        name: what clients put in ``/match/{dataset}``.
        title: human title.
        lists: the lists it covers (itself, for a list).
        collection: True for a group of lists.
        info: the store's record of the list (None for a collection).
    """

    name: str
    title: str
    lists: frozenset[str]
    collection: bool
    info: ListInfo | None = None


class Catalog:
    """The datasets of one loaded store.

    Args:
        lists: the store's lists whose current version is being served.
    """

    def __init__(self, lists: Iterable[ListInfo]) -> None:
        served = [i for i in lists if i.current is not None]
        self.lists = {i.name: i for i in served}
        names = frozenset(self.lists)
        published = frozenset(n for n in names if get_list(n) is not None)
        datasets = [
            Dataset("default", "Every list in this embargo store", names, True),
            Dataset("sanctions", "Every published sanctions list in this embargo store", published, True),
        ]
        for name, (title, members) in OPENSANCTIONS_NAMES.items():
            present = frozenset(members) & names
            if present and name not in names:
                datasets.append(Dataset(name, title, present, True))
        datasets.extend(Dataset(i.name, i.title, frozenset({i.name}), False, i) for i in served)
        self.datasets = {d.name: d for d in datasets}

    def get(self, name: str) -> Dataset:
        """A dataset by name, or :class:`NotFoundError`."""
        found = self.datasets.get(name)
        if found is None:
            raise NotFoundError(f"No such dataset: {name!r} (known: {', '.join(sorted(self.datasets))})")
        return found

    def expand(self, names: Iterable[str]) -> frozenset[str]:
        """The lists behind dataset names; unknown names add nothing."""
        out: set[str] = set()
        for name in names:
            found = self.datasets.get(name)
            if found is not None:
                out |= found.lists
        return frozenset(out)

    def scope(self, dataset: str, include: list[str], exclude: list[str]) -> frozenset[str]:
        """The lists a query may reach.

        Args:
            dataset: the path's dataset (must exist).
            include: ``include_dataset`` values: when given, only these (within ``dataset``).
            exclude: ``exclude_dataset`` values: never these.
        """
        lists = self.get(dataset).lists
        if include:
            lists &= self.expand(include)
        return lists - self.expand(exclude)
