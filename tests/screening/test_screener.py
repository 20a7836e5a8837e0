"""Screening against a store built from the project's fixtures (and the real lists when present)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from embargo.cli import app
from embargo.errors import NotReadyError, QueryError, StoreError
from embargo.index import ListIndex, index_path
from embargo.ingest import import_file
from embargo.matching import Query
from embargo.screening import Screener, screen_file
from embargo.store import Store
from tests.conftest import FIXTURES

LUKASHENKA = "us-ofac-sdn-9760"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    s = Store(tmp_path_factory.mktemp("screen") / "store.db")
    import_file(s, FIXTURES / "ofac" / "SDN.XML", "us_ofac_sdn")
    import_file(s, FIXTURES / "un" / "consolidated.xml", "un_sc")
    import_file(s, FIXTURES / "eu" / "eu_fsf_1_1_sample.xml", "eu_fsf")
    return s


@pytest.fixture(scope="module")
def screener(store: Store) -> Screener:
    # one hit per listed entity: these tests read each entity's own hit (one per party: tests/parties)
    return Screener.open(store, parties=False)


SPELLINGS = [
    "LUKASHENKA, Alyaksandr Hryhoryavich",
    "Aliaksandr Ryhoravich LUKASHENKA",
    "Аляксандр Рыгоравіч Лукашэнка",
    "Александр Григорьевич Лукашенко",
    "Alexander Lukashenko",
    "Alexandre Loukachenko",
    "Alexander Lukaschenko",
    "lukashenko, alexander",
    "President Alexander Lukashenko",
    "Alexandr Lukashenkp",
]


@pytest.mark.parametrize("name", SPELLINGS)
def test_every_spelling_finds_him_first(screener: Screener, name: str) -> None:
    hits = screener.screen(Query.build([name]))
    assert hits, name
    # He is on the OFAC and the EU fixture lists: both entries come first, his son (also listed) does not.
    top = hits[:2]
    assert LUKASHENKA in [h.entity_id for h in top]
    for h in top:
        assert "LUKASHENK" in h.caption.upper() and "VIKTAR" not in h.caption.upper()
    ofac = next(h for h in hits if h.entity_id == LUKASHENKA)
    assert ofac.list_name == "us_ofac_sdn"
    assert ofac.source_id == "9760"


@pytest.mark.parametrize("name", ["Alexander Lukashevich", "Alexander Lukin", "John Smith", "Dmitry Lukashenko"])
def test_others_do_not_hit_him(screener: Screener, name: str) -> None:
    assert all(h.entity_id != LUKASHENKA for h in screener.screen(Query.build([name])))


def test_birth_date_moves_the_score(screener: Screener) -> None:
    def ofac(q: Query) -> float:
        return next(h for h in screener.screen(q, threshold=0.0) if h.entity_id == LUKASHENKA).score

    base = ofac(Query.build(["Alexander Lukashenko"]))
    same = ofac(Query.build(["Alexander Lukashenko"], birth_dates=["30.08.1954"]))
    other = screener.screen(Query.build(["Alexander Lukashenko"], birth_dates=["1980-01-01"]), threshold=0.0)
    assert same > base
    assert next(h for h in other if h.entity_id == LUKASHENKA).score < base


def test_schema_filters_and_explains(screener: Screener) -> None:
    assert not any(
        h.entity_id == LUKASHENKA for h in screener.screen(Query.build(["Alexander Lukashenko"], schema="Vessel"))
    )
    hits = screener.screen(Query.build(["Alexander Lukashenko"], nationalities=["by"], birth_dates=["1954"]))
    hit = next(h for h in hits if h.entity_id == LUKASHENKA)
    parts = {p["feature"]: p for p in hit.explanation()}
    assert {"name", "birth_date"} <= set(parts)
    assert any(t["reason"] in ("same", "equivalent", "phonetic") for t in parts["name"]["tokens"])


def test_index_is_persisted_and_reopened(store: Store) -> None:
    view = store.view()
    for info in view.lists():
        assert info.current is not None
        assert index_path(store, info.current).exists()
    again = Screener.open(store)
    assert LUKASHENKA in [e for h in again.screen(Query.build(["Alexander Lukashenko"])) for e in h.entity_ids]


def test_batch_file(store: Store, tmp_path: Path) -> None:
    customers = tmp_path / "customers.csv"
    customers.write_text(
        "id,name,birth_date,nationality,schema\n"
        "c1,Alexander Lukashenko,1954-08-30,Belarus,Person\n"
        "c2,Jane Doe,,,Person\n"
        "c3,Someone,not a date,,Person\n"
        "c4,Alexandre Loukachenko,,,\n"
        "c5,,1970,,Person\n"
        "c6,Alexander Lukashenko,1954-13-45,Narnia,Persn\n",
        "utf-8",
    )
    out = tmp_path / "hits.jsonl"
    summary = screen_file(store, customers, out, workers=1)
    assert summary.rows == 6 and summary.screened == 5
    # a row without a name cannot be screened at all: an error with its line
    assert len(summary.errors) == 1 and "line 6" in summary.errors[0]
    # a row with unreadable values is screened on the rest, and flagged
    assert [(line, rid) for line, rid, _ in summary.flagged] == [(4, "c3"), (7, "c6")]
    assert summary.flag_lines()[1].startswith("line 7 (id c6): ")
    assert "birth_date '1954-13-45': not a date" in summary.flag_lines()[1]
    assert {u.field for u in summary.flagged[1][2]} == {"birth_date", "nationality", "schema"}
    assert summary.to_dict()["unreadable_rows"] == 2
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert {r["query_id"] for r in records} == {"c1", "c4", "c6"}
    listed = [r for r in records if r["query_id"] == "c6"]
    assert LUKASHENKA in {e for r in listed for e in r["referents"]}
    assert {u["field"] for u in listed[0]["unreadable"]} == {"birth_date", "nationality", "schema"}
    assert all("unreadable" not in r for r in records if r["query_id"] != "c6")
    first = records[0]
    for key in ("query_id", "entity_id", "source", "source_id", "score", "matched_name", "caption"):
        assert key in first
    parquet = tmp_path / "hits.parquet"
    screen_file(store, customers, parquet, workers=1)
    import pyarrow.parquet as pq

    assert pq.read_table(parquet).num_rows == len(records)


def test_batch_follows_the_store_it_is_given(store: Store, tmp_path: Path) -> None:
    # one process, two stores: the second run must not reuse the first store's screener
    other = Store(tmp_path / "un-only.db")
    import_file(other, FIXTURES / "un" / "consolidated.xml", "un_sc")
    customers = tmp_path / "c.csv"
    customers.write_text("id,name\nc1,Alexander Lukashenko\n", "utf-8")
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    screen_file(store, customers, first, workers=1)
    screen_file(other, customers, second, workers=1)
    assert LUKASHENKA in first.read_text("utf-8")
    assert LUKASHENKA not in second.read_text("utf-8")


def test_bad_query(screener: Screener) -> None:
    with pytest.raises(QueryError):
        screener.screen(Query.build(["x"], schema="Planet"))


def test_cli_screen(store: Store, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["screen", "Александр Григорьевич Лукашенко", "--json", "--db", str(store.path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    # his OFAC and EU entries are one party: one hit, either may lead, both lists' designations
    top = next(h for h in data["hits"] if LUKASHENKA in h["referents"])
    assert {d["program"] for d in top["designations"]} == {"BELARUS", "BLR"}
    result = runner.invoke(app, ["screen", "Alexander Lukashenko", "--explain", "--db", str(store.path)])
    assert result.exit_code == 0
    assert "LUKASHENKA" in result.output and "us_ofac_sdn" in result.output and "eu_fsf" in result.output
    result = runner.invoke(app, ["screen", "Nobody Atall", "--db", str(store.path)])
    assert "No hits" in result.output
    result = runner.invoke(app, ["screen", "x", "--schema", "Planet", "--db", str(store.path)])
    assert result.exit_code == 1 and "unknown schema" in result.output
    # a birth date that cannot be read: screened without it, and said so
    result = runner.invoke(app, ["screen", "Alexander Lukashenko", "--dob", "1954-13-45", "--db", str(store.path)])
    assert result.exit_code == 0 and "LUKASHENKA" in result.output
    assert "birth_date '1954-13-45' could not be read (not a date): screened without it" in result.output
    result = runner.invoke(
        app, ["screen", "Alexander Lukashenko", "--dob", "1954-13-45", "--json", "--db", str(store.path)]
    )
    data = json.loads(result.stdout)
    assert data["unreadable"] == [{"field": "birth_date", "value": "1954-13-45", "reason": "not a date"}]
    assert LUKASHENKA in {e for h in data["hits"] for e in h["referents"]}
    # only entities designated with a measure
    args = ["screen", "Alexander Lukashenko", "--json", "--db", str(store.path)]
    frozen = json.loads(runner.invoke(app, [*args, "--measure", "asset_freeze"]).stdout)["hits"]
    assert LUKASHENKA in {e for h in frozen for e in h["referents"]}
    assert json.loads(runner.invoke(app, [*args, "--measure", "deflagging"]).stdout)["hits"] == []
    bad = runner.invoke(app, [*args, "--measure", "everything"])
    assert bad.exit_code == 1 and "unknown measure" in bad.output


def test_screening_refuses_a_store_without_lists(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "empty.db")
    customers = tmp_path / "c.csv"
    customers.write_text("id,name\n1,Kim Jong Un\n", "utf-8")
    assert runner.invoke(app, ["portfolio", "load", str(customers), "--db", db]).exit_code == 0
    article = tmp_path / "article.txt"
    article.write_text("Kim Jong Un met the press in Pyongyang on Monday.", "utf-8")
    for args in (
        ["screen", "Kim Jong Un"],
        ["text", str(article)],
        ["screen", "--input", str(customers), "--output", str(tmp_path / "hits.jsonl")],
        ["monitor"],
    ):
        result = runner.invoke(app, [*args, "--db", db])
        assert result.exit_code in (1, 2), (args, result.output)  # `embargo text` says errors with 2
        assert "holds no list" in result.output and "embargo update" in result.output, args
    assert not (tmp_path / "hits.jsonl").exists()
    with pytest.raises(NotReadyError, match="holds no list"):
        Screener.open(Store(db))


def test_cli_screen_without_schema_finds_every_kind(store: Store) -> None:
    runner = CliRunner()

    def found(*args: str) -> list[str]:
        result = runner.invoke(app, ["screen", *args, "--db", str(store.path), "--json"])
        assert result.exit_code == 0, result.output
        hits = json.loads(result.output)["hits"]  # each hit's record id and its party's others'
        return [d["source_id"] for h in hits for d in h["designations"] if d.get("source_id")] + [
            h["source_id"] for h in hits
        ]

    # a company typed without --schema is screened as an organization too
    assert "11195" in found("Iran Aircraft Manufacturing Industrial Co")
    assert "9760" in found("Alexander Lukashenko")
    # an explicit schema still restricts the search
    assert found("Iran Aircraft Manufacturing Industrial Co", "--schema", "Person") == []


def test_real_lists_cross_list(shared_data: Path, tmp_path: Path) -> None:
    s = Store(tmp_path / "real.db")
    import_file(s, shared_data / "ofac" / "sdn_csv_2021" / "sdn.csv", "us_ofac_sdn")
    import_file(s, shared_data / "eu" / "opensanctions_eu_journal_32006R0765_belarus.csv", "eu_oj_belarus")
    screener = Screener.open(s)
    hits = screener.screen(Query.build(["Аляксандр Рыгоравіч Лукашэнка"]))
    him = [h for h in hits if "LUKASHENK" in h.caption.upper() and "VIKTAR" not in h.caption.upper()]
    # his OFAC and EU entries are one party: one hit, with both lists' designations
    assert len(him) == 1 and {d.list for d in screener.designations(him[0])} == {"us_ofac_sdn", "eu_oj_belarus"}


def test_a_lone_family_name_hits_only_when_one_listed_person_has_it(tmp_path: Path) -> None:
    s = Store(tmp_path / "lone.db")
    path = tmp_path / "people.csv"
    path.write_text(
        "id,name,schema,first_name,last_name\n"
        "1,Vladimir Vladimirovich PUTIN,Person,Vladimir,PUTIN\n"
        "2,Alyaksandr LUKASHENKA,Person,Alyaksandr,LUKASHENKA\n"
        "3,Viktar LUKASHENKA,Person,Viktar,LUKASHENKA\n",
        "utf-8",
    )
    import_file(s, path, "people", format_name="custom_csv")
    screener = Screener.open(s)
    hits = screener.screen(Query.build(["Präsident Putin"]))
    assert [h.source_id for h in hits] == ["1"]
    assert any(p["feature"] == "unique_family_name" for p in hits[0].explanation())
    assert screener.screen(Query.build(["Lukashenka"])) == []
    assert screener.screen(Query.build(["Vladimir"])) == []


def test_the_person_lexicon_is_made_after_an_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`embargo import` makes the lexicon from the index's person words, once; the first screen then need not."""
    from embargo.names._person_lexicon import PersonLexicon

    monkeypatch.setenv("EMBARGO_CACHE_DIR", str(tmp_path / "cache"))
    calls: list[list[tuple[str, frozenset[str]]]] = []

    def make(reference: list[tuple[str, frozenset[str]]]) -> PersonLexicon:
        calls.append(reference)
        path = PersonLexicon.path_for_rigour()
        path.parent.mkdir(parents=True)
        path.touch()
        return PersonLexicon(path)

    monkeypatch.setattr(PersonLexicon, "for_rigour", staticmethod(make))
    db = str(tmp_path / "store.db")
    for _ in range(2):
        result = CliRunner().invoke(
            app, ["import", str(FIXTURES / "ofac" / "SDN.XML"), "-s", "us_ofac_sdn", "--db", db]
        )
        assert result.exit_code == 0, result.output
    [reference] = calls  # the second import finds the file and makes nothing
    store = Store(db)
    [info] = store.view().lists()
    assert info.current is not None
    table = ListIndex.load(index_path(store, info.current)).symbol_table
    assert dict(reference) == {w: s for (w, org), s in table.items() if not org}
    assert "lukashenka" in dict(reference)


