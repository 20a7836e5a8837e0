"""The import guard: a suspect version is stored but held, accepted by hand, and lists can be rolled back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from embargo.audit import iter_records
from embargo.cli import app
from embargo.errors import ConfigError, NotFoundError, QueryError, SourceError
from embargo.ingest import accept_version, import_file, rollback, set_policy, show_policy, update
from embargo.ingest.guard import Policy, hold_reason
from embargo.store import Store, VersionInfo
from tests.conftest import FIXTURES, people, republished

UN = FIXTURES / "un" / "consolidated.xml"


def _un(dst: Path, *, keep: int | None = None, day: int | None = 10, extra: str = "") -> Path:
    """The UN fixture, keeping its first ``keep`` individuals, published on 2099-01-``day`` (None: as is)."""
    text = UN.read_text("utf-8")
    if keep is not None:
        blocks = re.findall(r"<INDIVIDUAL>.*?</INDIVIDUAL>", text, flags=re.S)
        for block in blocks[keep:]:
            text = text.replace(block, "", 1)
    if extra:
        text = text.replace("</INDIVIDUALS>", extra + "</INDIVIDUALS>", 1)
    if day is not None:
        text = republished(text, day)
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text(text, "utf-8")
    return dst


def _new_person(dataid: str) -> str:
    block = re.findall(r"<INDIVIDUAL>.*?</INDIVIDUAL>", UN.read_text("utf-8"), flags=re.S)[0]
    return re.sub(r"<DATAID>\d+</DATAID>", f"<DATAID>{dataid}</DATAID>", block)


def _served(store: Store) -> int | None:
    current = store.view().current_version("un_sc")
    return None if current is None else current.seq


@pytest.fixture
def store(db: str | Path) -> Store:
    s = Store(db)
    assert import_file(s, UN, "un_sc").status == "imported"
    return s


def _actions(store: Store) -> list[str]:
    return [r.kind for r in iter_records(store)]


def test_a_shrunken_list_is_held_and_the_old_version_served(store: Store, tmp_path: Path) -> None:
    before = store.view().current_version("un_sc")
    assert before is not None and before.entities >= 3
    result = import_file(store, _un(tmp_path / "small.xml", keep=1), "un_sc")
    assert result.status == "held"
    assert result.version is not None and result.version.state == "held"
    assert "removes" in (result.version.hold_reason or "") and "at most 10% allowed" in (
        result.version.hold_reason or ""
    )
    assert _served(store) == 1  # still the first version
    assert [v.state for v in store.view().versions("un_sc")] == ["accepted", "held"]
    assert store.view().list_info("un_sc").held_count == 1
    assert _actions(store)[-1] == "list.hold"
    # the same file again: held again, no third version
    again = import_file(store, _un(tmp_path / "small.xml", keep=1), "un_sc")
    assert again.status == "held" and len(store.view().versions("un_sc")) == 2


def test_accepting_a_held_version_needs_a_reason_and_is_audited(store: Store, tmp_path: Path) -> None:
    small = _un(tmp_path / "small.xml", keep=1)
    import_file(store, small, "un_sc")
    with pytest.raises(QueryError, match="reason"):
        accept_version(store, "un_sc", 2, "  ", "ana")
    made = accept_version(store, "un_sc", 2, "the UN delisted them", "ana")
    assert made.current and made.state == "accepted" and _served(store) == 2
    record = list(iter_records(store))[-1]
    assert record.kind == "list.accept" and record.actor == "ana"
    assert record.payload["reason"] == "the UN delisted them"
    with pytest.raises(QueryError, match="already current"):
        accept_version(store, "un_sc", 2, "again", "ana")


def test_import_accept_shrink_promotes_the_held_file(store: Store, tmp_path: Path) -> None:
    small = _un(tmp_path / "small.xml", keep=1)
    assert import_file(store, small, "un_sc").status == "held"
    result = import_file(store, small, "un_sc", accept="checked with the UN press release", actor="bob")
    assert result.status == "accepted" and _served(store) == 2
    assert _actions(store)[-1] == "list.accept"


def test_import_accept_shrink_on_a_new_file(store: Store, tmp_path: Path) -> None:
    result = import_file(store, _un(tmp_path / "small.xml", keep=1), "un_sc", accept="programme ended")
    assert result.status == "imported" and _served(store) == 2
    record = list(iter_records(store))[-1]
    assert record.kind == "list.import" and record.payload["accept_reason"] == "programme ended"
    assert "removes" in record.payload["accepted_despite"]


@pytest.mark.parametrize(
    ("day", "message"),
    [(None, "same publication date"), (1, None)],
    ids=["same-date", "newer"],
)
def test_publication_dates(store: Store, tmp_path: Path, day: int | None, message: str | None) -> None:
    result = import_file(store, _un(tmp_path / "v2.xml", day=day, extra=_new_person("99999901")), "un_sc")
    if message is None:
        assert result.status == "imported"
    else:
        assert result.status == "held" and message in (result.version.hold_reason or "")  # type: ignore[union-attr]


def test_an_older_file_is_held(store: Store, tmp_path: Path) -> None:
    import_file(store, _un(tmp_path / "v2.xml", day=20, extra=_new_person("99999901")), "un_sc")
    result = import_file(store, _un(tmp_path / "v3.xml", day=5, extra=_new_person("99999902")), "un_sc")
    assert result.status == "held"
    assert "before the current version (2099-01-20)" in (result.version.hold_reason or "")  # type: ignore[union-attr]
    assert _served(store) == 2


def test_a_list_below_its_floor_is_held(store: Store, tmp_path: Path) -> None:
    count = store.view().current_version("un_sc").entities  # type: ignore[union-attr]
    set_policy(store, "un_sc", None, count + 5, "admin")
    assert show_policy(store, "un_sc").min_entities == count + 5
    result = import_file(store, _un(tmp_path / "v2.xml", extra=_new_person("99999901")), "un_sc")
    assert result.status == "held" and "floor" in (result.version.hold_reason or "")  # type: ignore[union-attr]
    assert _actions(store)[-2:] == ["list.policy", "list.hold"]


def test_a_per_list_policy_allows_a_larger_change(store: Store, tmp_path: Path) -> None:
    set_policy(store, "un_sc", 0.99, None, "admin")
    assert import_file(store, _un(tmp_path / "small.xml", keep=1), "un_sc").status == "imported"
    with pytest.raises(QueryError):
        set_policy(store, "un_sc", 1.5, None, "admin")


def test_rollback_serves_an_earlier_version_and_withdraws_the_later(store: Store, tmp_path: Path) -> None:
    v2 = _un(tmp_path / "v2.xml", extra=_new_person("99999901"))
    assert import_file(store, v2, "un_sc").status == "imported"
    made = rollback(store, "un_sc", None, "version 2 came from a broken mirror", "ana")
    assert made.seq == 1 and _served(store) == 1
    assert [v.state for v in store.view().versions("un_sc")] == ["accepted", "withdrawn"]
    assert _actions(store)[-1] == "list.rollback"
    # the withdrawn file is not made current again by an import or an update
    again = import_file(store, v2, "un_sc")
    assert again.status == "held" and "withdrew" in (again.version.hold_reason or "")  # type: ignore[union-attr]
    assert _served(store) == 1
    # but an administrator can accept it again
    assert accept_version(store, "un_sc", 2, "the mirror was right after all", "ana").seq == 2
    assert _served(store) == 2
    with pytest.raises(NotFoundError):
        rollback(store, "un_sc", 9, "no such version", "ana")
    with pytest.raises(NotFoundError):
        accept_version(store, "un_sc", 10**30, "a number no database holds", "ana")


def test_rollback_refuses_a_held_version(store: Store, tmp_path: Path) -> None:
    import_file(store, _un(tmp_path / "small.xml", keep=1), "un_sc")
    with pytest.raises(QueryError, match="held"):
        rollback(store, "un_sc", 2, "serve it", "ana")
    with pytest.raises(NotFoundError, match="no version before"):
        rollback(store, "un_sc", None, "nothing before", "ana")


def test_update_never_accepts_a_held_version(store: Store, tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    _un(mirror / "un" / "consolidated.xml", keep=1)
    [outcome] = update(store, ["un_sc"], str(mirror))
    assert outcome.status == "held" and outcome.note and "never accepts" in outcome.note
    assert _served(store) == 1


def test_cli_exit_status_and_messages(store: Store, tmp_path: Path) -> None:
    runner = CliRunner()
    small = _un(tmp_path / "small.xml", keep=1)
    db = str(store.url) if store.dialect == "postgresql" else str(store.path)
    held = runner.invoke(app, ["import", str(small), "--source", "un_sc", "--db", db])
    assert held.exit_code == 3, held.output
    assert "small.xml is held as version 2" in " ".join(held.output.split()), held.output
    assert "embargo accept un_sc 2" in " ".join(held.output.split())
    no_reason = runner.invoke(app, ["import", str(small), "--source", "un_sc", "--accept-shrink", "--db", db])
    assert no_reason.exit_code == 1 and "--reason" in no_reason.output
    anonymous = runner.invoke(
        app, ["import", str(small), "-s", "un_sc", "--accept-shrink", "--reason", "x", "--db", db]
    )
    assert anonymous.exit_code == 1 and "say who acts" in anonymous.output, anonymous.output
    versions = runner.invoke(app, ["versions", "un_sc", "--db", db])
    assert "held" in versions.output and "current" in versions.output
    people(store, "ana", role="admin")
    people(store, "rev", role="review")
    # accepting, rolling back and setting the guard are an admin principal's acts, never a typed name's
    for who in ([], ["--by", "anna"], ["--by", "rev"]):
        refused = runner.invoke(app, ["accept", "un_sc", "2", "--reason", "checked", *who, "--db", db])
        assert refused.exit_code == 1 and "version 2 accepted" not in refused.output, refused.output
    ok = runner.invoke(app, ["accept", "un_sc", "2", "--reason", "checked", "--by", "ana", "--db", db])
    assert ok.exit_code == 0 and "accepted and now current" in ok.output
    back = runner.invoke(
        app, ["rollback", "un_sc", "--reason", "wrong after all", "--db", db], env={"EMBARGO_PRINCIPAL": "ANA"}
    )
    assert back.exit_code == 0 and "version 1 is current again" in back.output
    policy = runner.invoke(app, ["policy", "un_sc", "--max-shrink", "0.2", "--by", "ana", "--db", db])
    assert policy.exit_code == 0 and "20%" in policy.output
    assert [r.actor for r in iter_records(store) if r.kind.startswith("list.")][-3:] == ["ana"] * 3


def test_a_bad_setting_is_an_error(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EMBARGO_MAX_SHRINK", "ten")
    with pytest.raises(ConfigError, match="EMBARGO_MAX_SHRINK"):
        import_file(store, _un(tmp_path / "v2.xml", extra=_new_person("99999901")), "un_sc")
    assert _served(store) == 1


def _version(**counts: object) -> VersionInfo:
    base: dict[str, object] = {"id": 2, "list": "l", "seq": 2, "content_hash": "h", "format": "f", "files": []}
    base |= {"published": None, "imported_at": "t", "entities": 100, "designations": 0, "names": 0}
    base |= {"birth_dates": 0, "warnings": 0}
    base.update(counts)
    return VersionInfo(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("old", "new", "removed", "held"),
    [
        ({"entities": 100}, {"entities": 95}, 10, False),  # exactly 10% removed: allowed
        ({"entities": 100}, {"entities": 95}, 11, True),
        ({"entities": 100, "published": "2026-01-02"}, {"published": "2026-01-03T05:00:00"}, 0, False),
        ({"entities": 100, "published": "2026-01-02T23:00:00"}, {"published": "2026-01-02"}, 0, True),
        ({"entities": 100, "published": "2026-01-02"}, {"published": None}, 0, False),
        (None, {"entities": 1}, 0, False),  # a first import
    ],
)
def test_hold_reason_table(old: dict[str, object] | None, new: dict[str, object], removed: int, held: bool) -> None:
    current = None if old is None else _version(id=1, seq=1, **old)
    reason = hold_reason(current, _version(**new), removed, Policy())
    assert (reason is not None) is held, reason


def test_a_refused_file_changes_nothing(store: Store, tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="un_sc expects"):
        import_file(store, FIXTURES / "ofac" / "SDN.XML", "un_sc")
    assert len(store.view().versions("un_sc")) == 1


def test_a_closed_list_is_reported_not_fetched(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "ConList.csv").write_bytes((FIXTURES / "uk" / "ConList.csv").read_bytes())
    outcomes = {o.list: o for o in update(store, [], str(mirror))}
    assert outcomes["gb_ofsi"].status == "closed" and "2026-01-28" in (outcomes["gb_ofsi"].error or "")
    [named] = update(store, ["gb_ofsi"], str(mirror))
    assert named.status == "failed" and "gb_fcdo" in (named.error or "")
    # still importable by hand
    assert import_file(store, mirror / "ConList.csv", "gb_ofsi").status == "imported"
