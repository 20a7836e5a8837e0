"""Name scores in bands for classes of spelling differences (docs/matching.md, section 3).

Each class is a rule that holds for names in general; the rows are examples of the class
written for these tests, not rows of any benchmark.
"""

from __future__ import annotations

import pytest

from embargo.matching import DEFAULT_THRESHOLD, compare_names

T = DEFAULT_THRESHOLD

#: (class, query, listed, schema, low, high): the score must fall in [low, high).
CASES: list[tuple[str, str, str, str, float, float]] = [
    # Spanish j, German ch and French j for the sounds English lists write kh, zh and x.
    ("bridge", "Nikita Jruschov", "Nikita Khrushchev", "Person", 0.9, 1.01),
    ("bridge", "Nikita Chruschtschow", "Nikita Khrushchev", "Person", 0.9, 1.01),
    ("bridge", "Mijail Jodorkovski", "Mikhail Khodorkovsky", "Person", 0.9, 1.01),
    ("bridge", "Michail Chodorkowski", "Mikhail Khodorkovsky", "Person", 0.9, 1.01),
    ("bridge", "Evgueni Prigojine", "Yevgeniy Prigozhin", "Person", 0.85, 1.01),
    ("bridge", "Alejandro Lukashenko", "Aliaksandr LUKASHENKA", "Person", 0.85, 1.01),
    # ... but a short word needs most of its letters: Jan is not Khan.
    ("bridge", "Jan Kowalski", "Imran Khan", "Person", 0.0, 0.3),
    ("bridge", "Jan Khan", "Khan Khan", "Person", 0.0, T),
    # Legal forms spelled out with their accents or without them are the abbreviated form.
    ("legal_form", "Renault Société par actions simplifiée", "Renault SAS", "Company", 0.95, 1.01),
    ("legal_form", "Renault Societe par actions simplifiee", "Renault SAS", "Company", 0.95, 1.01),
    ("legal_form", "Nokia Osakeyhtiö", "Nokia Oy", "Company", 0.95, 1.01),
    ("legal_form", "Petrobras Sociedade Anônima", "Petrobras S.A.", "Company", 0.95, 1.01),
    ("legal_form", "Skoda spolecnost s rucenim omezenym", "Skoda s.r.o.", "Company", 0.95, 1.01),
    # ... and a spelled-out form of another kind still conflicts.
    ("legal_form", "Deutsche Bank Aktiengesellschaft", "Deutsche Bank GmbH", "Company", 0.0, T),
    # A continent or region in a company's name is a place word, like a country.
    ("region", "Avtovaz", "Avtovaz Europe GmbH", "Company", 0.85, 1.01),
    ("region", "Sovcomflot", "Sovcomflot Asia Pte Ltd", "Company", 0.85, 1.01),
    ("region", "Avtovaz", "Avtovaz Deutschland GmbH", "Company", 0.85, 1.01),
    # ... and two registered names of different regions are two companies.
    ("region", "Avtovaz Asia Ltd", "Avtovaz Europe Ltd", "Company", 0.0, T),
    ("region", "Asian Bank", "African Bank", "Company", 0.0, 0.5),
    # Two registered names of one group in different places are two companies, capped below the threshold...
    ("place", "Nordvik Shipping (Norway) AS", "Nordvik Shipping (Denmark) AS", "Company", 0.0, T),
    ("place", "Kestrel Data Services II (Ireland) Ltd", "Kestrel Data Services II Canada Inc", "Company", 0.0, T),
    # ... while one place in two languages is one place.
    ("place", "Nordvik Shipping Deutschland GmbH", "Nordvik Shipping Germany GmbH", "Company", 0.9, 1.01),
    # Chinese characters read alike are other names (张 / 章 are both zhang); Traditional and
    # Simplified forms of one character are one name.
    ("homophone", "张伟", "章伟", "Person", 0.0, 0.5),
    ("homophone", "王石明", "王市明", "Person", 0.0, T),
    ("homophone", "張偉", "张伟", "Person", 0.95, 1.01),
    # A name in Latin letters cannot tell 章 from 张: one reading, but a two-syllable name on its own
    # (embargo.matching._cjk_rules.TWO_SYLLABLES), a hit that a conflicting birth date undoes.
    ("homophone", "Zhang Wei", "章伟", "Person", 0.8, 0.85),
    # A letter written twice is a slip even in a word of three letters or fewer, which have no typo budget.
    ("doubled", "Park Sung Hoo", "Park Sung Ho", "Person", T, 1.01),
    ("doubled", "Nguyen Van Aan", "Nguyen Van An", "Person", T, 1.01),
    # Khmer script, which ICU cannot romanize, read by the UNGEGN table.
    ("khmer", "ហ៊ុន សែន", "Hun Sen", "Person", 0.9, 1.01),
    ("khmer", "នរោត្តម សីហមុនី", "Norodom Sihamoni", "Person", 0.85, 1.01),
    ("khmer", "ហ៊ុន សែន", "Hun Manet", "Person", 0.0, 0.5),
    # One word of a company name agreeing by its sound only: a family name against another firm's word.
    ("one_word", "Kowalczyk", "KOVALCHUK GROUP", "Company", 0.0, T),
    ("one_word", "Pearson Ltd", "PIRSAN", "Company", 0.0, T),
    ("one_word", "Dornier", "DORNIER", "Company", 0.9, 1.01),  # written the same
    ("one_word", "Transneft", "Transnefti", "Company", 0.85, 1.01),  # within a typo
    ("one_word", "Lukoyl", "LUKOIL", "Company", 0.85, 1.01),
    # Names that share only very common given names, while the listed one has a name of its own,
    # are not one name on their own (embargo.names.frequency); an honorific is no name of one's own.
    ("common", "Muhammad Ahmad", "Ahmad Muhammad Qandeel", "Person", 0.0, T),
    ("common", "Muhammad Ahmad", "Muhammad Ahmad", "Person", 0.95, 1.01),
    ("common", "Ahmad Ibrahim", "Sayyid Ahmad Ibrahim", "Person", T, 1.01),
    # A typo of a short word is another short name, and a typo that meets one word of a longer
    # name is another firm (issue 19) ...
    ("one_word", "Brenk GmbH", "Brink", "Company", 0.0, T),
    ("one_word", "Velda Ltd", "Valda Shipping Services", "Company", 0.0, T),
    # ... but two letters swapped are a slip, and a vowel of a word from Arabic script may be
    # written either way (its script does not write it).
    ("one_word", "Kodal Ltd", "Kdoal Ltd", "Company", T, 1.01),
    ("one_word", "Al Nusra Front", "Al Nusrah Front", "Organization", T, 1.01),
    ("one_word", "Al Qaeda", "Al Qa'ida", "Organization", T, 1.01),
    ("one_word", "Rosoboroneksport", "ROSOBORONEXPORT", "Company", 0.85, 1.01),
    ("one_word", "Marten Bekker", "MARTIN BEKER", "Company", T, 1.01),  # two words agree, each by likeness
    # A typo drops a letter or two of a long word, not two of a short word's five...
    ("typo", "Marco Rossi", "Marco Rossini", "Person", 0.0, T),
    ("typo", "Lucia Ferri", "Lucia Ferrini", "Person", 0.0, T),
    # ... while two slips in a long word, or one in a short word, stay typos.
    ("typo", "Muhamad Karimov", "Mohammad Karimov", "Person", 0.9, 1.01),
    ("typo", "Aleksandr Sidorchuk", "Aleksandr Sydorchyuk", "Person", 0.85, 1.01),
    ("typo", "Jon Smiht", "Jon Smith", "Person", T, 1.01),
    # A family name that agrees by its consonants alone, half its letters or more other, is another family...
    ("sound_only", "Селюн", "Haji SALANI", "Person", 0.0, T),
    ("sound_only", "Marta Selun", "Marta SALANI", "Person", 0.0, T),
    ("sound_only", "Pavel Kuren", "Pavel KARINA", "Person", 0.0, T),
    # ... while spellings of one family name keep most letters, and an abjad writes no vowels.
    ("sound_only", "Alexandre Loukachenko", "Aleksandr LUKASHENKO", "Person", 0.9, 1.01),
    ("sound_only", "Saddam Husayn", "Saddam HUSSEIN", "Person", 0.9, 1.01),
    ("sound_only", "أحمد حسن", "Ahmed HASSAN", "Person", T, 1.01),
    ("sound_only", "Mohammed Qasim", "Mohammed KASSEM", "Person", T, 1.01),  # both names rigour knows
    # Belarusian surnames end in -au/-ou/-eu where Russian ones end in -ov/-ev (Belarusian ў).
    ("belarusian", "Siarhei Ivanou", "Sergei Ivanov", "Person", 0.85, 1.01),
    ("belarusian", "Aliaksandr Kavaleu", "Aleksandr Kovalev", "Person", 0.85, 1.01),
    ("belarusian", "Uladzimir Makarau", "Vladimir Makarov", "Person", 0.85, 1.01),
    # A family name made from a father's name is no patronymic (Aleksandrova / Aleksandrovna) ...
    ("patronymic", "Oksana Aleksandrova", "Oksana Aleksandrovna KOVAL", "Person", 0.0, T),
    ("patronymic", "Ivan Petrovich", "Ivan PETROV", "Person", 0.0, T),
    # ... while a patronymic in another scheme's letters is the same patronymic.
    ("patronymic", "Vladimir Vladimirovitj Putin", "Vladimir Vladimirovich PUTIN", "Person", 0.95, 1.01),
    # Two last letters both changed make another ending, not two slips (Andreyko / Andreyev).
    ("ending", "Anton Andreyko", "Anton ANDREYEV", "Person", 0.0, T),
    ("ending", "Khaled Mansour", "Khalil Mansour", "Person", 0.0, T),
    # A Russian plant acronym spells its trade as Russian does (нефтеперерабатывающий завод: НПЗ).
    ("trade_acronym", "АО «КНПЗ»", "Kazan Oil Refinery JSC", "Company", T, 1.01),
    ("trade_acronym", "OOO ONPZ", "Omskiy neftepererabatyvayushchiy zavod OOO", "Company", T, 1.01),
    ("trade_acronym", "Kamensk НПЗ", "Kamensk Refinery", "Company", 0.85, 1.01),
    # ... and only with every letter: one letter more or less is another body.
    ("trade_acronym", "OOO KNPZ", "Kamensk Trading LLC", "Company", 0.0, T),
    ("trade_acronym", "OOO KNZ", "Kazan Oil Refinery LLC", "Company", 0.0, T),
    # A Russian compound name is abbreviated by the initials of its parts (Промтехмонтаж: ПТМ) ...
    ("compound_acronym", "ООО «Промтехмонтаж-Север»", "PTM SEVER LLC", "Company", T, 1.01),
    ("compound_acronym", "Neftegazstroy Vostok OOO", "NGS VOSTOK OOO", "Company", T, 1.01),
    # ... and such an acronym of three letters alone, like any, is not enough.
    ("compound_acronym", "PTM Trading LLC", "Promtekhmontazh LLC", "Company", 0.0, T),
    ("compound_acronym", "ООО «Промтехмонтаж-Север»", "PTS SEVER LLC", "Company", 0.0, T),
    # A firm named after a common given or family name is one of many so named: one letter from the
    # name is another firm (embargo.names.frequency) ...
    ("one_word", "Walker Ltd", "WALKEN LTD", "Company", 0.0, T),
    ("one_word", "Carter GmbH", "KARTER GMBH", "Company", 0.0, T),
    # ... while its own spelling, or a rare name's transliteration, still meets it.
    ("one_word", "Walker Ltd", "WALKER LIMITED", "Company", 0.95, 1.01),
    ("one_word", "Petrosyan Ltd", "PETROSIAN LTD", "Company", 0.9, 1.01),
    # Words of an abjad spell no Latin initials: a Persian name is no acronym's expansion.
    ("acronym_script", "محمد رضا سلیمانی", "MRS", "Company", 0.0, 0.5),
    # A word that is a given name as well as a title stays a name: İmam is a given name from Turkey to
    # Indonesia, so "İmam Durmaz" is two names, not the one-word name Durmaz.
    ("title", "İmam Nuri", "ABU NURI", "Person", 0.0, T),
    # An initial is a letter already, not a word an acronym abbreviates (the S of "S.Coop.").
    ("acronym_initial", "Construcciones Alvarez S.Coop.", "CASC", "Company", 0.0, T),
    # ... and French -eau stays French.
    ("belarusian", "Pierre Moreau", "Pyotr Morev", "Person", 0.0, T),
]


@pytest.mark.parametrize(
    ("kind", "query", "listed", "schema", "low", "high"), CASES, ids=[f"{c[0]}:{c[1]}|{c[2]}" for c in CASES]
)
def test_class_band(kind: str, query: str, listed: str, schema: str, low: float, high: float) -> None:
    score = compare_names(schema, query, listed)
    assert low <= score < high, (kind, score)