def test_screening_does_not_load_followthemoney(store: Store, tmp_path: Path) -> None:
    """FtM's model takes 0.8 s to import: the CLI and a batch screen (countries included) do without it."""
    customers = tmp_path / "c.csv"
    customers.write_text("id,name,nationality\n1,Alexander Lukashenko,Belarus\n", encoding="utf-8")
    code = (
        "import sys\nfrom embargo.cli import app\n"
        f"try: app(['screen', '--db', {str(store.url)!r}, '--input', {str(customers)!r}, "
        f"'--output', {str(tmp_path / 'h.jsonl')!r}])\nexcept SystemExit as e: assert not e.code, e.code\n"
        "assert 'followthemoney' not in sys.modules and 'sqlalchemy' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert LUKASHENKA in (tmp_path / "h.jsonl").read_text(encoding="utf-8")


def _customers(path: Path, japanese_every: int) -> None:
    names = ["Alexander Lukashenko", "Jane Doe", "Aliaksandr Ryhoravich LUKASHENKA", "Peter Smith", "Mary Jones"]
    lines = ["id,name,birth_date"]
    for i in range(450):
        name = "山田太郎" if i % japanese_every == 0 else names[i % len(names)]
        lines.append(f"c{i},{name},{'1954-13-40' if i == 7 else ''}")
    path.write_text("\n".join(lines) + "\n", "utf-8")


@pytest.mark.parametrize("japanese_every", [40, 3, 1])
def test_parallel_batch_writes_what_one_process_writes(store: Store, tmp_path: Path, japanese_every: int) -> None:
    # Rows in Japanese script are screened together (few) or spread (many): the output is in input order either way.
    customers = tmp_path / "customers.csv"
    _customers(customers, japanese_every)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    first = screen_file(store, customers, one, workers=1)
    second = screen_file(store, customers, two, workers=2)
    assert one.read_bytes() == two.read_bytes()
    assert (first.rows, first.hits, first.rows_with_hits, first.errors, first.flagged) == (
        second.rows,
        second.hits,
        second.rows_with_hits,
        second.errors,
        second.flagged,
    )
    assert first.errors == [] and first.flag_lines() == ["line 9 (id c7): birth_date '1954-13-40': not a date"]
    ids = [json.loads(line)["query_id"] for line in one.read_text("utf-8").splitlines()]
    assert ids == sorted(ids, key=lambda i: int(i[1:]))


def test_few_japanese_rows_make_one_job(tmp_path: Path) -> None:
    from embargo.screening.batch import CHUNK, _plan, read_queries

    customers = tmp_path / "customers.csv"
    _customers(customers, 40)
    rows = list(read_queries(customers))
    plan, preload = _plan(rows, 2)
    assert plan[0] == list(range(0, 450, 40)) and not preload
    assert sorted(i for job in plan for i in job) == list(range(450))
    assert all(len(job) <= CHUNK for job in plan[1:])
    _customers(customers, 1)  # every row: more than one worker's share
    plan, preload = _plan(list(read_queries(customers)), 2)
    assert preload and plan[0] == list(range(CHUNK))
    assert _plan(rows, 1) == ([list(range(CHUNK)), list(range(CHUNK, 2 * CHUNK)), list(range(2 * CHUNK, 450))], False)


@pytest.mark.parametrize(
    "written",
    ["Alexander Lukashеnko", "Аlexander Lukashenko", "ΑLEXANDER LUKASHENKO"],  # Cyrillic е, Cyrillic А, Greek Α
)
def test_a_name_with_look_alike_letters_is_found_and_says_so(screener: Screener, written: str) -> None:
    hits = screener.screen(Query.build([written]))
    top = next(h for h in hits if h.entity_id == LUKASHENKA)
    parts = top.explanation()
    mixed = [p for p in parts if p["feature"] == "mixed_script"]
    assert len(mixed) == 1 and "mixes scripts" in str(mixed[0]["detail"])
    clean = screener.screen(Query.build(["Alexander Lukashenko"]))
    assert top.score == next(h.score for h in clean if h.entity_id == LUKASHENKA)


def test_explanations_have_no_null_sides(screener: Screener) -> None:
    for name in ("Alexander Grigoryevich Lukashenko Junior", "Lukashenko"):
        for hit in screener.screen(Query.build([name]), threshold=0.3):
            for part in hit.explanation():
                for token in part.get("tokens", []):
                    assert None not in token.values(), token
                    assert "query" in token or "listed" in token


def test_every_listed_organisation_is_found_by_its_own_name(tmp_path: Path) -> None:
    """A name queried exactly as listed finds its entity, however common its one distinctive word.

    Generic words rank no candidate, so "RUSSIAN MACHINES" used to lose its place among the
    twenty candidates to the many names with "Russian" in them (index/keys.py: exact_name_keys).
    """
    store = Store(tmp_path / "s.db")
    rows = ["id,name,schema,program"]
    # many firms sharing the one word that is not generic, and one whose other word is generic
    rows += [f"R-{i},Russian {word} Company,Organization,TEST" for i, word in enumerate(
        ["Oil", "Gas", "Coal", "Steel", "Grain", "Timber", "Salt", "Gold", "Iron", "Copper", "Nickel", "Zinc",
         "Cobalt", "Uranium", "Silver", "Platinum", "Diamond", "Amber", "Fish", "Sugar", "Cotton", "Wool",
         "Paper", "Glass", "Cement"]
    )]  # fmt: skip
    rows.append("R-MACH,RUSSIAN MACHINES,Organization,TEST")
    path = tmp_path / "list.csv"
    path.write_text("\n".join(rows) + "\n", "utf-8")
    import_file(store, path, "test_list", format_name="custom_csv")
    screener = Screener.open(store)
    for written in ("RUSSIAN MACHINES", "JSC Russian Machines", "Russian Machines LLC"):
        hits = screener.screen(Query.build([written], schema="Organization"))
        assert "test-list-r-mach" in {h.entity_id for h in hits}, written


def test_screen_any_is_the_best_of_each_kind(screener: Screener) -> None:
    """A party given without a schema: screened as each kind, one hit per entity, the best, best first."""
    query = Query.build(["Alexander Lukashenko"])
    best: dict[str, float] = {}
    for kind in ("Person", "Organization", "Vessel", "Airplane"):
        for h in screener.screen(Query.build(query.names, schema=kind), limit=5):
            best[h.entity_id] = max(best.get(h.entity_id, 0.0), h.score)
    hits = screener.screen_any(query, limit=5)
    assert [h.entity_id for h in hits] == sorted(best, key=lambda e: (-best[e], e))[:5]
    assert LUKASHENKA in [h.entity_id for h in hits[:2]]


def test_screen_any_keeps_what_keep_accepts(screener: Screener) -> None:
    query = Query.build(["Alexander Lukashenko"])
    hits = screener.screen_any(query, schemata=["Person"], keep=lambda h: h.list_name == "us_ofac_sdn")
    assert hits and all(h.list_name == "us_ofac_sdn" for h in hits)


def test_a_hit_has_its_designations(screener: Screener) -> None:
    [hit] = [h for h in screener.screen(Query.build(["Alexander Lukashenko"])) if h.entity_id == LUKASHENKA]
    designations = screener.designations(hit)
    assert designations and all(d.list == "us_ofac_sdn" for d in designations)


def test_designations_need_the_store(screener: Screener) -> None:
    bare = Screener(screener.indexes)
    hit = screener.screen(Query.build(["Alexander Lukashenko"]))[0]
    with pytest.raises(StoreError, match="without their store"):
        bare.designations(hit)


def test_a_query_without_a_schema_is_screened_as_every_kind(screener: Screener) -> None:
    """``Screener.screen`` of a query given no schema is what the CLI, the API and the UI screen: every kind."""
    query = Query(["Alexander Lukashenko"])
    assert query.schema is None
    assert screener.screen(query, limit=5) == screener.screen_any(query, limit=5)
    assert screener.screen(query.with_schema("Person"), limit=5) == screener.screen_any(
        query, schemata=["Person"], limit=5
    )
