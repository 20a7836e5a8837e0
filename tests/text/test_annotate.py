"""The annotated report (embargo/text/annotate.py) and ``embargo text --html`` / ``--format``."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from embargo.cli import app
from embargo.store import Store
from embargo.text import Mention, MentionResult, TextReport
from embargo.text.annotate import ScreenedList, render_fragment, render_html
from tests.conftest import FIXTURES

WHEN = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)

HIT: dict[str, Any] = {
    "entity_id": "eu-fsf-2178",
    "caption": "Dzmitry Valerievich PAULICHENKA",
    "list": "eu_fsf",
    "source_id": "2178",
    "schema": "Person",
    "score": 0.9562,
    "matched_name": "Dzmitry PAULICHENKA",
    "designations": [
        {
            "id": "d1",
            "list": "eu_fsf",
            "authority": "EU",
            "program": "BLR",
            "measures": ["asset_freeze"],
            "listing_date": "2004-09-24",
            "url": "javascript:alert(1)",
        },
    ],
}


def _result(text: str, start: int, end: int, verdict: str, **kw: Any) -> MentionResult:
    hits = kw.pop("hits", [])
    reason = kw.pop("reason", "because")
    m = Mention(start, end, text[start:end], kw.pop("kind", "Person"), ["ner"], 0, 0, **kw)
    m.resolved = m.resolved or m.text
    return MentionResult(m, verdict, hits, reason)


def _report(text: str, spans: list[tuple[int, int, str]]) -> TextReport:
    results = [_result(text, s, e, v) for s, e, v in spans]
    return TextReport(text, "en", len(text.split()), results)


class _Marks(HTMLParser):
    """The text inside each ``mark`` (its own and its nested marks', without the superscript and hidden verdict)."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, list[str]]] = []
        self.skip = 0
        self.marks: dict[str, str] = {}
        self.classes: dict[str, str] = {}
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        a = dict(attrs)
        if tag == "mark":
            self.open.append((a["id"] or "", []))
            self.classes[a["id"] or ""] = a["class"] or ""
        elif tag == "sup" or (tag == "span" and a.get("class") == "ea-sr"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            mid, parts = self.open.pop()
            self.marks[mid] = "".join(parts)
        elif tag in ("sup", "span") and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            for _, parts in self.open:
                parts.append(data)


def _marks(document: str) -> _Marks:
    parser = _Marks()
    parser.feed(document)
    return parser


def test_every_mention_is_marked_once_at_its_offsets() -> None:
    text = "Dzmitry Paulichenka met Ales Bialiatski.\n\nPaulichenka left; Acme Group stayed"
    spans = [(0, 19, "listed"), (24, 39, "not_listed"), (42, 53, "listed"), (60, 70, "ambiguous")]
    document = render_html(_report(text, spans), title="t.txt", screened_at=WHEN)
    found = _marks(document)
    assert found.marks == {f"m{i}": text[s:e] for i, (s, e, _) in enumerate(spans, 1)}
    assert found.classes == {f"m{i}": f"ea-m ea-{v}" for i, (_, _, v) in enumerate(spans, 1)}
    for i in range(1, 5):
        assert document.count(f'id="m{i}"') == 1 and document.count(f'id="n{i}"') == 1
        assert f'<a href="#n{i}">{i}</a>' in document and f'href="#m{i}"' in document
    # The paragraph break is kept; the whole text is there.
    assert "</p>\n<p>" in document
    assert "2026-12-07 10:00 UTC" in document


def test_counts_and_the_lists_in_the_header() -> None:
    text = "A B C D E F"
    report = _report(text, [(0, 1, "listed"), (2, 3, "listed"), (4, 5, "ambiguous"), (6, 7, "not_listed")])
    lists = [ScreenedList("eu_fsf", "EU sanctions", 3, "2026-05-08", "2026-12-01T10:00:00+00:00")]
    fragment = render_fragment(report, source="x.txt", lists=lists, screened_at=WHEN)
    assert ">listed</span>: 2<" in fragment and ">ambiguous</span>: 1<" in fragment
    assert ">not listed</span>: 1<" in fragment and "<dd>4<" in fragment
    assert "<strong>eu_fsf</strong> (EU sanctions), version 3, published 2026-05-08, imported 2026-12-01" in fragment


def test_hostile_text_comes_out_inert() -> None:
    text = '<script>alert("x")</script> met <img src=x onerror=alert(1)> & "Bob"'
    hit = {
        **HIT,
        "caption": "<script>evil()</script>",
        "designations": [{"authority": "<b>EU</b>", "url": "javascript:x"}],
    }
    m = _result(text, 0, 28, "listed", hits=[hit], reason="<iframe src=x>")
    m.mention.resolved = "</mark><script>y()</script>"
    report = TextReport(text, "<svg onload=alert(1)>", 5, [m])
    document = render_html(report, title="<script>t()</script>", source='"><script>s()</script>', screened_at=WHEN)
    assert "<script" not in document.lower() and "<img" not in document and "<iframe" not in document
    assert "<svg" not in document and "<b>EU" not in document and "javascript:" not in document
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in document
    assert _marks(document).marks == {"m1": text[:28]}
    # nothing loads or runs: no external resource, and the page's own policy says so
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", document.split("<body>")[0])
    assert "default-src 'none'" in document


def test_designations_and_hits_are_shown_as_the_dicts_hold_them() -> None:
    text = "Dzmitry Paulichenka spoke."
    good = {
        **HIT,
        "countries": ["by"],
        "designations": [{**HIT["designations"][0], "url": "https://eur-lex.europa.eu/x"}],
    }
    report = TextReport(text, "en", 3, [_result(text, 0, 19, "listed", hits=[good], reason="scores 0.96")])
    fragment = render_fragment(report, screened_at=WHEN)
    assert "<strong>Dzmitry Valerievich PAULICHENKA</strong> · Person · list eu_fsf 2178 · score 0.96" in fragment
    assert "country by" in fragment and "EU BLR · asset freeze · listed 2004-09-24" in fragment
    assert '<a href="https://eur-lex.europa.eu/x" rel="noopener noreferrer">' in fragment
    assert "scores 0.96" in fragment
    plain = render_fragment(TextReport(text, "en", 3, [_result(text, 0, 19, "listed", hits=[HIT])]))
    assert " · country " not in plain  # no country in the hit: none shown


def test_a_back_reference_points_to_its_antecedent_notes() -> None:
    text = "Dzmitry Paulichenka came. Paulichenka left."
    first = _result(text, 0, 19, "listed", hits=[HIT])
    second = _result(text, 26, 37, "listed", hits=[HIT], antecedent=0, reason="refers back to 'Dzmitry Paulichenka'")
    second.mention.resolved = "Dzmitry Paulichenka"
    fragment = render_fragment(TextReport(text, "en", 5, [first, second]))
    assert "“Paulichenka” → Dzmitry Paulichenka" in fragment
    assert 'Hits as for <a href="#n1">mention 1</a>' in fragment
    assert fragment.count("<strong>Dzmitry Valerievich PAULICHENKA</strong>") == 1


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([(0, 5, "listed"), (6, 11, "not_listed")], {"m1": "Alpha", "m2": "Bravo"}),  # at the very start
        ([(17, 22, "ambiguous")], {"m1": "Delta"}),  # at the very end
        ([(0, 5, "listed"), (5, 11, "listed")], {"m1": "Alpha", "m2": " Bravo"}),  # adjacent
        ([(0, 11, "listed"), (6, 11, "ambiguous")], {"m1": "Alpha Bravo", "m2": "Bravo"}),  # nested
        ([(0, 11, "listed"), (6, 17, "ambiguous")], {"m1": "Alpha Bravo", "m2": " Chas "}),  # crossing: cut
        ([(6, 11, "listed"), (6, 11, "ambiguous")], {"m1": "Bravo", "m2": "Bravo"}),  # the same span twice
        ([(20, 99, "listed"), (-3, 2, "listed")], {"m1": "ta", "m2": "Al"}),  # offsets outside: clamped
    ],
)
def test_edges_and_overlaps(spans: list[tuple[int, int, str]], expected: dict[str, str]) -> None:
    text = "Alpha Bravo Chas Delta"
    document = render_html(_report(text, spans), screened_at=WHEN)
    found = _marks(document)
    assert found.marks == expected
    assert found.tags.count("mark") == len(spans)
    for i in range(1, len(spans) + 1):
        assert f'id="n{i}"' in document
    # the text is all there, once, in order
    article = document.split('id="ea-text-h">Text</h2>')[1].split("</section>")[0]
    assert re.sub(r"<sup.*?</sup>|<span class=\"ea-sr\">.*?</span>|<[^>]+>", "", article) == text


