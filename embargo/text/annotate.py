"""An annotated report of a screened text: one self-contained HTML document a journalist can read and share.

:func:`render_html` writes the article's text (for HTML input, the main text the
offsets refer to: :attr:`TextReport.text`) with every mention highlighted by
verdict and numbered, beside a panel of numbered notes: what each mention
resolves to, its verdict, the reason in words, and each hit's caption, list,
score, country and designations (authority, programme, measures), as the hit
dicts hold them; nothing else is looked up and nothing is made up. A header gives
the counts per verdict, the lists screened against and their versions, and when.

The document has its CSS inline and no script, loads nothing, and escapes every
piece of text, the article's and the lists' alike (both come from outside). A
verdict is told by colour *and* by the style of the underline (solid, dashed,
dotted), the number and the notes, so it reads in black-and-white print and for
colour-blind readers; on a narrow screen or on paper the notes follow the text.
:func:`render_fragment` is the same without the page around it, for the web UI
(``embargo/web/texts.py``), which serves :data:`CSS` as a stylesheet of its own
(its content security policy allows no inline style).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from typing import Any

from embargo.store import Store
from embargo.text.screen import MentionResult, TextReport

__all__ = ["CSS", "VERDICTS", "ScreenedList", "render_fragment", "render_html", "screened_lists"]

#: The verdicts, in the order they are counted and explained.
VERDICTS = ("listed", "ambiguous", "not_listed")

_WORD = {"listed": "listed", "ambiguous": "ambiguous", "not_listed": "not listed"}

#: What each verdict means, for the legend and the footer.
MEANING = {
    "listed": "the name scores at least 0.85 against a listed person or organization, and that list entry's "
    "own name was found in these words. Check the hit (dates, roles, country) before publishing.",
    "ambiguous": "some listed entity is close (a lower score, a surname alone, or two people it could be): "
    "not enough to say this is the listed one without more facts (date of birth, role, country).",
    "not_listed": "no listed name fits well enough: this name is not on the screened lists as written.",
}

#: The annotated view's style; every rule is scoped to ``.ea`` so it can sit in another page.
CSS = """
.ea { --ea-ink: #1b1f24; --ea-muted: #4a5560; --ea-line: #c9d1d9;
  --ea-listed: #8b0000; --ea-listed-bg: #fbd9d9; --ea-ambiguous: #7a4100; --ea-ambiguous-bg: #fde8b5;
  --ea-not: #2f4b70; --ea-not-bg: #e3ecf7; color: var(--ea-ink); line-height: 1.5; }
.ea *, .ea *::before, .ea *::after { box-sizing: border-box; }
.ea-summary { margin: 0 0 1rem; }
.ea-summary dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0 0 .5rem; }
.ea-summary dt { font-weight: 600; }
.ea-summary dd { margin: 0; }
.ea-counts { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem 1rem; padding: 0; margin: .25rem 0; }
.ea-lists { margin: 0; padding-left: 1.2rem; }
.ea-layout { display: block; }
@media (min-width: 62rem) {
  .ea-layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(18rem, 2fr); gap: 1.5rem;
    align-items: start; }
  .ea-notes { position: sticky; top: .5rem; max-height: calc(100vh - 1rem); overflow: auto; }
}
.ea-article, .ea-notes { background: #fff; border: 1px solid var(--ea-line); border-radius: 6px;
  padding: .9rem 1.1rem; }
