"""Generate clean (made-up) customer and company names per script and locale, in ``bench/.venv-peers``.

Run by ``bench/script_negatives.py`` (which drops any name that is listed, splits the rows into a
development and a held-out part and adds birth dates); it prints one JSON object a line:
``{"group": ..., "name": ...}``. It needs Faker, mimesis, pypinyin, pykakasi and
arabic-name-romanizer, pinned in ``bench/setup_peers.sh``: none of them is a dependency of embargo.

Where the names come from (``--kind people``):

- Faker's person providers (names and their relative weights are Faker's): ``zh_CN`` (Han),
  ``ko_KR`` (Hangul), ``ja_JP`` (kanji with their kana readings), ``ar_AA`` (Arabic script),
  ``fa_IR``, ``el_GR``, ``az_AZ``, ``tr_TR``, ``ru_RU``, ``uk_UA``, and a Western Latin-script
  control drawn from ``en_US``, ``en_GB``, ``de_DE``, ``fr_FR``, ``es_ES``, ``it_IT``. Titles and
  suffixes that Faker adds (Dr., MBA, السيدة...) are removed.
- mimesis's ``kk`` locale for Kazakh (Faker has no Kazakh locale).

Romanised groups, each from its own draws (not the romanisation of the native group's rows):

- Chinese: pypinyin, toneless pinyin, ü written ``yu`` as in Chinese passports (LYU, NYU); the
  family name and the given name as two words (given name syllables joined), in either order.
- Korean: Revised Romanization (Ministry of Culture and Tourism notice 2000-8), syllable by
  syllable as its rule for personal names asks (no sound change between syllables), written here
  from the notice's tables; the given name joined, hyphenated (``Min-jun``, the notice allows it)
  or spaced; family names in their customary passport spelling (Kim, Lee, Park...) since the
  notice leaves family names to separate rules (``_KO_FAMILY``: the usual spelling of each of
  Faker's 44 family names, written for this benchmark from common usage, not copied from a
  published frequency table); either order.
- Japanese: the kana reading Faker pairs with each kanji name, through pykakasi's ``passport``
  Hepburn, with long ``uu`` shortened as the Ministry of Foreign Affairs' passport Hepburn does
  (``ou``/``oo`` are already shortened by pykakasi): ``Yuki``, ``Sato``; either order.
- Arabic: UNICEF's arabic-name-romanizer (a dictionary of real-world spellings with a small model
  for the rest) on the Arabic-script name, giving spellings such as ``Mohamed``, ``Al-Azed``.
- Russian: ICAO Doc 9303 part 3 transliteration (the one Russian passports use since about 2014:
  ж zh, х kh, ц ts, щ shch, ю iu, я ia, й i, ъ ie, ь dropped); a patronymic in a fifth of rows.

``--kind companies``: Faker's company formats in the same locales (no Kazakh: mimesis has none),
without the formats that draw a real firm (see ``_made_up_company``). ``ar_AA`` has no company
provider of its own: Faker's English formats with Arabic family names (``حاشد Group``).

    python bench/peers/fake_names.py --kind people --seed 1 --count 1500
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable

from faker import Faker

LATIN_LOCALES = ["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT"]
#: Customary spellings of the Korean family names Faker's ko_KR draws from (see the docstring).
_KO_FAMILY = {
    "김": "Kim", "이": "Lee", "박": "Park", "정": "Jung", "최": "Choi", "조": "Cho", "강": "Kang",
    "윤": "Yoon", "장": "Jang", "임": "Lim", "한": "Han", "오": "Oh", "서": "Seo", "신": "Shin",
    "권": "Kwon", "황": "Hwang", "안": "Ahn", "송": "Song", "류": "Ryu", "전": "Jeon", "홍": "Hong",
    "고": "Ko", "문": "Moon", "양": "Yang", "손": "Son", "배": "Bae", "백": "Baek", "허": "Heo",
    "유": "Yoo", "남": "Nam", "심": "Shim", "노": "Noh", "하": "Ha", "곽": "Kwak", "성": "Sung",
    "차": "Cha", "주": "Joo", "우": "Woo", "구": "Koo", "나": "Na", "민": "Min", "진": "Jin",
    "지": "Ji", "엄": "Um",
}  # fmt: skip
# Revised Romanization tables (initial, vowel, final as written at the end of a syllable).
_RR_INITIAL = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h")
_RR_VOWEL = (
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
    "yu", "eu", "ui", "i",
)  # fmt: skip
_RR_FINAL = (
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
    "ng", "t", "t", "k", "t", "p", "t",
)  # fmt: skip
_ICAO_RU = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            *("a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s", "t"),
            *("u", "f", "kh", "ts", "ch", "sh", "shch", "ie", "y", "", "e", "iu", "ia"),
        ],
        strict=True,
    )
)


def _rr_syllable(ch: str) -> str:
    code = ord(ch) - 0xAC00
    if not 0 <= code < 11172:
        return ch
    initial, rest = divmod(code, 588)
    vowel, final = divmod(rest, 28)
    return _RR_INITIAL[initial] + _RR_VOWEL[vowel] + _RR_FINAL[final]


def korean_given(hangul: str, style: str) -> str:
    """A Korean given name in Revised Romanization: ``joined``, ``hyphen`` or ``spaced`` syllables."""
    parts = [_rr_syllable(ch) for ch in hangul]
    if style == "hyphen":
        return "-".join(parts).capitalize()
    if style == "spaced":
        return " ".join(p.capitalize() for p in parts)
    return "".join(parts).capitalize()


def icao_russian(text: str) -> str:
    """Russian Cyrillic in ICAO Doc 9303 transliteration, each word capitalised."""
    words = []
    for word in text.split():
        latin = "".join(_ICAO_RU.get(ch, ch) for ch in word.lower())
        words.append(latin.capitalize())
    return " ".join(words)


def _stripper(fake: Faker) -> Callable[[str], str]:
    """Remove the titles and suffixes Faker adds to some names (Dr., MBA, السيدة...)."""
    words: set[str] = set()
    for provider in fake.providers:
        for attr in ("prefixes", "prefixes_male", "prefixes_female", "suffixes", "suffixes_male", "suffixes_female"):
            values = getattr(provider, attr, ())
            values = values.keys() if isinstance(values, dict) else values
            for value in values:
                words.update(value.split())
    return lambda name: " ".join(w for w in name.split() if w not in words)


def _faker(locale: str | list[str], seed: int) -> Faker:
    fake = Faker(locale)
    fake.seed_instance(seed)
    return fake


def people(seed: int) -> dict[str, Callable[[], str]]:
    """Group -> a function returning one name of that group."""
    from arabic_name_romanizer import transliterate
    from mimesis import Person
    from mimesis.enums import Gender
    from mimesis.locales import Locale
    from pykakasi import kakasi
    from pypinyin import Style, lazy_pinyin

    rng = random.Random(seed)
    kana = kakasi()

    def native(locale: str, offset: int) -> Callable[[], str]:
        fake = _faker(locale, seed * 100 + offset)
        strip = _stripper(fake)
        return lambda: strip(fake.name())

    zh_pinyin_fake = _faker("zh_CN", seed * 100 + 2)

    def zh_pinyin() -> str:
        def romanise(han: str) -> str:
            return "".join(lazy_pinyin(han, style=Style.NORMAL, v_to_u=True)).replace("ü", "yu").capitalize()

        family, given = romanise(zh_pinyin_fake.last_name()), romanise(zh_pinyin_fake.first_name())
        return f"{family} {given}" if rng.random() < 0.5 else f"{given} {family}"

    ko_fake = _faker("ko_KR", seed * 100 + 4)

    def ko_rr() -> str:
        family = _KO_FAMILY.get(ko_fake.last_name(), "")
        given = korean_given(ko_fake.first_name(), rng.choices(("joined", "hyphen", "spaced"), (6, 3, 1))[0])
        return f"{family} {given}" if rng.random() < 0.5 else f"{given} {family}"

    ja_fake = _faker("ja_JP", seed * 100 + 5)

    def ja_native() -> str:
        (family, family_kana, _), (given, given_kana, _) = ja_fake.last_name_pair(), ja_fake.first_name_pair()
        return f"{family} {given}" if rng.random() < 0.8 else f"{family_kana} {given_kana}"

    ja_roman_fake = _faker("ja_JP", seed * 100 + 6)

    def ja_hepburn() -> str:
        def romanise(reading: str) -> str:
            return "".join(part["passport"] for part in kana.convert(reading)).replace("uu", "u").capitalize()

        family, given = romanise(ja_roman_fake.last_name_pair()[1]), romanise(ja_roman_fake.first_name_pair()[1])
        return f"{given} {family}" if rng.random() < 0.5 else f"{family} {given}"

    ar_fake = _faker("ar_AA", seed * 100 + 7)

    def ar_arabic(fake: Faker = ar_fake) -> str:
        # A father's name between given and family name in two rows of five, as many Arab names have.
        middle = f" {fake.first_name_male()}" if rng.random() < 0.4 else ""
        return f"{fake.first_name()}{middle} {fake.last_name()}"

    ar_latin_fake = _faker("ar_AA", seed * 100 + 8)
    ru_latin_fake = _faker("ru_RU", seed * 100 + 12)

    def ru_latin() -> str:
        male = rng.random() < 0.5
        first = ru_latin_fake.first_name_male() if male else ru_latin_fake.first_name_female()
        last = ru_latin_fake.last_name_male() if male else ru_latin_fake.last_name_female()
        middle = ru_latin_fake.middle_name_male() if male else ru_latin_fake.middle_name_female()
        shape = rng.choices(("first last", "last first", "first middle last"), (6, 2, 2))[0]
        text = shape.replace("first", first).replace("middle", middle).replace("last", last)
        return icao_russian(text)

    kk_person = Person(Locale.KK, seed=seed * 100 + 10)

    def kk_cyrillic() -> str:
        name = kk_person.full_name(gender=Gender.MALE if rng.random() < 0.5 else Gender.FEMALE)
        return name if rng.random() < 0.6 else " ".join(reversed(name.split()))

    return {
        "zh_han": native("zh_CN", 1),
        "zh_pinyin": zh_pinyin,
        "ko_hangul": native("ko_KR", 3),
        "ko_rr": ko_rr,
        "ja_native": ja_native,
        "ja_hepburn": ja_hepburn,
        "ar_arabic": ar_arabic,
        "ar_latin": lambda: transliterate(ar_arabic(ar_latin_fake)),
        "fa_persian": native("fa_IR", 9),
        "el_greek": native("el_GR", 13),
        "kk_cyrillic": kk_cyrillic,
        "az_latin": native("az_AZ", 14),
        "tr_latin": native("tr_TR", 15),
        "ru_cyrillic": native("ru_RU", 11),
        "ru_latin": ru_latin,
        "uk_cyrillic": native("uk_UA", 16),
        "latin_control": native(LATIN_LOCALES, 17),  # type: ignore[arg-type]
    }


def companies(seed: int) -> dict[str, Callable[[], str]]:
    """Group -> a function returning one company name of that locale."""
    locales = {
        "latin_control": LATIN_LOCALES,
        "zh": "zh_CN",
        "ko": "ko_KR",
        "ja": "ja_JP",
        "ar": "ar_AA",
        "fa": "fa_IR",
        "el": "el_GR",
        "az": "az_AZ",
        "tr": "tr_TR",
        "ru": "ru_RU",
        "uk": "uk_UA",
    }
    makers = {}
    for offset, (group, locale) in enumerate(locales.items()):
        makers[f"co_{group}"] = _made_up_company(locale, seed * 100 + 50 + offset)
    return makers


def _made_up_company(locales: str | list[str], seed: int) -> Callable[[], str]:
    """Faker's company formats of ``locales`` (one drawn per name) without those that draw a real firm.

    ``ru_RU``, ``tr_TR`` and ``az_AZ`` pick a real large company in some formats
    (``{{large_company}}``: Gazprom, Enka...) and ``fa_IR``'s ``company()`` picks from a list of real
    Iranian firms; a real firm may be listed or owned by a listed one, so only the made-up
    formats (family names, nouns and legal forms) are used.
    """
    rng = random.Random(seed)
    choices = []
    for i, locale in enumerate([locales] if isinstance(locales, str) else locales):
        fake = _faker(locale, seed * 10 + i)
        provider = next(p for p in fake.providers if hasattr(p, "company_suffix") and hasattr(p, "formats"))
        formats = provider.formats
        made_up = [f for f in (formats.keys() if isinstance(formats, dict) else formats) if "large_company" not in f]
        choices.append((fake, made_up))

    def make() -> str:
        fake, made_up = rng.choice(choices)
        return fake.parse(rng.choice(made_up))

    return make


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=("people", "companies"), required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--count", type=int, required=True, help="names per group")
    args = parser.parse_args()
    makers = people(args.seed) if args.kind == "people" else companies(args.seed)
    for group, make in makers.items():
        for _ in range(args.count):
            name = " ".join(make().split())
            if name:
                sys.stdout.write(json.dumps({"group": group, "name": name}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
