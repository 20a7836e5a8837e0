"""Sanctions regimes across authorities: one regime for the programme codes each publisher gives it.

Each publisher names its programmes its own way: Belarus is ``BELARUS`` (and
``BELARUS-EO14038``) at OFAC, ``BLR`` in the EU's FSF file (``EU-BLR`` in the
Official Journal extracts), "Belarus" at OFSI, "The Republic of Belarus
(Sanctions) (EU Exit) Regulations 2019" on the FCDO's UK Sanctions List. A
*regime* is what they share: the country or the theme the measures answer to.
:func:`regime_of` reads a designation's (publisher, programme) as its regime.

The tables below hold the codes each publisher publishes, with their source;
a text-named programme missing from them (a UK regulation's full title, a
Swiss ordinance, an Australian committee) is read by the words it contains
(:data:`_WORDS`). A programme neither reaches has no regime: callers show the
code itself, never drop it.

Regimes are coarse on purpose. The Ukraine territorial-integrity regimes (EU
``UKR``, OFAC's ``UKRAINE-EO13660`` to ``13685``, Australia's and Canada's
"Ukraine") list mostly Russian parties and are read as *Russia*; human-rights
and anti-corruption regimes aimed at one country (OFSI "Iran (human
rights)") are that country's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["REGIMES", "REGIME_PROGRAMS", "Regime", "publisher_of", "regime_of"]


@dataclass(frozen=True, slots=True)
class Regime:
    """A sanctions regime as several authorities impose it.

    Attributes:
        key: short stable name (``belarus``, ``terrorism``).
        title: what users see.
    """

    key: str
    title: str


REGIMES: dict[str, Regime] = {
    r.key: r
    for r in (
        Regime("afghanistan", "Afghanistan (Taliban)"),
        Regime("balkans", "Western Balkans"),
        Regime("belarus", "Belarus"),
        Regime("burundi", "Burundi"),
        Regime("car", "Central African Republic"),
        Regime("china", "China (Hong Kong, military companies)"),
        Regime("cuba", "Cuba"),
        Regime("cyber", "Cyber-attacks"),
        Regime("dprk", "North Korea (DPRK)"),
        Regime("drc", "Democratic Republic of the Congo"),
        Regime("guinea_bissau", "Guinea-Bissau"),
        Regime("haiti", "Haiti"),
        Regime("human_rights", "Human rights and corruption (global)"),
        Regime("iran", "Iran"),
        Regime("iraq", "Iraq"),
        Regime("lebanon", "Lebanon"),
        Regime("libya", "Libya"),
        Regime("mali", "Mali"),
        Regime("myanmar", "Myanmar (Burma)"),
        Regime("narcotics", "Narcotics and organised crime"),
        Regime("nicaragua", "Nicaragua"),
        Regime("proliferation", "Weapons of mass destruction"),
        Regime("russia", "Russia (and Ukraine territorial integrity)"),
        Regime("somalia", "Somalia"),
        Regime("south_sudan", "South Sudan"),
        Regime("sudan", "Sudan (Darfur)"),
        Regime("syria", "Syria"),
        Regime("terrorism", "Counter-terrorism (ISIL, Al-Qaida and others)"),
        Regime("venezuela", "Venezuela"),
        Regime("yemen", "Yemen"),
        Regime("zimbabwe", "Zimbabwe"),
    )
}


def _table(pairs: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Regime -> codes, written the way readers check them, turned into code -> regime."""
    return {_norm(code): regime for regime, codes in pairs.items() for code in codes}


def _norm(code: str) -> str:
    return " ".join(code.replace("\u2019", "'").replace("\u2013", "-").casefold().split())


