"""The published lists embargo knows: who publishes them, where, in which format.

A *format* (``ofac_xml``) is how a file is written; a *list* (``us_ofac_sdn``)
is what a publisher maintains. Several lists share a format (OFAC's SDN and
Consolidated lists are both in the SDN XML schema) and one list is published
in several formats (the SDN list as XML and as the legacy CSV set).

Each list names its files as the publisher does, so ``embargo update --from
FOLDER`` finds them in a mirror, and ``embargo update`` downloads them.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LISTS", "ListFile", "PublishedList", "get_list"]

_OFAC = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"


@dataclass(frozen=True, slots=True)
class ListFile:
    """One way a list is published: a format, the file's name and its address."""

    format: str
    pattern: str
    url: str | None = None

    @property
    def filename(self) -> str:
        """The name the file is published (and cached) under."""
        if self.url is None:
            return self.pattern.replace("*", "")
        tail = self.url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
        if tail == "content":  # the EU serves its file from a generic endpoint
            return "xmlFullSanctionsList_1_1.xml"
        if tail.endswith(".xhtml"):  # SECO serves its XML from a JSF page (downloadXmlGesamtliste.xhtml)
            return tail.removesuffix(".xhtml") + ".xml"
        return tail


@dataclass(frozen=True, slots=True)
class PublishedList:
    """A list maintained by a publisher.

    Attributes:
        name: embargo's name for it (also the prefix of its entity ids).
        title: the publisher's title.
        authority: who imposes the measures (shown on designations).
        files: the ways it is published, preferred first; ``pattern`` is a
            case-insensitive file-name glob used to find it in a mirror.
        official: False for derived files that are not the publisher's own.
        info_url: where a reader learns about the list.
        closed: the ISO date the publisher stopped publishing the list; a closed
            list stays importable by hand but ``embargo update`` never fetches it.
        successor: the list that replaces a closed one.
    """

    name: str
    title: str
    authority: str
    files: tuple[ListFile, ...]
    official: bool = True
    info_url: str | None = None
    closed: str | None = None
    successor: str | None = None

    @property
    def accepts(self) -> tuple[str, ...]:
        """The formats a file of this list may be in (a file in another format is refused on import)."""
        return tuple(dict.fromkeys(f.format for f in self.files))

    @property
    def format(self) -> str:
        """The preferred format."""
        return self.files[0].format

    @property
    def url(self) -> str | None:
        """The preferred download address."""
        return self.files[0].url


