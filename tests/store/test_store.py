from __future__ import annotations

from pathlib import Path

import pytest

from embargo.errors import LockedError, NotFoundError, StoreError
from embargo.model import Designation, Entity
from embargo.store import Store, diff_versions


def person(eid: str, name: str, program: str = "BELARUS", aliases: tuple[str, ...] = ()) -> Entity:
    e = Entity("Person", f"test-{eid}", "test", eid)
    e.add("name", name)
    for a in aliases:
        e.add("alias", a)
    e.designations.append(
        Designation(f"test-{eid}-{program.lower()}", "test", "T", program, ["asset_freeze"], source_id=eid)
    )
    return e


def write(store: Store, entities: list[Entity], digest: str) -> int:
    with store.writer() as w:
        w.begin_version(
            "test", title="Test", authority="T", format="custom_csv", url=None, content_hash=digest, files=["t.csv"]
        )
        for e in entities:
            w.add(e)
        return w.finish("2026-01-01", [], 0).seq


def test_versions_and_find(db: str | Path) -> None:
    store = Store(db)
    assert write(store, [person("1", "A"), person("2", "B")], "h1") == 1
    assert write(store, [person("1", "A"), person("3", "C")], "h2") == 2
    view = store.view()
    [info] = view.lists()
    assert info.current is not None and info.current.seq == 2 and info.version_count == 2
    assert [v.entities for v in view.versions("test")] == [2, 2]
    [rec] = view.find("2")
    assert not rec.current and rec.version.seq == 1
    [rec] = view.find("test-1")
    assert rec.current and rec.entity.caption == "A"
    assert view.find("nothing") == []


def test_entity_in_reads_the_versions_given(db: str | Path) -> None:
    # a screener reads its hits' entities from the versions it screens, the first of them holding the entity
    store = Store(db)
    write(store, [person("1", "A"), person("2", "B")], "h1")
    write(store, [person("1", "A2"), person("3", "C")], "h2")
    first, second = (v.id for v in store.view().versions("test"))
    view = store.view()
    entity = view.entity_in("test-1", [second])
    assert entity is not None and entity.caption == "A2"
    entity = view.entity_in("test-1", [first, second])
    assert entity is not None and entity.caption == "A"
    assert view.entity_in("test-2", [second]) is None  # not in the version screened: not read from another
    entity = view.entity_in("test-2", [second, first])
    assert entity is not None and entity.designations[0].program == "BELARUS"
    assert view.entity_in("test-1", []) is None


@pytest.mark.parametrize(("offset", "limit"), [(0, -1), (0, 2), (2, 2), (3, -1), (4, 10), (5, 1), (6, -1), (0, 0)])
def test_iter_entities_slices(db: str | Path, offset: int, limit: int) -> None:
    # index-build workers read a version in slices: each must be that slice of the whole, in id order
    store = Store(db)
    write(store, [person(str(i), f"N{i}") for i in (5, 1, 4, 2, 3)], "h1")
    write(store, [person("9", "Other version")], "h2")
    first = store.view().versions("test")[0]
    every = [e.id for e in store.view().iter_entities(first.id)]
    assert every == ["test-1", "test-2", "test-3", "test-4", "test-5"]
    part = [e.id for e in store.view().iter_entities(first.id, offset, limit)]
    assert part == every[offset : None if limit < 0 else offset + limit]


def test_unchanged_records_are_stored_once(db: str | Path) -> None:
    store = Store(db)
    write(store, [person("1", "A"), person("2", "B")], "h1")
    write(store, [person("1", "A"), person("2", "B", aliases=("Bee",))], "h2")
    assert store.read("SELECT COUNT(*) FROM records")[0][0] == 3


def test_failed_write_leaves_nothing(db: str | Path) -> None:
    store = Store(db)
    write(store, [person("1", "A")], "h1")
    with pytest.raises(RuntimeError), store.writer() as w:
        w.begin_version("test", title="Test", authority="T", format="x", url=None, content_hash="h2", files=[])
        w.add(person("9", "Z"))
        raise RuntimeError("parser broke")
    view = store.view()
    assert [v.seq for v in view.versions("test")] == [1]
    assert view.find("9") == []


def test_second_writer_is_refused(db: str | Path) -> None:
    store = Store(db)
    import embargo.store.store as mod

    old = mod.BUSY_TIMEOUT_MS
    mod.BUSY_TIMEOUT_MS = 50
    try:
        with store.writer(), pytest.raises(LockedError), store.writer():
            pass
    finally:
        mod.BUSY_TIMEOUT_MS = old


def test_not_a_store(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError):
        Store(bad)


def test_unknown_list_and_version(db: str | Path) -> None:
    store = Store(db)
    write(store, [person("1", "A")], "h1")
    view = store.view()
    with pytest.raises(NotFoundError):
        view.versions("nope")
    with pytest.raises(NotFoundError):
        view.version("test", "7")
    with pytest.raises(NotFoundError):
        view.version("test", "previous")


def test_diff(db: str | Path) -> None:
    store = Store(db)
    write(store, [person("1", "A"), person("2", "B"), person("4", "D")], "h1")
    four = person("4", "D")
    four.designations[0].measures.append("travel_ban")
    write(
        store,
        [person("1", "A", program="BELARUS-EO14038"), person("3", "C"), person("2", "B", aliases=("Bee",)), four],
        "h2",
    )
    view = store.view()
    d = diff_versions(view, view.version("test", 1), view.version("test", 2))
    assert [c.entity_id for c in d.added] == ["test-3"]
    assert d.removed == []
    amended = {c.entity_id: {str(f) for f in c.changes} for c in d.amended}
    assert amended == {
        "test-1": {"designation.program: +'BELARUS-EO14038', -'BELARUS'"},
        "test-2": {"alias: +'Bee'"},
        "test-4": {"designation.measures [BELARUS]: +'travel_ban'"},
    }
    back = diff_versions(view, view.version("test", 2), view.version("test", 1))
    assert [c.entity_id for c in back.removed] == ["test-3"]


def test_a_new_store_and_its_index_are_the_owners_alone(tmp_path: Path) -> None:
    """Customer data: the SQLite file, its WAL, the index folder and files are created 0600/0700 whatever the umask."""
    import os
    import stat

    from embargo.index.files import build_version_index, index_dir, index_path

    old = os.umask(0o022)
    try:
        store = Store(tmp_path / "s.db")
        write(store, [person("a", "Ivan Petrov")], "d1")
        version = store.view().versions("test")[-1]
        build_version_index(store, version, workers=1)
    finally:
        os.umask(old)
    for path in (tmp_path / "s.db", tmp_path / "s.db-wal", index_path(store, version)):
        assert path.exists(), path
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, (path, oct(path.stat().st_mode))
    assert stat.S_IMODE(index_dir(store).stat().st_mode) == 0o700
    # a file the operator made wider on purpose keeps its mode
    os.chmod(tmp_path / "s.db", 0o640)
    Store(tmp_path / "s.db")
    assert stat.S_IMODE((tmp_path / "s.db").stat().st_mode) == 0o640
