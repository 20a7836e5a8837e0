"""The main text of an input: plain text as it is, an HTML page reduced to its article.

A saved web page carries navigation, cookie banners, donation appeals,
'related stories' and 'Read more' links; trafilatura keeps the article's
paragraphs and drops those (its precision mode). When it finds no article (a
fragment, a page that is only a list of links) the page's visible text is used,
without scripts and styles, so nothing the page says is silently lost.
Mention offsets refer to the text returned here.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from embargo.errors import QueryError

__all__ = ["extract_main_text", "looks_like_html"]

_HTML = re.compile(r"<(!doctype html|html|head|body|p|div|article)\b", re.IGNORECASE)


def looks_like_html(raw: str) -> bool:
    """True when the input starts like markup or holds common block tags near its start."""
    return bool(_HTML.search(raw[:5000]))


def _visible_text(raw: str) -> str:
    try:
        root = lxml.html.fromstring(raw)
    except (lxml.etree.ParserError, ValueError) as exc:
        # a comment, a bare doctype or nothing at all: a document with no element says nothing
        raise QueryError(f"the HTML holds no element, so no text to screen ({exc})") from exc
    for bad in root.xpath("//script|//style|//noscript|//template"):  # type: ignore[union-attr]
        bad.drop_tree()  # type: ignore[union-attr]
    text = str(root.text_content())  # type: ignore[attr-defined]
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


def extract_main_text(raw: str, html: bool | None = None) -> str:
    """The text to screen.

    Args:
        raw: plain text, an HTML fragment or a saved page.
        html: True or False to say what ``raw`` is; guessed with :func:`looks_like_html` when None.

    Raises:
        QueryError: HTML with no element at all (a comment, a bare doctype, nothing).
    """
    if not (looks_like_html(raw) if html is None else html):
        return raw
    import trafilatura

    # No deduplicate=True: trafilatura keeps that cache for the whole process and drops a
    # paragraph seen more than twice, so a server screening one page again would answer otherwise.
    text = trafilatura.extract(
        raw, include_comments=False, include_tables=False, include_links=False, favor_precision=True
    )
    return text if text and text.strip() else _visible_text(raw)
