"""A store with the real UN list and a portfolio of real listed names and real negatives."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from embargo.ingest import import_file
from embargo.monitor import Monitor, Portfolio
from embargo.store import Store
from tests.conftest import FIXTURES, people, republished, shared_file, write_csv

#: The customer who will match the alias the update adds, and the one matching the new entity.
ALIAS = "Testy McAlias"
NEW_NAME = "Quentin Brandnew Zaporozhets"


def edit_un(src: Path, dst: Path) -> dict[str, str]:
    """Version 2 of the UN list: one entry removed, one given an alias, one added."""
    text = src.read_text("utf-8")
    blocks = re.findall(r"<INDIVIDUAL>.*?</INDIVIDUAL>", text, flags=re.S)
    removed, aliased, template = blocks[0], blocks[1], blocks[3]
    rid = re.search(r"<DATAID>(\d+)</DATAID>", removed)
    aid = re.search(r"<DATAID>(\d+)</DATAID>", aliased)
    assert rid and aid
    text = text.replace(removed, "", 1)
    alias = f"<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>{ALIAS}</ALIAS_NAME></INDIVIDUAL_ALIAS>"
    text = text.replace(aliased, aliased.replace("</INDIVIDUAL>", alias + "</INDIVIDUAL>"), 1)
    added = re.sub(r"<DATAID>\d+</DATAID>", "<DATAID>99999901</DATAID>", template)
    added = re.sub(r"<FIRST_NAME>.*?</FIRST_NAME>", "<FIRST_NAME>QUENTIN BRANDNEW</FIRST_NAME>", added)
    added = re.sub(r"<SECOND_NAME>.*?</SECOND_NAME>", "<SECOND_NAME>ZAPOROZHETS</SECOND_NAME>", added)
    text = text.replace("</INDIVIDUALS>", added + "</INDIVIDUALS>", 1)
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text(republished(text, 10), "utf-8")
    return {"removed": f"un-sc-{rid.group(1)}", "aliased": f"un-sc-{aid.group(1)}", "added": "un-sc-99999901"}


def write_customers(path: Path, rows: list[dict[str, str]]) -> Path:
    return write_csv(path, ["id", "name", "birth_date", "nationality", "schema"], rows)


def customer_rows(shared: Path, listed: int = 120, negatives: int = 300) -> list[dict[str, str]]:
    """Real UN names (hits), real synthetic negatives, and the two the update will concern."""
    rows: list[dict[str, str]] = []
    with shared_file(shared, "names/yente_cgb_positives_un_untreated.csv").open(encoding="utf-8") as fh:
        for i, r in enumerate(csv.DictReader(fh)):
            if i >= listed:
                break
            rows.append({"id": f"un{i}", "name": r["full_name"], "birth_date": r.get("date_of_birth", "")[:10]})
    with shared_file(shared, "names/yente_cgb_negatives_global.csv").open(encoding="utf-8") as fh:
        for i, r in enumerate(csv.DictReader(fh)):
            if i >= negatives:
                break
            rows.append({"id": f"neg{i}", "name": r["full_name"]})
    rows.append({"id": "alias-customer", "name": ALIAS})
    rows.append({"id": "new-customer", "name": NEW_NAME})
    return rows


def full_screen(store: Store) -> set[tuple[str, str, float]]:
    """(customer, entity, score) of every hit of a fresh screen of every customer: what monitoring must equal."""
    from embargo.monitor import Monitor

    found = Monitor(store, workers=1).screen_afresh()
    return {(cid, h["entity_id"], round(h["score"], 4)) for cid, hits in found.items() for h in hits}


def stored_matches(store: Store) -> set[tuple[str, str, float]]:
    """The matches monitoring keeps."""
    conn = store.connect()
    try:
        return {(r[0], r[1], round(r[2], 4)) for r in conn.execute("SELECT customer_id, entity_id, score FROM matches")}
    finally:
        conn.close()


@pytest.fixture
def un_files(tmp_path: Path, shared_data: Path) -> tuple[Path, Path, dict[str, str]]:
    real = shared_file(shared_data, "un/consolidated.xml")
    v1 = tmp_path / "v1" / "consolidated.xml"
    v1.parent.mkdir()
    shutil.copy(real, v1)
    ids = edit_un(v1, tmp_path / "v2" / "consolidated.xml")
    return v1, tmp_path / "v2" / "consolidated.xml", ids


@pytest.fixture
def un_store(db: str | Path, un_files: tuple[Path, Path, dict[str, str]]) -> Store:
    store = Store(db)
    import_file(store, un_files[0], "un_sc")
    people(store, "ana", "ben")
    return store


def monitored(store: Store, folder: Path, rows: list[dict[str, str]]) -> Store:
    """``store`` with the OFAC fixture imported, ``rows`` as its portfolio, and one full monitoring run."""
    import_file(store, FIXTURES / "ofac" / "SDN.XML", "us_ofac_sdn")
    Portfolio(store).load(write_customers(folder / "c.csv", rows))
    Monitor(store, workers=1).run(full=True)
    return store