LISTS: tuple[PublishedList, ...] = (
    PublishedList(
        "us_ofac_sdn",
        "OFAC Specially Designated Nationals and Blocked Persons (SDN) List",
        "US OFAC",
        (
            # The advanced XML first: every script, the features and the ownership links (docs/sources.md).
            ListFile("ofac_advanced", "sdn_advanced.xml", _OFAC + "SDN_ADVANCED.XML"),
            ListFile("ofac_xml", "sdn.xml", _OFAC + "SDN.XML"),
            ListFile("ofac_csv", "sdn.csv", _OFAC + "SDN.CSV"),
        ),
        info_url="https://ofac.treasury.gov/specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists",
    ),
    PublishedList(
        "us_ofac_cons",
        "OFAC Consolidated Sanctions List (non-SDN)",
        "US OFAC",
        (
            ListFile("ofac_advanced", "cons_advanced.xml", _OFAC + "CONS_ADVANCED.XML"),
            ListFile("ofac_xml", "consolidated.xml", _OFAC + "CONSOLIDATED.XML"),
            ListFile("ofac_csv", "cons_prim.csv", _OFAC + "CONS_PRIM.CSV"),
        ),
        info_url="https://ofac.treasury.gov/consolidated-sanctions-list-non-sdn-lists",
    ),
    PublishedList(
        "eu_fsf",
        "EU Consolidated Financial Sanctions File",
        "EU",
        (
            ListFile(
                "eu_fsf",
                "*sanctions*list*.xml",
                "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw",
            ),
        ),
        info_url="https://data.europa.eu/data/datasets/consolidated-list-of-persons-groups-and-entities-subject-to-eu-financial-sanctions",
    ),
    PublishedList(
        "gb_ofsi",
        "UK OFSI Consolidated List of Financial Sanctions Targets",
        "UK OFSI",
        (
            ListFile(
                "uk_ofsi",
                "conlist*.csv",
                "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv",
            ),
        ),
        info_url="https://www.gov.uk/government/publications/financial-sanctions-consolidated-list-of-targets",
        # OFSI's Consolidated List closed on 28 January 2026: the FCDO's UK Sanctions List is the one UK list.
        closed="2026-01-28",
        successor="gb_fcdo",
    ),
    PublishedList(
        "gb_fcdo",
        "UK Sanctions List (FCDO)",
        "UK FCDO",
        (
            ListFile(
                "uk_fcdo", "uk*sanctions*list*.xml", "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"
            ),
            ListFile(
                "uk_fcdo_csv", "uk*sanctions*list*.csv", "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.csv"
            ),
        ),
        info_url="https://www.gov.uk/government/publications/the-uk-sanctions-list",
    ),
    PublishedList(
        "un_sc",
        "UN Security Council Consolidated List",
        "UN Security Council",
        (ListFile("un_sc", "consolidated.xml", "https://scsanctions.un.org/resources/xml/en/consolidated.xml"),),
        info_url="https://www.un.org/securitycouncil/content/un-sc-consolidated-list",
    ),
    PublishedList(
        "eu_oj_belarus",
        "EU Official Journal: Regulation (EC) No 765/2006 (Belarus), consolidated annexes",
        "EU",
        (ListFile("eu_journal", "*32006r0765*.csv"),),
        official=False,
        info_url="https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32006R0765",
    ),
    PublishedList(
        "eu_oj_russia",
        "EU Official Journal: Regulation (EU) No 269/2014 (Russia/Ukraine), consolidated annexes",
        "EU",
        (ListFile("eu_journal", "*32014r0269*.csv"),),
        official=False,
        info_url="https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32014R0269",
    ),
    PublishedList(
        "au_dfat",
        "Australian Consolidated Sanctions List (DFAT)",
        "AU DFAT",
        (
            ListFile(
                "au_dfat",
                "*consolidated*.xlsx",
                "https://www.dfat.gov.au/sites/default/files/regulation8_consolidated.xlsx",
            ),
        ),
        info_url="https://www.dfat.gov.au/international-relations/security/sanctions/consolidated-list",
    ),
    PublishedList(
        "ch_seco",
        "Swiss SECO Sanctions List (consolidated)",
        "CH SECO",
        (
            ListFile(
                "ch_seco",
                "*gesamtliste*.xml",
                "https://www.sesam.search.admin.ch/sesam-search-web/pages/downloadXmlGesamtliste.xhtml"
                "?lang=en&action=downloadXmlGesamtlisteAction",
            ),
        ),
        info_url="https://www.seco.admin.ch/seco/en/home/Aussenwirtschaftspolitik_Wirtschaftliche_Zusammenarbeit/Wirtschaftsbeziehungen/exportkontrollen-und-sanktionen/sanktionen-embargos.html",
    ),
    PublishedList(
        "ca_sema",
        "Consolidated Canadian Autonomous Sanctions List",
        "CA Global Affairs",
        (
            ListFile(
                "ca_sema",
                "sema-lmes*.xml",
                "https://www.international.gc.ca/world-monde/assets/office_docs/international_relations-relations_internationales/sanctions/sema-lmes.xml",
            ),
        ),
        info_url="https://www.international.gc.ca/world-monde/international_relations-relations_internationales/sanctions/consolidated-consolide.aspx?lang=eng",
    ),
)


def get_list(name: str) -> PublishedList | None:
    """The catalogue entry for a list name, or None for a custom list."""
    for item in LISTS:
        if item.name == name:
            return item
    return None
