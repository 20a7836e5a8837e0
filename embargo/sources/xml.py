"""Safe, streaming XML reading shared by the XML list formats.

The official lists are large (OFAC's SDN.XML is about 30 MB, the EU file
more), so they are read with ``iterparse`` and each record is freed once
parsed. No DTD is loaded, no entity is expanded, nothing is fetched from the
network; a file that declares a DTD or entities at all is refused, since no
publisher's list does and such a file is either broken or hostile.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TypedDict

from lxml import etree

from embargo.errors import SourceError
from embargo.sources.base import read_head

__all__ = ["DTD", "READ_ERRORS", "SAFE_XML", "child_text", "children", "iter_records", "local_name", "sniff_root"]

#: What lxml and the codecs raise on a damaged file besides a syntax error; :func:`iter_records`
#: turns each into :class:`SourceError`.
READ_ERRORS = (etree.LxmlError, ValueError, LookupError, UnicodeError)


class SafeXml(TypedDict):
    """lxml's reading options that :data:`SAFE_XML` sets (a parser's or ``iterparse``'s keywords)."""

    resolve_entities: bool
    load_dtd: bool
    no_network: bool
    huge_tree: bool
    remove_comments: bool
    remove_pis: bool


#: A document type or entity declaration: no official list or payment message has one, and entities can be
#: used to attack the reader (billion laughs, external files), so a document holding one is refused unread.
DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
#: How embargo has lxml read XML from outside: no entity expansion, no DTD, no network, no huge trees;
#: comments and processing instructions dropped.
SAFE_XML = SafeXml(
    resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False, remove_comments=True, remove_pis=True
)
_ROOT = re.compile(rb"<\s*([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)[\s>/]")


def local_name(tag: object) -> str:
    """Tag without its ``{namespace}``."""
    text = str(tag)
    return text.rsplit("}", 1)[-1]


_COMMENT = re.compile(rb"<!--.*?(-->|$)", re.DOTALL)


def sniff_root(head: bytes) -> str | None:
    """Local name of the first element in ``head`` (after prolog/comments).

    Comments are dropped first: a comment before the root may mention element
    names (``<!-- one <Designation> per target -->``) that are not the root.
    """
    text = _COMMENT.sub(b"", head.lstrip(b"\xef\xbb\xbf \t\r\n"))
    pos = 0
    while True:
        m = _ROOT.search(text, pos)
        if m is None:
            return None
        start = m.start()
        # skip <?xml ...?>, <!-- -->, <!DOCTYPE>
        if text[start + 1 : start + 2] in (b"?", b"!"):
            pos = m.end()
            continue
        return m.group(2).decode("ascii", "replace")


def _check_prolog(path: Path) -> None:
    head = read_head(path, 65536)
    if not head.strip():
        raise SourceError("the file is empty", str(path))
    if DTD.search(head):
        raise SourceError(
            "the XML declares a DTD or entities; refused (no official list does, "
            "and entities can be used to attack the reader)",
            str(path),
        )


def iter_records(path: Path, root: str | tuple[str, ...], record: str | tuple[str, ...]) -> Iterator[etree._Element]:
    """Stream the record elements of an XML list file.

    Args:
        path: the XML file.
        root: accepted local name(s) of the document element.
        record: local name(s) of the elements to yield; each is cleared
            after the caller is done with it.

    Yields:
        Each record element, complete, with its children.

    Raises:
        SourceError: not XML, the wrong document element, a DTD, a file
            that ends before the document does, or any other read error
            (:data:`READ_ERRORS`): callers need catch nothing else.
    """
    roots = (root,) if isinstance(root, str) else root
    records = (record,) if isinstance(record, str) else record
    _check_prolog(path)
    seen_root = False
    depth = 0
    # Opened here rather than by lxml so that it is closed when reading stops
    # early (wrong root, HTML page, a caller that stops iterating); lxml leaves
    # its own handle to the garbage collector, a ResourceWarning under pytest.
    try:
        source = path.open("rb")
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc}", str(path)) from exc
    try:
        context = etree.iterparse(
            source,
            events=("start", "end"),
            **SAFE_XML,
        )
        inside = 0
        for event, elem in context:
            name = local_name(elem.tag)
            if event == "start":
                depth += 1
                if not seen_root:
                    seen_root = True
                    if name.lower() == "html":
                        raise SourceError(
                            "this is an HTML page, not a list file (an error page served instead of the list?)",
                            str(path),
                        )
                    if name not in roots:
                        raise SourceError(f"unexpected document element <{name}>, expected <{roots[0]}>", str(path))
                if name in records:
                    inside += 1
                continue
            depth -= 1
            if name in records:
                inside -= 1
                if inside == 0:
                    yield elem
                    elem.clear(keep_tail=False)
                    parent = elem.getparent()
                    if parent is not None:
                        while elem.getprevious() is not None:
                            del parent[0]
    except etree.XMLSyntaxError as exc:
        line = getattr(exc, "lineno", None)
        where = f"line {line}" if line else None
        msg = str(exc.msg) if getattr(exc, "msg", None) else str(exc)
        raise SourceError(f"not well-formed XML ({msg})", str(path), where) from exc
    except READ_ERRORS as exc:  # a damaged file lxml or a codec trips on in another way
        raise SourceError(f"cannot read the XML ({exc})", str(path)) from exc
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc}", str(path)) from exc
    finally:
        source.close()
    if not seen_root:
        raise SourceError("no XML document element found", str(path))


def children(elem: etree._Element, name: str) -> list[etree._Element]:
    """Direct children with local name ``name``."""
    return [c for c in elem if isinstance(c.tag, str) and local_name(c.tag) == name]


def child_text(elem: etree._Element, name: str) -> str | None:
    """Stripped text of the first direct child named ``name``, or None."""
    for c in elem:
        if isinstance(c.tag, str) and local_name(c.tag) == name:
            text = (c.text or "").strip()
            return text or None
    return None