.ea-notes { margin-top: 1rem; }
@media (min-width: 62rem) { .ea-notes { margin-top: 0; } }
.ea-article p { margin: 0 0 .8rem; overflow-wrap: anywhere; }
.ea h2 { font-size: 1.15rem; margin: 0 0 .5rem; }
.ea mark.ea-m { color: var(--ea-ink); padding: 0 .1em; border-radius: 2px; }
.ea .ea-listed { background: var(--ea-listed-bg); border-bottom: 3px solid var(--ea-listed); font-weight: 700; }
.ea .ea-ambiguous { background: var(--ea-ambiguous-bg); border-bottom: 3px dashed var(--ea-ambiguous); }
.ea .ea-not_listed { background: var(--ea-not-bg); border-bottom: 2px dotted var(--ea-not); }
.ea mark.ea-m:target { outline: 3px solid #ffbf47; }
.ea sup.ea-ref { font-size: .7em; font-weight: 700; margin-left: .1em; }
.ea sup.ea-ref a { color: var(--ea-ink); text-decoration: none; }
.ea-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.ea-notes ol { margin: 0; padding: 0; list-style: none; }
.ea-note { border-left: 6px solid var(--ea-line); padding: .35rem .6rem; margin: 0 0 .6rem; background: #fff; }
.ea-note-listed { border-left: 6px solid var(--ea-listed); }
.ea-note-ambiguous { border-left: 6px dashed var(--ea-ambiguous); }
.ea-note-not_listed { border-left: 6px dotted var(--ea-not); }
.ea-note:target { outline: 3px solid #ffbf47; }
.ea-note p { margin: .1rem 0; }
.ea-num { font-weight: 700; margin-right: .3rem; }
.ea-verdict { font-weight: 700; text-transform: uppercase; font-size: .85em; letter-spacing: .03em; }
.ea-muted { color: var(--ea-muted); font-size: .9em; }
.ea-hits { margin: .2rem 0 0; padding-left: 1.1rem; font-size: .92em; }
.ea-hits li { margin: 0 0 .2rem; }
.ea-legend { list-style: none; padding: 0; margin: .25rem 0; }
.ea-legend li { margin: 0 0 .2rem; }
.ea-foot { margin-top: 1rem; font-size: .9em; color: var(--ea-muted); }
@media print {
  .ea-layout { display: block; }
  .ea-notes { position: static; max-height: none; overflow: visible; margin-top: 1rem; border: 0; padding: 0; }
  .ea-article { border: 0; padding: 0; }
  .ea mark.ea-m { background: none; }
  .ea-sr { position: static; width: auto; height: auto; clip: auto; font-size: .7em; }
  .ea-note { break-inside: avoid; }
}
"""

#: Only for the standalone document: the page around the view.
_PAGE_CSS = """
body { margin: 0; padding: 1rem 1.25rem 2rem; font-family: system-ui, -apple-system, "Segoe UI", Roboto,
  "Noto Sans", sans-serif; background: #f6f8fa; }
.ea-page { max-width: 1400px; margin: 0 auto; }
.ea-page > h1 { font-size: 1.5rem; margin: .25rem 0 .75rem; overflow-wrap: anywhere; }
@media print { body { background: #fff; padding: 0; } }
"""


@dataclass(frozen=True, slots=True)
class ScreenedList:
    """A list the text was screened against, for the report's header.

    Attributes:
        name: the list's name in the store (``eu_fsf``).
        title: its title.
        version: the version's number within the list.
        published: the publication date the list file gives, if any.
        imported: when that version was imported (UTC, ISO).
    """

    name: str
    title: str = ""
    version: int | None = None
    published: str | None = None
    imported: str | None = None


def screened_lists(store: Store, versions: Mapping[str, int]) -> list[ScreenedList]:
    """The lists of ``versions`` (list name to version id, as a screener holds them), described from the store."""
    found = []
    view = store.view()
    for info in view.lists():
        if info.name not in versions:
            continue
        wanted = versions[info.name]
        version = info.current
        if version is None or version.id != wanted:
            version = next((v for v in view.versions(info.name) if v.id == wanted), None)
        if version is None:
            found.append(ScreenedList(info.name, info.title))
        else:
            found.append(ScreenedList(info.name, info.title, version.seq, version.published, version.imported_at))
    return found


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _safe_url(value: object) -> str:
    """An absolute http(s) URL, or "" (a list file's URL is not ours: ``javascript:`` must never be a link)."""
    text = str(value or "").strip()
    scheme, sep, rest = text.partition(":")
    if not sep or scheme.lower() not in ("http", "https") or not rest.startswith("//") or len(rest) < 3:
        return ""
    if any(ord(ch) < 0x21 or ch == "\x7f" for ch in text):
        return ""
    return text


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
_NEWLINE = re.compile(r"\n\s*")


class _Writer:
    """The article as HTML: paragraphs from line breaks, marks nested where mentions nest."""

    def __init__(self, text: str, results: Sequence[MentionResult]) -> None:
        self.text = text
        self.results = results
        # Blank lines part paragraphs; a text without any (as extracted pages are) has one per line.
        self.breaks = _BLANK_LINE if _BLANK_LINE.search(text) else _NEWLINE

    def plain(self, lo: int, hi: int, depth: int) -> str:
        parts = self.breaks.split(self.text[lo:hi])
        # Inside a mark a paragraph cannot end: its break is drawn as a line break instead.
        joint = "<br><br>" if depth else "</p>\n<p>"
        return joint.join(_e(p) for p in parts)

    def spans(self, items: list[tuple[int, int, int]], lo: int, hi: int, depth: int) -> str:
        """``text[lo:hi]`` with the mentions ``items`` (start, end, index; sorted, all inside) marked."""
        out: list[str] = []
        pos = lo
        rest = sorted(items, key=lambda t: (t[0], -t[1], t[2]))
        while rest:
            start, end, i = rest.pop(0)
            out.append(self.plain(pos, start, depth))
            inner: list[tuple[int, int, int]] = []
            later: list[tuple[int, int, int]] = []
            for s, e, j in rest:
                if s >= end:
                    later.append((s, e, j))
                elif e <= end:
                    inner.append((s, e, j))  # inside this one: nested
                else:
                    later.append((end, e, j))  # crosses its end: marked from there on
            out.append(self.mark(i, self.spans(inner, start, end, depth + 1)))
            pos = end
            rest = sorted(later, key=lambda t: (t[0], -t[1], t[2]))
        out.append(self.plain(pos, hi, depth))
        return "".join(out)

    def mark(self, i: int, inner: str) -> str:
        r = self.results[i]
        n = i + 1
        word = _WORD.get(r.verdict, r.verdict)
        title = f"{n}: {word}"
        if r.mention.resolved and r.mention.resolved != r.mention.text:
            title += f" ({r.mention.resolved})"
        if r.hits:
            title += f", {r.hits[0].get('caption', '')}"
        return (
            f'<mark class="ea-m ea-{_e(r.verdict)}" id="m{n}" title="{_e(title)}">{inner}'
            f'<sup class="ea-ref"><a href="#n{n}">{n}</a></sup><span class="ea-sr"> ({_e(word)})</span></mark>'
        )

    def article(self) -> str:
        size = len(self.text)
        items = []
        for i, r in enumerate(self.results):
            start = min(max(r.mention.start, 0), size)
            end = min(max(r.mention.end, start), size)
            items.append((start, end, i))
        return "<p>" + self.spans(items, 0, size, 0) + "</p>"


def _designation(d: Mapping[str, Any]) -> str:
    head = " ".join(str(d[k]) for k in ("authority", "program") if d.get(k))
    bits = [_e(head or d.get("list") or "designation")]
    measures = d.get("measures")
    if measures:
        bits.append(_e(", ".join(str(m).replace("_", " ") for m in measures)))
    if d.get("listing_date"):
        bits.append(f"listed {_e(d['listing_date'])}")
    if d.get("end_date"):
        bits.append(f"ended {_e(d['end_date'])}")
    if d.get("source_id"):
        bits.append(f"ref. {_e(d['source_id'])}")
    text = " · ".join(bits)
    url = _safe_url(d.get("url"))
    return f'<a href="{_e(url)}" rel="noopener noreferrer">{text}</a>' if url else text


def _countries(hit: Mapping[str, Any]) -> list[str]:
    found: list[str] = []
    for key in ("countries", "country"):
        value = hit.get(key)
        if isinstance(value, str) and value:
            found.append(value)
        elif isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping):
            found.extend(str(v) for v in value if v)
    return list(dict.fromkeys(found))


def _hit(hit: Mapping[str, Any]) -> str:
    caption = hit.get("caption") or hit.get("matched_name") or hit.get("entity_id") or "?"
    bits = [f"<strong>{_e(caption)}</strong>"]
    if hit.get("schema"):
        bits.append(_e(hit["schema"]))
    if hit.get("list"):
        ref = f" {hit['source_id']}" if hit.get("source_id") else ""
        bits.append(f"list {_e(hit['list'])}{_e(ref)}")
    score = hit.get("score")
    if isinstance(score, int | float):
        bits.append(f"score {score:.2f}")
    countries = _countries(hit)
    if countries:
        bits.append(f"country {_e(', '.join(countries))}")
    line = " · ".join(bits)
    matched = hit.get("matched_name")
    if matched and matched != caption:
        line += f' <span class="ea-muted">(matched as “{_e(matched)}”)</span>'
    designations = [d for d in hit.get("designations") or [] if isinstance(d, Mapping)]
    if designations:
        unique = list(dict.fromkeys(_designation(d) for d in designations))
        line += "<br>" + "; ".join(unique)
    return f"<li>{line}</li>"


def _note(i: int, r: MentionResult, results: Sequence[MentionResult]) -> str:
    m = r.mention
    n = i + 1
    word = _WORD.get(r.verdict, r.verdict)
    head = f'<a class="ea-num" href="#m{n}" title="mention {n} in the text">{n}</a> “{_e(m.text)}”'
    if m.resolved and m.resolved != m.text:
        head += f" → {_e(m.resolved)}"
    head += f' <span class="ea-verdict">{_e(word)}</span> <span class="ea-muted">{_e(m.kind)}</span>'
    parts = [f"<p>{head}</p>"]
    if r.reason:
        parts.append(f"<p>{_e(r.reason)}</p>")
    back = m.antecedent if m.antecedent is not None and 0 <= m.antecedent < len(results) else None
    if back is not None and results[back].hits == r.hits:
        if r.hits:
            parts.append(f'<p class="ea-muted">Hits as for <a href="#n{back + 1}">mention {back + 1}</a>.</p>')
    elif r.hits:
        parts.append('<ul class="ea-hits">' + "".join(_hit(h) for h in r.hits) + "</ul>")
    return f'<li class="ea-note ea-note-{_e(r.verdict)}" id="n{n}">{"".join(parts)}</li>'


def _summary(report: TextReport, source: str | None, lists: Sequence[ScreenedList], when: datetime) -> str:
    counts = dict.fromkeys(VERDICTS, 0)
    for r in report.mentions:
        counts[r.verdict] = counts.get(r.verdict, 0) + 1
    rows = []
    if source:
        rows.append(("Source", _e(source)))
    rows.append(("Language", _e(report.language or "unknown")))
    rows.append(("Words", f"{report.words} ({len(report.text)} characters screened)"))
    shown = "".join(
        f'<li><span class="ea-m ea-{_e(v)}">{_e(_WORD.get(v, v))}</span>: {c}</li>' for v, c in counts.items()
    )
    rows.append(("Mentions", f'{len(report.mentions)}<ul class="ea-counts">{shown}</ul>'))
    if lists:
        items = []
        for s in lists:
            line = f"<strong>{_e(s.name)}</strong>"
            if s.title:
                line += f" ({_e(s.title)})"
            if s.version is not None:
                line += f", version {s.version}"
            if s.published:
                line += f", published {_e(s.published)}"
            if s.imported:
                line += f", imported {_e(s.imported[:10])}"
            items.append(f"<li>{line}</li>")
        rows.append(("Lists", f'<ul class="ea-lists">{"".join(items)}</ul>'))
    rows.append(("Screened", _e(when.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC"))))
    body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<section class="ea-summary" aria-label="Summary"><dl>{body}</dl></section>'


def _footer() -> str:
    items = "".join(f'<li><span class="ea-m ea-{v}">{_e(_WORD[v])}</span>: {_e(MEANING[v])}</li>' for v in VERDICTS)
    return (
        '<footer class="ea-foot"><p><strong>What the verdicts mean</strong> (colour, underline: solid, '
        f'dashed, dotted; and the numbered notes):</p><ul class="ea-legend">{items}</ul>'
        "<p>A verdict is a screening result, not a finding: the same name can belong to several people. "
        "Made by embargo's text screener; offsets refer to the text shown (for a web page, its main text).</p>"
        "</footer>"
    )


def render_fragment(
    report: TextReport,
    *,
    source: str | None = None,
    lists: Sequence[ScreenedList] = (),
    screened_at: datetime | None = None,
) -> str:
    """The annotated view without the page around it: summary, article, notes, legend.

    Args:
        report: what :meth:`embargo.text.TextScreener.screen` returned.
        source: where the text came from (a file name), shown in the summary.
        lists: the lists screened against (:func:`screened_lists`).
        screened_at: when (now when None).

    Returns:
        HTML (a ``<div class="ea">``) with every piece of text escaped; style it with :data:`CSS`.
    """
    when = screened_at if screened_at is not None else datetime.now(UTC)
    results = report.mentions
    article = _Writer(report.text, results).article()
    if results:
        notes = "<ol>" + "".join(_note(i, r, results) for i, r in enumerate(results)) + "</ol>"
    else:
        notes = "<p>No person or organization was found in this text.</p>"
    return (
        '<div class="ea">'
        + _summary(report, source, lists, when)
        + '<div class="ea-layout">'
        + f'<section class="ea-article" aria-labelledby="ea-text-h"><h2 id="ea-text-h">Text</h2>{article}</section>'
        + f'<section class="ea-notes" aria-labelledby="ea-notes-h"><h2 id="ea-notes-h">Mentions</h2>{notes}</section>'
        + "</div>"
        + _footer()
        + "</div>"
    )


def render_html(
    report: TextReport,
    title: str = "Screened text",
    source: str | None = None,
    lists: Sequence[ScreenedList] = (),
    screened_at: datetime | None = None,
) -> str:
    """The annotated report as one self-contained HTML document (inline CSS, no script, nothing loaded).

    Args:
        report: what :meth:`embargo.text.TextScreener.screen` returned.
        title: the page's title and heading (a file name, say).
        source: where the text came from, shown in the summary.
        lists: the lists screened against (:func:`screened_lists`).
        screened_at: when (now when None).
    """
    fragment = render_fragment(report, source=source, lists=lists, screened_at=screened_at)
    heading = f"Screening report: {title}"
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # Nothing but the inline style may load or run, even if a stray tag got through.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        'img-src data:">\n'
        '<meta name="generator" content="embargo text">\n'
        f"<title>{_e(heading)}</title>\n<style>{_PAGE_CSS}{CSS}</style>\n</head>\n<body>\n"
        f'<main class="ea-page"><h1>{_e(heading)}</h1>\n{fragment}\n</main>\n</body>\n</html>\n'
    )
