"""Ongoing monitoring on the real UN list: full, incremental, equal to a full re-screen, nothing twice."""

from __future__ import annotations

from pathlib import Path

from embargo.ingest import import_file
from embargo.monitor import Monitor, Portfolio, list_alerts
from embargo.store import Store
from tests.monitor.conftest import customer_rows, full_screen, stored_matches, write_customers


def test_first_run_is_full_and_a_rerun_raises_nothing(un_store: Store, tmp_path: Path, shared_data: Path) -> None:
    Portfolio(un_store).load(write_customers(tmp_path / "c.csv", customer_rows(shared_data)))
    monitor = Monitor(un_store, workers=1)
    first = monitor.run()
    assert first.mode == "full" and first.reason == "first run"
    assert first.screened == 422
    assert len(first.alerts) == first.hits > 80  # most listed names are found; every hit is new
    assert stored_matches(un_store) == full_screen(un_store)
    again = monitor.run()
    assert again.mode == "incremental" and again.reason.startswith("nothing changed")
    assert (again.screened, again.alerts) == (0, [])
    forced = monitor.run(full=True)
    assert forced.screened == 422 and forced.alerts == []
    assert len(list_alerts(un_store, status="open")) == len(first.alerts)


def test_list_update_screens_only_what_it_touches_and_equals_a_full_rescreen(
    un_store: Store, un_files: tuple[Path, Path, dict[str, str]], tmp_path: Path, shared_data: Path
) -> None:
    rows = customer_rows(shared_data)
    Portfolio(un_store).load(write_customers(tmp_path / "c.csv", rows))
    monitor = Monitor(un_store, workers=1)
    monitor.run()
    before = stored_matches(un_store)
    import_file(un_store, un_files[1], "un_sc")
    run = monitor.run()
    assert run.mode == "incremental"
    assert run.plan["entities_added"] == 1 and run.plan["entities_amended"] == 1
    assert run.plan["entities_removed"] == 1
    assert 0 < run.screened < 50  # a handful of customers, not the portfolio
    after = stored_matches(un_store)
    assert after == full_screen(un_store)
    ids = un_files[2]
    raised = {(a.customer_id, a.entity_id) for a in list_alerts(un_store) if a.run_id == run.id}
    assert ("alias-customer", ids["aliased"]) in raised
    assert ("new-customer", ids["added"]) in raised
    # only what is new is raised: every raised pair is a match that was not there before
    assert {(c, e) for c, e, _ in after - before} >= raised
    assert not [m for m in after if m[1] == ids["removed"]]
    assert monitor.run().alerts == []


def test_changed_and_new_customers_are_screened_against_everything(
    un_store: Store, tmp_path: Path, shared_data: Path
) -> None:
    rows = customer_rows(shared_data, listed=20, negatives=50)
    portfolio = Portfolio(un_store)
    portfolio.load(write_customers(tmp_path / "c1.csv", rows))
    monitor = Monitor(un_store, workers=1)
    monitor.run()
    rows[-1] = {"id": "new-customer", "name": "ABDULHAI SALEK"}  # now a listed name
    rows.append({"id": "late", "name": "JANAN AGHA"})
    rows = [r for r in rows if r["id"] != "neg0"]
    result = portfolio.load(write_customers(tmp_path / "c2.csv", rows))
    assert (result.added, result.changed, result.removed) == (["late"], ["new-customer"], ["neg0"])
    run = monitor.run()
    assert run.screened == 2
    raised = {a.customer_id for a in list_alerts(un_store) if a.run_id == run.id}
    assert raised == {"new-customer", "late"}
    assert stored_matches(un_store) == full_screen(un_store)


def test_a_newly_listed_identifier_reaches_its_customer_in_an_incremental_run(tmp_path: Path) -> None:
    """A customer whose name meets nothing, but whose IMO number a new listing carries, is alerted at once."""
    store = Store(tmp_path / "s.db")
    head = "id,name,schema,imo_number,program\n"
    listing = tmp_path / "v1" / "watch.csv"
    listing.parent.mkdir()
    listing.write_text(head + "W-1,NORTHERN STAR TRADER,Vessel,9187629,TEST\n", "utf-8")
    import_file(store, listing, "watch", format_name="custom_csv")
    rows = [{"id": "c1", "name": "Blue Horizon", "schema": "Vessel"}]
    path = write_customers(tmp_path / "c.csv", rows)
    # the customer file's id numbers: a column of their own
    path.write_text(
        path.read_text("utf-8")
        .replace("schema\n", "schema,id_number\n", 1)
        .replace("Vessel\n", "Vessel,IMO 9321483\n"),
        "utf-8",
    )
    Portfolio(store).load(path)
    monitor = Monitor(store, workers=1)
    assert monitor.run(full=True).alerts == []
    again = tmp_path / "v2" / "watch.csv"
    again.parent.mkdir()
    again.write_text(
        head + "W-1,NORTHERN STAR TRADER,Vessel,9187629,TEST\nW-2,SEA KORVIN,Vessel,9321483,TEST\n", "utf-8"
    )
    import_file(store, again, "watch", format_name="custom_csv")
    run = monitor.run()
    assert run.mode == "incremental"
    alerts = [a for a in list_alerts(store, "open") if a.customer_id == "c1"]
    assert [a.entity_id for a in alerts] == ["watch-w-2"]
