"""Building an index: what a worker reads from the store, and packing names with shared tokens."""

from __future__ import annotations

import itertools
import marshal
from pathlib import Path

import pytest

from embargo.index._rows import read_rows, rows_path, start_reader
from embargo.index._shard import build_shard, pack_name
from embargo.index.files import _stored_entities
from embargo.index.listindex import ListIndex, build_index
from embargo.model import Designation, Entity
from embargo.names import analyze_name
from embargo.names.org_structure import listed_cores
from embargo.store import Store, VersionInfo

NAMES = [
    ("LUKASHENKA, Alyaksandr Hryhoryavich", "Person"),
    ("Аляксандр Рыгоравіч Лукашэнка", "Person"),
    ("Alexander LUKASHENKO", "Person"),
    ("OOO Belaruskali Trading", "Company"),
    ("Belaruskali OAO", "Company"),
    ("金正恩", "Person"),
]


def _entities() -> list[Entity]:
    out = []
    for i, (name, schema) in enumerate(NAMES):
        e = Entity(schema, f"b-{i}", "b", str(i))
        e.add("name", name)
        e.add("alias", "Lukashenko" if schema == "Person" else "Belaruskali")
        e.add("passportNumber" if schema == "Person" else "registrationNumber", f"AB{i}12345")
        e.add("nationality" if schema == "Person" else "jurisdiction", "by")
        e.designations.append(Designation(f"b-{i}-x", "b", "B", "X", ["asset_freeze"], source_id=str(i)))
        out.append(e)
    return out


def _stored(db: str | Path) -> tuple[Store, VersionInfo]:
    """A store holding one version of the test entities."""
    store = Store(db)
    with store.writer() as w:
        w.begin_version("b", title="B", authority="B", format="custom_csv", url=None, content_hash="h", files=[])
        for e in _entities():
            w.add(e)
        return store, w.finish(None, [], 0)


def test_worker_reads_entities_without_their_designations(db: str | Path) -> None:
    store, version = _stored(db)
    full = list(store.view().iter_entities(version.id))
    light = list(_stored_entities(str(store.url), version.id, 2, 3, None))
    assert [e.id for e in light] == [e.id for e in full[2:5]]
    for a, b in zip(light, full[2:5], strict=True):
        assert (a.schema, a.properties, a.name_languages, a.source_id) == (
            b.schema,
            b.properties,
            b.name_languages,
            b.source_id,
        )
        assert a.designations == [] and b.designations


def test_shared_tokens_pack_as_fresh_ones() -> None:
    """A shard packs each distinct token once; the records decode as if each were packed alone."""
    shard = build_shard(_entities())
    ends = [0, *shard.name_ends]
    records = [marshal.loads(bytes(shard.name_blob[a:b])) for a, b in itertools.pairwise(ends)]
    names = [analyze_name(v, e.schema, None) for e in _entities() for _, v in e.names()]
    assert records == [marshal.loads(pack_name(n)) for n in names]
    assert shard.packed == {}  # the packing memory stays in the worker


@pytest.mark.parametrize("sizes", [[2, 2, -1], [1, 5, -1], [9, -1]])
def test_reader_files_hold_each_run_of_records(db: str | Path, tmp_path: Path, sizes: list[int]) -> None:
    """What the reader fetches while the parent warms rigour: each job's run, in order, the rest in the last."""
    store, version = _stored(db)
    texts = list(store.view().iter_entity_json(version.id))
    start_reader(str(store.url), version.id, sizes, tmp_path).join()
    runs = [list(read_rows(rows_path(tmp_path, job))) for job in range(len(sizes))]
    expected, at = [], 0
    for size in sizes:
        end = len(texts) if size < 0 else at + size
        expected.append(texts[at:end])
        at = end
    assert runs == expected


def test_each_name_keeps_the_core_readings_scoring_reads(tmp_path: Path) -> None:
    """An index stores, per name, the core readings scoring would otherwise read from the name again
    (:func:`embargo.names.org_structure.listed_cores`), decoded with the index's shared tokens."""
    entities = _entities()
    described = Entity("Company", "b-core", "b", "core")
    described.add("name", "State Unitary Enterprise of the Republic of Crimea 'Crimean Sea Ports'")
    described.add("alias", "ФГУП «Научно-производственное объединение „Микроген“»")
    entities.append(described)
    index = build_index("b", 1, entities)
    index.save(tmp_path / "b.idx")
    for opened in (index, ListIndex.load(tmp_path / "b.idx")):
        cores = [opened.cores(nid) for nid in range(opened.name_count)]
        assert [[c.key() for c in found] for found in cores] == [
            [c.key() for c in listed_cores(opened.name(nid))] for nid in range(opened.name_count)
        ]
        assert sum(1 for found in cores if found) >= 2  # the two described names have cores, persons none
        # equal tokens of names and cores are one object (similarities are remembered by object)
        tokens = [t for nid in range(opened.name_count) for v in opened.name(nid).variants for t in v]
        tokens += [t for found in cores for c in found for v in c.variants for t in v]
        objects: dict[object, set[int]] = {}
        for t in tokens:
            objects.setdefault(t, set()).add(id(t))
        assert all(len(ids) == 1 for ids in objects.values())