#: Each publisher's programme codes, by regime (keys of :data:`REGIMES`).
REGIME_PROGRAMS: dict[str, dict[str, str]] = {
    # US OFAC: the program tags of the SDN and Consolidated lists, as in OFAC's "Program Tag Definitions
    # for OFAC Sanctions Lists" (ofac.treasury.gov, SDN list > program tag definitions); the tags met in
    # the published files (the real-data folder's 2021 SDN CSV set and 2026 CONSOLIDATED.XML).
    "ofac": _table(
        {
            "belarus": ("BELARUS", "BELARUS-EO14038"),
            "russia": (
                "RUSSIA-EO14024",
                "UKRAINE-EO13660",
                "UKRAINE-EO13661",
                "UKRAINE-EO13662",
                "UKRAINE-EO13685",
                "CAATSA - RUSSIA",
                "PEESA",
                "MAGNIT",
            ),
            "iran": (
                "IRAN",
                "IRAN-EO13846",
                "IRAN-EO13871",
                "IRAN-EO13876",
                "IRAN-EO13902",
                "IRAN-HR",
                "IRAN-TRA",
                "IRAN-CON-ARMS-EO",
                "IFSR",
                "IRGC",
                "ISA",
                "IFCA",
                "CAATSA - IRAN",
                "FSE-IR",
                "HRIT-IR",
                "561-RELATED",  # section 561 of the Iranian Financial Sanctions Regulations
            ),
            "dprk": ("DPRK", "DPRK2", "DPRK3", "DPRK4", "DPRK-NKSPEA"),
            "syria": ("SYRIA", "SYRIA-EO13894", "SYRIA-CAESAR", "FSE-SY", "HRIT-SY"),
            "terrorism": ("SDGT", "SDT", "FTO", "HIFPAA"),
            "balkans": ("BALKANS", "BALKANS-EO14033"),
            "burundi": ("BURUNDI",),
            "car": ("CAR",),
            "china": ("HK-EO13936", "CMIC-EO13959"),
            "cuba": ("CUBA",),
            "cyber": ("CYBER2", "CYBER3"),
            "drc": ("DRCONGO",),
            "human_rights": ("GLOMAG",),
            "iraq": ("IRAQ2", "IRAQ3"),
            "lebanon": ("LEBANON",),
            "libya": ("LIBYA2", "LIBYA3"),
            "mali": ("MALI-EO13882",),
            "myanmar": ("BURMA-EO14014",),
            "narcotics": ("SDNT", "SDNTK", "ILLICIT-DRUGS-EO14059", "TCO"),
            "nicaragua": ("NICARAGUA", "NICARAGUA-NHRAA"),
            "proliferation": ("NPWMD",),
            "somalia": ("SOMALIA",),
            "south_sudan": ("SOUTH SUDAN",),
            "sudan": ("DARFUR",),
            "venezuela": ("VENEZUELA", "VENEZUELA-EO13850", "VENEZUELA-EO13884"),
            "yemen": ("YEMEN",),
            "zimbabwe": ("ZIMBABWE",),
        }
    ),
    # EU: the ``programme`` attribute of the FSF file's ``regulation`` elements (the codes of
    # embargo.sources._eu_fsf_details.PROGRAMMES, the EU Sanctions Map's regimes); the Official Journal
    # extracts write them ``EU-BLR`` (read without the ``EU-``, see regime_of).
    "eu": _table(
        {
            "afghanistan": ("AFG",),
            "balkans": ("BIH",),
            "belarus": ("BLR",),
            "burundi": ("BDI",),
            "car": ("CAF",),
            "cyber": ("CYB",),
            "dprk": ("PRK",),
            "drc": ("COD",),
            "guinea_bissau": ("GNB",),
            "haiti": ("HTI",),
            "iran": ("IRN",),
            "iraq": ("IRQ",),
            "lebanon": ("LBN",),
            "libya": ("LBY",),
            "mali": ("MLI",),
            "myanmar": ("MMR",),
            "nicaragua": ("NIC",),
            "proliferation": ("CHEM",),
            "russia": ("RUS", "UKR"),
            "somalia": ("SOM",),
            "south_sudan": ("SSD",),
            "sudan": ("SDN",),
            "syria": ("SYR",),
            "terrorism": ("TAQA", "TERR"),
            "venezuela": ("VEN",),
            "yemen": ("YEM",),
            "zimbabwe": ("ZWE",),
        }
    ),
    # UN Security Council: the consolidated list's ``UN_LIST_TYPE`` values (one per sanctions committee;
    # embargo.sources.un_sc.PROGRAMS names the committees and their resolutions).
    "un": _table(
        {
            "afghanistan": ("Taliban",),
            "car": ("CAR",),
            "dprk": ("DPRK",),
            "drc": ("DRC",),
            "guinea_bissau": ("GB",),
            "haiti": ("Haiti",),
            "iran": ("Iran",),
            "iraq": ("Iraq",),
            "libya": ("Libya",),
            "mali": ("Mali",),
            "somalia": ("Somalia",),
            "south_sudan": ("SouthSudan",),
            "sudan": ("Sudan",),
            "terrorism": ("Al-Qaida",),
            "yemen": ("Yemen",),
        }
    ),
    # UK: OFSI's ConList ``Regime`` column (regime names as on gov.uk's "UK sanctions regimes" page); the
    # FCDO's UK Sanctions List gives each regulation's full title instead, read by its words (_WORDS).
    "uk": _table(
        {
            "afghanistan": ("Afghanistan",),
            "belarus": ("Belarus",),
            "car": ("Central African Republic",),
            "cyber": ("Cyber",),
            "dprk": ("North Korea (Democratic People's Republic of Korea)", "Democratic People's Republic of Korea"),
            "drc": ("Democratic Republic of the Congo",),
            "human_rights": ("Global Human Rights", "Global Anti-Corruption"),
            "iran": ("Iran", "Iran (nuclear proliferation)", "Iran (human rights)", "Iran (Nuclear)"),
            "iraq": ("Iraq",),
            "libya": ("Libya",),
            "mali": ("Mali",),
            "myanmar": ("Myanmar",),
            "nicaragua": ("Nicaragua",),
            "proliferation": ("Chemical Weapons",),
            "russia": ("Russia", "Ukraine (Sovereignty)", "Ukraine"),
            "somalia": ("Somalia",),
            "south_sudan": ("South Sudan",),
            "sudan": ("Sudan",),
            "syria": ("Syria",),
            "terrorism": (
                "The ISIL (Da'esh) and Al-Qaida organisations",
                "Terrorism and Terrorist Financing",
                "Counter-Terrorism (International)",
                "Counter-Terrorism (Domestic)",
            ),
            "venezuela": ("Venezuela",),
            "yemen": ("Yemen",),
            "zimbabwe": ("Zimbabwe",),
        }
    ),
}

