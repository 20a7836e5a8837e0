"""Consonant skeletons of abjad words against Latin spellings (embargo/matching/_abjad.py)."""

from __future__ import annotations

import pytest

from embargo.matching._abjad import abjad_letters, skeletons_agree, skeletons_differ
from embargo.matching.alignment import MIN_PAIR
from embargo.matching.tokens import token_similarity
from embargo.names import analyze_name

#: (word as written, Latin spelling, agree?)
SKELETONS = [
    # One name in another romanization: unwritten short vowels, doubled letters, variant consonants.
    ("محمد", "muhammad", True),
    ("محمد", "mohamed", True),
    ("محمود", "mahmoud", True),
    ("محمود", "mahmood", True),
    ("حسین", "hussein", True),
    ("حسین", "husayn", True),
    ("حسین", "hosseyn", True),
    ("سعید", "saeed", True),
    ("سید", "sayyid", True),
    ("خلیل", "khalil", True),
    ("خلیل", "xalil", True),
    ("غلام", "gholam", True),
    ("غلام", "ghulam", True),
    ("قادر", "qadir", True),
    ("قادر", "ghader", True),
    ("قادر", "kader", True),
    ("ثابت", "thabit", True),
    ("ثابت", "sabet", True),
    ("ذاکر", "zaker", True),
    ("ذاكر", "dhakir", True),
    ("ضیا", "zia", True),
    ("ضياء", "diya", True),
    ("ظاهر", "zahir", True),
    ("ظاهر", "dhaher", True),
    ("شریف", "sharif", True),
    ("شريف", "cherif", True),
    ("جمال", "jamal", True),
    ("جمال", "gamal", True),
    ("جمال", "djamal", True),
    ("ژاله", "zhaleh", True),
    ("ژاله", "jaleh", True),
    ("وحید", "vahid", True),
    ("وحيد", "wahid", True),
    ("یونس", "yunus", True),
    ("یونس", "younes", True),
    ("علی", "ali", True),
    ("على", "aly", True),
    ("عمر", "omar", True),
    ("عمرو", "amr", True),
    ("عیسی", "isa", True),
    ("موسی", "musa", True),
    ("مرتضی", "morteza", True),
    ("فاطمه", "fatemeh", True),
    ("فاطمة", "fatima", True),
    ("فاطمه", "fatima", True),
    ("فاطمة", "fatimah", True),
    ("سارا", "sarah", True),
    ("خواجه", "khajeh", True),
    ("عبدالرحمن", "abdurrahman", True),
    ("عبدالرحمن", "abdulrahman", True),
    ("نورالدین", "nuruddin", True),
    ("اسحاق", "ishaq", True),
    ("اسحاق", "eshagh", True),
    ("فتحی", "fathi", True),
    ("احمدی‌نژاد", "ahmadinejad", True),
    ("ابوالفضل", "abolfazl", True),
    ("ابوالفضل", "abulfadl", True),
    ("مسعود", "masud", True),
    ("مسعود", "masoud", True),
    ("سعد", "saad", True),
    ("جعفر", "jafar", True),
    ("اسماعیل", "esmaeil", True),
    ("إسماعيل", "ismail", True),
    ("ایمان", "iman", True),
    ("ایران", "iran", True),
    ("اوباما", "obama", True),
    ("مؤمن", "momen", True),
    ("رئيس", "raees", True),
    ("داوود", "davood", True),
    ("داوود", "daud", True),
    ("بوتين", "putin", True),
    ("فلاديمير", "vladimir", True),
    ("الكسندر", "alexander", True),
    ("بايدن", "biden", True),
    ("دانيال", "daniel", True),
    ("דוד", "david", True),
    ("חיים", "chaim", True),
    ("חיים", "haim", True),
    ("יצחק", "yitzhak", True),
    ("משה", "moshe", True),
    ("כהן", "cohen", True),
    ("בנימין", "benjamin", True),
    ("ז'בוטינסקי", "zhabotinsky", True),
    # Two names that a consonant-class key and a letter share put together.
    ("هلیا", "khalil", False),  # ه is h, not kh
    ("حمید", "hamad", False),  # the ی is written, so an i or e is spelled
    ("حمیدی", "hamati", False),  # د is d, not t
    ("هدایت", "heit", False),  # the د is not spelled
    ("یاسین", "asan", False),  # an initial ی is a consonant
    ("موحد", "mahad", False),  # a medial و is a vowel or consonant every table writes
    ("جلالی", "khalil", False),  # ج is j or g, not kh
    ("رسول", "rasil", False),
    ("خالد", "khad", False),  # the l of Khalid is no article
    ("سعید", "sad", False),
    ("نوری", "nouri", True),
    ("نوری", "nour", False),  # the final ی is written
    ("טל", "tal", True),
    ("טל", "tali", False),  # a final i is written
    ("טלי", "tal", False),
    ("احسان", "hasan", False),  # an initial alef is a vowel
    ("عبدالعلی", "abdallah", False),  # an ayn stands next to a vowel
    ("زاده", "zaidi", False),
    ("صیادی", "saidi", False),  # the long a is written
    ("کاظم", "kzm", False),
    ("כהן", "khan", True),
    ("כהן", "kan", False),
]


@pytest.mark.parametrize(("word", "latin", "agree"), SKELETONS)
def test_skeletons(word: str, latin: str, agree: bool) -> None:
    assert skeletons_agree(word, latin) is agree


def test_no_table_no_constraint() -> None:
    # A Latin word, a Cyrillic word and a Kurdish vowel letter (ۆ) have no skeleton here.
    assert abjad_letters("Hassan") is None
    assert abjad_letters("Хасан") is None
    assert abjad_letters("کۆچ") is None
    assert skeletons_agree("کۆچ", "anything")


def test_only_one_abjad_word_against_one_latin_word() -> None:
    assert skeletons_differ("هلیا", "hlia", "Khalil", "khalil")
    assert skeletons_differ("Khalil", "khalil", "هلیا", "hlia")
    assert skeletons_differ("Ḫalīl", "halil", "هلیا", "hlia")
    assert not skeletons_differ("Khalil", "khalil", "Halil", "halil")
    assert not skeletons_differ("هلیا", "hlia", "خلیل", "khlil")
    assert not skeletons_differ("Хасан", "khasan", "حسن", "hsn")


#: (query as written, query language, listed name, lowest, highest) token similarity of the best pair.
PAIRS = [
    ("محمد", "fa", "Mohammad", 0.85, 1.0),
    ("حسن", "ar", "Hassan", 0.85, 1.0),
    ("قاسم", "fa", "Ghasem", 0.85, 1.0),
    ("یونس", "fa", "Younes", 0.85, 1.0),
    ("منصوری", "fa", "Mansoori", 0.85, 1.0),
    ("هلیا", "fa", "Khalil", 0.0, MIN_PAIR),
    ("موحد", "fa", "Mahad", 0.0, MIN_PAIR),
    ("یاسین", "fa", "Asan", 0.0, MIN_PAIR),
]


@pytest.mark.parametrize(("query", "lang", "listed", "low", "high"), PAIRS)
def test_token_similarity(query: str, lang: str, listed: str, low: float, high: float) -> None:
    q = analyze_name(query, "Person", lang).tokens[0]
    c = analyze_name(listed, "Person").tokens[0]
    for a, b in ((q, c), (c, q)):
        score, reason = token_similarity(a, b)
        assert low <= score <= high, (a.text, b.text, score, reason)
        assert (reason == "different") is (high <= MIN_PAIR)
