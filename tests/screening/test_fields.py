"""A customer file's field limits (``EMBARGO_MAX_FIELD``, ``EMBARGO_MAX_FIELDS``): each refusal names the line and field."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from followthemoney.util import PROP_VALUE_MAX

from embargo.errors import SourceError
from embargo.screening import read_queries
from embargo.settings import CSV_FIELD_LIMIT

LIMITS = (10_000, 100)

CASES = [
    # a 3 MB name on one line: refused by the line's length, before the csv module builds the row
    ("id,name\n1,A B\n2," + "x" * 3_000_000 + "\n", "line 3: field 'name' holds more than 1,000,299 characters"),
    (
        "id,name\n1,A B\n2," + "x" * 20_000 + "\n",
        "line 3: field 'name' holds 20,000 characters, over the limit of 10,000",
    ),
    ("id,name,birth_date\n1,A B,1970\n2,C D," + "1" * 50_000 + "\n", "line 3: field 'birth_date' holds 50,000"),
    ("id,name\n1,A B," + ",".join(["a"] * 200) + "\n", "line 2: 202 fields, over the limit of 100"),
    ("id,name\n1,A B," + ",".join(["a"] * 2_000_000) + "\n", "line 2: more than 100 fields"),
    (",".join(["id", "name"] + [f"c{i}" for i in range(150)]) + "\n1,A B\n", "line 1: 152 fields"),
    # a quoted field of 2 MB over many lines: the csv module's limit, embargo's own (not an import's)
    ('id,name\n1,"' + ("x" * 50 + "\n") * 40_000 + '"\n', f"line 2: a field longer than {CSV_FIELD_LIMIT:,}"),
]


@pytest.mark.parametrize(("text", "message"), CASES)
def test_a_field_or_row_over_the_limit_is_refused_naming_line_and_field(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "customers.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        list(read_queries(path, field_limits=LIMITS))
    assert message in str(caught.value) and str(path) in str(caught.value)
    assert "EMBARGO_MAX_FIELD" in str(caught.value) or "CSV field" in str(caught.value)


@pytest.mark.parametrize("imported_limit", [131_072, PROP_VALUE_MAX])
def test_a_file_reads_the_same_whatever_an_import_set(tmp_path: Path, imported_limit: int) -> None:
    """The CLI refused a 3 MB field only because of Python's csv limit; a server, having imported
    followthemoney (which raises it to 30 MB), stored it. Now embargo sets the limit itself."""
    path = tmp_path / "customers.csv"
    path.write_text('id,name\n1,"' + "x" * (CSV_FIELD_LIMIT + 10) + '"\n', encoding="utf-8")
    saved = csv.field_size_limit()
    try:
        csv.field_size_limit(imported_limit)
        with pytest.raises(SourceError, match=f"longer than {CSV_FIELD_LIMIT:,} characters"):
            list(read_queries(path))
    finally:
        csv.field_size_limit(saved)


def test_columns_embargo_does_not_read_are_not_held_to_the_field_limit(tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    path.write_text("id,name,notes\n1,A B," + "n" * 50_000 + "\n", encoding="utf-8")
    [(line, query, rid, _)] = list(read_queries(path, field_limits=LIMITS))
    assert (line, rid) == (2, "1") and not isinstance(query, str)


def test_batch_files_are_not_held_to_the_portfolio_limits(tmp_path: Path) -> None:
    """The batch CLI reads without field limits; a name over EMBARGO_MAX_NAME is that row's error alone."""
    path = tmp_path / "customers.csv"
    path.write_text("id,name\n1,A B\n2," + "x" * 20_000 + "\n3,C D\n", encoding="utf-8")
    rows = list(read_queries(path))
    assert [r[2] for r in rows] == ["1", "2", "3"]
    assert isinstance(rows[1][1], str) and "over the limit of 1,000 (EMBARGO_MAX_NAME)" in rows[1][1]


def test_parquet_fields_are_held_to_the_limits(tmp_path: Path) -> None:
    path = tmp_path / "customers.parquet"
    pq.write_table(pa.table({"id": ["1", "2"], "name": ["A B", "x" * 20_000]}), path)
    with pytest.raises(SourceError, match="line 2: field 'name' holds 20,000 characters"):
        list(read_queries(path, field_limits=LIMITS))
    wide = tmp_path / "wide.parquet"
    pq.write_table(pa.table({"id": ["1"], "name": ["A B"], **{f"c{i}": ["a"] for i in range(120)}}), wide)
    with pytest.raises(SourceError, match=r"line 1: 122 fields, over the limit of 100 \(EMBARGO_MAX_FIELDS\)"):
        list(read_queries(wide, field_limits=LIMITS))
