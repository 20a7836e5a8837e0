"""A text screener over a given screener: the name dictionary follows the versions it serves."""

from __future__ import annotations

from pathlib import Path

from embargo.ingest import import_file
from embargo.screening import Screener
from embargo.server.texts import TextScreeners
from embargo.store import Store
from embargo.text import TextScreener

TEXT = "Ivan Petrov met Pyotr Sidorov in Minsk."


def _version(store: Store, folder: Path, names: list[str]) -> None:
    path = folder / "people.csv"
    rows = "".join(f"{i},{n},Person\n" for i, n in enumerate(names, 1))
    path.write_text("id,name,schema\n" + rows, "utf-8")
    import_file(store, path, "people", format_name="custom_csv")


def _verdicts(screener: TextScreener) -> dict[str, str]:
    return {r.mention.text: r.verdict for r in screener.screen(TEXT).mentions}


def test_the_dictionary_is_the_one_of_the_served_versions(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    _version(store, tmp_path, ["Ivan Ivanovich PETROV"])
    served = Screener.open(store)
    _version(store, tmp_path, ["Pyotr Petrovich SIDOROV"])  # the store moves on; the server has not yet
    old = TextScreener(store, screener=served)
    assert old.screener is served
    assert _verdicts(old) == {"Ivan Petrov": "listed", "Pyotr Sidorov": "not_listed"}
    assert _verdicts(TextScreener(store)) == {"Ivan Petrov": "not_listed", "Pyotr Sidorov": "listed"}
    # Both dictionaries stay cached: reopening the served one does not rebuild it.
    assert len(list((tmp_path / "s.db.index").glob("text-names-*.pkl"))) == 2


def test_the_served_text_screener_follows_a_hot_update(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    _version(store, tmp_path, ["Ivan Ivanovich PETROV"])
    texts = TextScreeners(store)
    before = texts.get(Screener.open(store))
    _version(store, tmp_path, ["Pyotr Petrovich SIDOROV"])
    after = texts.get(Screener.open(store))  # what the server's watcher swaps in
    assert _verdicts(before)["Ivan Petrov"] == "listed"
    assert _verdicts(after) == {"Ivan Petrov": "not_listed", "Pyotr Sidorov": "listed"}
