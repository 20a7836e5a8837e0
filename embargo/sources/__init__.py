"""List formats (one module each) and the catalogue of published lists."""

from embargo.sources.base import Format, ParseContext, ParseIssue
from embargo.sources.catalog import LISTS, ListFile, PublishedList, get_list

__all__ = [
    "LISTS",
    "Format",
    "ListFile",
    "ParseContext",
    "ParseIssue",
    "PublishedList",
    "get_list",
]
