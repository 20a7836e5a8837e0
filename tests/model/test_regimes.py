"""regime_of: one regime for the programme codes of every publisher; an unknown code stays itself."""

from __future__ import annotations

import pytest

from embargo.model import REGIME_PROGRAMS, REGIMES, publisher_of, regime_of

CASES = [
    # (authority or list, programme as the list gives it, regime key or None)
    ("US OFAC", "BELARUS", "belarus"),
    ("us_ofac_sdn", "BELARUS-EO14038", "belarus"),
    ("EU", "EU-BLR", "belarus"),  # the Official Journal extracts' programKey
    ("eu_fsf", "BLR", "belarus"),
    ("UK OFSI", "Belarus", "belarus"),
    ("gb_fcdo", "The Republic of Belarus (Sanctions) (EU Exit) Regulations 2019", "belarus"),
    ("CH SECO", "Ordinance of 16 March 2022 on measures against Belarus (SR 946.231.116.9)", "belarus"),
    ("us_ofac_cons", "UKRAINE-EO13662", "russia"),
    ("eu_fsf", "UKR", "russia"),
    ("eu_oj_russia", "EU-UKR", "russia"),
    ("gb_ofsi", "Ukraine (Sovereignty)", "russia"),
    ("au_dfat", "Autonomous (Russia)", "russia"),
    ("us_ofac_sdn", "IRGC", "iran"),
    ("gb_ofsi", "Iran (human rights)", "iran"),  # the country before the theme
    ("UN Security Council", "DPRK", "dprk"),
    ("us_ofac_sdn", "DPRK3", "dprk"),
    ("eu_fsf", "PRK", "dprk"),
    ("us_ofac_sdn", "SDGT", "terrorism"),
    ("eu_fsf", "TAQA", "terrorism"),
    ("un_sc", "Al-Qaida", "terrorism"),
    ("gb_fcdo", "Isil (Da\u2019esh) and Al-Qaeda (United Nations Sanctions) (EU Exit) Regulations 2019", "terrorism"),
    ("un_sc", "SouthSudan", "south_sudan"),
    ("au_dfat", "2206 (South Sudan)", "south_sudan"),  # not Sudan's
    ("un_sc", "GB", "guinea_bissau"),
    ("eu_fsf", "SDN", "sudan"),  # the EU's Sudan, not OFAC's SDN list
    ("my_list", "IRAN", "iran"),  # a custom list using OFAC's tags
    # Unknown programmes have no regime: the caller shows the code itself.
    ("us_ofac_sdn", "NS-PLC", None),
    ("ch_seco", "SECO sanctions set 4387", None),
    ("my_list", "Internal high risk", None),
    ("eu_fsf", None, None),
    ("eu_fsf", "  ", None),
]


@pytest.mark.parametrize(("publisher", "program", "expected"), CASES)
def test_regime_of(publisher: str, program: str | None, expected: str | None) -> None:
    found = regime_of(publisher, program)
    assert (found.key if found else None) == expected


def test_belarus_at_ofac_and_the_eu_is_one_regime() -> None:
    ofac, eu = regime_of("US OFAC", "BELARUS"), regime_of("EU", "EU-BLR")
    assert ofac is not None and ofac is eu and ofac.title == "Belarus"


def test_publishers() -> None:
    assert [publisher_of(n) for n in ("us_ofac_sdn", "US OFAC", "eu_oj_belarus", "EU", "gb_fcdo", "UK OFSI")] == [
        "ofac",
        "ofac",
        "eu",
        "eu",
        "uk",
        "uk",
    ]
    assert [publisher_of(n) for n in ("un_sc", "UN Security Council", "au_dfat", "internal", "", None)] == [
        "un",
        "un",
        None,
        None,
        None,
        None,
    ]


def test_every_table_names_known_regimes() -> None:
    for codes in REGIME_PROGRAMS.values():
        assert set(codes.values()) <= set(REGIMES)
    assert all(key == regime.key for key, regime in REGIMES.items())