def test_an_empty_report() -> None:
    document = render_html(TextReport("", None, 0, []), title="empty.txt", screened_at=WHEN)
    assert "No person or organization was found in this text." in document
    assert "<mark" not in document and "<dd>0<" in document and "<dd>unknown</dd>" in document
    assert document.startswith("<!doctype html>") and document.rstrip().endswith("</html>")


def test_lines_without_blank_lines_are_paragraphs() -> None:
    text = "Headline\nFirst paragraph.\nSecond one."
    fragment = render_fragment(_report(text, []))
    assert "<p>Headline</p>\n<p>First paragraph.</p>\n<p>Second one.</p>" in fragment
    wrapped = "One paragraph\nwrapped by hand.\n\nAnother."
    assert "<p>One paragraph\nwrapped by hand.</p>\n<p>Another.</p>" in render_fragment(_report(wrapped, []))


def test_cli_writes_the_annotated_report(text_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    article = FIXTURES / "text" / "en_crackdown.txt"
    result = CliRunner().invoke(app, ["text", "--db", str(text_store.path), str(article), "--html", str(out)])
    assert result.exit_code == 0, result.output
    assert "9 mentions in 129 words" in result.stdout and "LISTED" in result.stdout  # the usual output
    document = out.read_text(encoding="utf-8")
    found = _marks(document)
    assert found.marks["m1"] == "Alexander Lukashenko" and found.classes["m1"] == "ea-m ea-listed"
    assert found.classes["m3"] == "ea-m ea-not_listed" and found.marks["m3"] == "Sviatlana Tsikhanouskaya"
    assert "Screening report: en_crackdown.txt" in document and "<strong>eu_fsf</strong>" in document
    assert ">listed</span>: 6<" in document and ">not listed</span>: 3<" in document


def test_cli_format_says_what_the_input_is(text_store: Store, tmp_path: Path) -> None:
    page = "<html><body><article><p>Sberbank said so in a statement on Tuesday.</p></article></body></html>"
    db = ["text", "--db", str(text_store.path), "--json"]
    as_text = CliRunner().invoke(app, [*db, "--format", "text", "-"], input=page)
    as_html = CliRunner().invoke(app, [*db, "--format", "html", "-"], input=page)
    guessed = CliRunner().invoke(app, [*db, "-"], input=page)
    assert as_text.exit_code == as_html.exit_code == guessed.exit_code == 0, as_text.output
    text_chars = json.loads(as_text.stdout)["characters"]
    html_chars = json.loads(as_html.stdout)["characters"]
    assert text_chars == len(page) and html_chars < len(page)
    assert json.loads(guessed.stdout)["characters"] == html_chars
    bad = CliRunner().invoke(app, [*db, "--format", "pdf", "-"], input=page)
    assert bad.exit_code == 2
    old = CliRunner().invoke(app, ["text", "--db", str(text_store.path), "--plain", "-"], input="x")
    assert old.exit_code == 2  # the old input switch is gone