#: Words that name a regime in a programme's text (a UK regulation's title, a Swiss ordinance, Australia's
#: ``Autonomous (Russia)`` or ``1718 (DPRK)``, Canada's country names), tried in order: countries first, so
#: "Iran (human rights)" is Iran's, and South Sudan before Sudan.
_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), regime)
    for pattern, regime in (
        (r"\bbelarus\b", "belarus"),
        (r"\b(russia|ukraine)\b", "russia"),
        (r"\biran\b", "iran"),
        (r"\b(dprk|north korea|democratic people's republic of korea)\b", "dprk"),
        (r"\bsyria\b", "syria"),
        (r"\b(isil|al-qa[ei]da|terroris[mt]|1373|al-shabaab)", "terrorism"),
        (r"\b(afghanistan|taliban)\b", "afghanistan"),
        (r"\bsouth sudan\b", "south_sudan"),
        (r"\b(sudan|darfur)\b", "sudan"),
        (r"\b(burma|myanmar)\b", "myanmar"),
        (r"\bvenezuela\b", "venezuela"),
        (r"\bzimbabwe\b", "zimbabwe"),
        (r"\bnicaragua\b", "nicaragua"),
        (r"\blibya\b", "libya"),
        (r"\biraq\b", "iraq"),
        (r"\byemen\b", "yemen"),
        (r"\bsomalia\b", "somalia"),
        (r"\bhaiti\b", "haiti"),
        (r"\bmali\b", "mali"),
        (r"\bguinea-bissau\b", "guinea_bissau"),
        (r"\bcentral african republic\b", "car"),
        (r"\b(democratic republic of the congo|drc)\b", "drc"),
        (r"\blebanon\b", "lebanon"),
        (r"\b(ffry|yugoslavia|balkans|bosnia)", "balkans"),
        (r"\bcyber", "cyber"),
        (r"\b(human rights|corrupt)", "human_rights"),
    )
)


def publisher_of(authority_or_list: str | None) -> str | None:
    """The publisher whose codes :data:`REGIME_PROGRAMS` holds (``ofac``, ``eu``, ``uk``, ``un``), from a list name
    (``us_ofac_sdn``, ``eu_oj_belarus``, ``gb_fcdo``) or an authority (``US OFAC``, ``EU``, ``UK OFSI``);
    None for any other (a custom list, another country's)."""
    text = _norm(authority_or_list or "").replace("_", " ")
    first = text.split(" ", 1)[0]
    if "ofac" in text:
        return "ofac"
    if first == "eu":
        return "eu"
    if first in ("gb", "uk"):
        return "uk"
    if first == "un" or text.startswith("united nations"):
        return "un"
    return None


@lru_cache(maxsize=4096)
def regime_of(authority_or_list: str | None, program: str | None) -> Regime | None:
    """The regime of a programme as a publisher names it; None when the code is not known (show the code).

    Args:
        authority_or_list: the designation's authority or list (``US OFAC``, ``eu_fsf``...); for one
            :func:`publisher_of` does not know, a code every publisher table that holds it reads alike.
        program: the programme code or name (``BELARUS``, ``EU-BLR``, ``Russia``...).
    """
    if not program or not program.strip():
        return None
    code = _norm(program)
    publisher = publisher_of(authority_or_list)
    if code.startswith("eu-") and publisher in ("eu", None):  # the Official Journal's ``EU-BLR``
        code, publisher = code[3:], "eu"
    tables = [REGIME_PROGRAMS[publisher]] if publisher is not None else list(REGIME_PROGRAMS.values())
    found = {t[code] for t in tables if code in t}
    if len(found) == 1:
        return REGIMES[found.pop()]
    if found:  # publishers disagree on the code: better no regime than a wrong one
        return None
    for pattern, regime in _WORDS:
        if pattern.search(code):
            return REGIMES[regime]
    return None
