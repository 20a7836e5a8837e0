"""List formats (one module each) and the catalogue of published lists."""

from embargo.sources.base import Format, ParseContext, ParseIssue
from embargo.sources.catalog import LISTS, ListFile, PublishedList, get_list
from embargo.sources.registry import FORMATS, get_format, sniff_format

__all__ = [
    "FORMATS",
    "LISTS",
    "Format",
    "ListFile",
    "ParseContext",
    "ParseIssue",
    "PublishedList",
    "get_format",
    "get_list",
    "sniff_format",
]
