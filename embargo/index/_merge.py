"""Merging shards, in entity order, into the sections of one index.

Word ids are given in order of first use over the shards in order, the ids
a single pass would give; postings are ascending name ids; the words of a
key are in word-id order. numpy does the sorting and grouping (a million
names post a few million (word, name) pairs).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from embargo.index._layout import Sections
from embargo.index._shard import Shard

__all__ = ["merge_shards"]


def _offsets(parts: Sequence[Any]) -> npt.NDArray[np.uint64]:
    """Concatenate per-shard end offsets into one ``[0, ...]`` start table over the joined blobs."""
    out = [np.zeros(1, dtype=np.uint64)]
    base = 0
    for ends in parts:
        arr = np.frombuffer(ends, dtype=np.uint64) if len(ends) else np.zeros(0, dtype=np.uint64)
        out.append(arr + np.uint64(base))
        base = int(out[-1][-1]) if len(arr) else base
    return np.concatenate(out)


def _blob_offsets(shards: Sequence[Shard], blob: str, ends: str) -> tuple[bytes, npt.NDArray[np.uint64]]:
    joined = b"".join(getattr(s, blob) for s in shards)
    return joined, _offsets([getattr(s, ends) for s in shards])


def merge_shards(
    list_name: str, version_id: int, format_version: int, shards: Sequence[Shard]
) -> tuple[dict[str, Any], Sections]:
    """The header and sections of the index of ``shards`` (consecutive runs of entities, in order)."""
    vocab: dict[str, int] = {}
    words: list[str] = []
    key_parts: list[npt.NDArray[np.uint64]] = []
    key_word_parts: list[npt.NDArray[np.uint32]] = []
    name_word_parts: list[npt.NDArray[np.uint32]] = []
    name_entity_parts: list[npt.NDArray[np.uint32]] = []
    words_per_name: list[npt.NDArray[np.int64]] = []
    id_key_parts: list[npt.NDArray[np.uint64]] = []
    id_entity_parts: list[npt.NDArray[np.uint32]] = []
    schemas: dict[str, int] = {}
    schema_codes: list[int] = []
    symbols: dict[tuple[str, bool], frozenset[str]] = {}
    entity_base = 0
    for shard in shards:
        local = np.empty(len(shard.words), dtype=np.uint32)
        key_ends = np.frombuffer(shard.word_key_ends, dtype=np.uint64) if shard.words else np.zeros(0, np.uint64)
        hashes = np.frombuffer(shard.word_keys, dtype=np.uint64) if len(shard.word_keys) else np.zeros(0, np.uint64)
        new_local: list[int] = []
        for i, text in enumerate(shard.words):
            wid = vocab.get(text)
            if wid is None:
                wid = vocab[text] = len(words)
                words.append(text)
                new_local.append(i)
            local[i] = wid
        if new_local:
            starts = np.concatenate([np.zeros(1, np.uint64), key_ends])
            sel = np.asarray(new_local)
            counts = (starts[sel + 1] - starts[sel]).astype(np.int64)
            idx = np.concatenate([np.arange(starts[i], starts[i + 1], dtype=np.int64) for i in new_local])
            key_parts.append(hashes[idx])
            key_word_parts.append(np.repeat(local[sel], counts))
        nw = np.frombuffer(shard.name_words, dtype=np.uint32) if len(shard.name_words) else np.zeros(0, np.uint32)
        name_word_parts.append(local[nw])
        ne = np.frombuffer(shard.name_entity, dtype=np.uint32) if len(shard.name_entity) else np.zeros(0, np.uint32)
        name_entity_parts.append(ne + np.uint32(entity_base))
        nwe = (
            np.frombuffer(shard.name_word_ends, dtype=np.uint64).astype(np.int64)
            if len(shard.name_word_ends)
            else np.zeros(0, np.int64)
        )
        words_per_name.append(np.diff(np.concatenate([np.zeros(1, np.int64), nwe])))
        if len(shard.id_keys):
            id_key_parts.append(np.frombuffer(shard.id_keys, dtype=np.uint64))
            id_entity_parts.append(np.frombuffer(shard.id_entity, dtype=np.uint32) + np.uint32(entity_base))
        for s in shard.schemas:
            schema_codes.append(schemas.setdefault(s, len(schemas)))
        symbols.update(shard.symbols)
        entity_base += len(shard.schemas)
    entity_blob, entity_off = _blob_offsets(shards, "entity_blob", "entity_ends")
    name_blob, name_off = _blob_offsets(shards, "name_blob", "name_ends")
    core_blob, core_off = _blob_offsets(shards, "core_blob", "core_ends")
    name_entity = np.concatenate(name_entity_parts) if name_entity_parts else np.zeros(0, np.uint32)
    pair_words = np.concatenate(name_word_parts) if name_word_parts else np.zeros(0, np.uint32)
    per_name = np.concatenate(words_per_name) if words_per_name else np.zeros(0, np.int64)
    pair_names = np.repeat(np.arange(len(per_name), dtype=np.uint32), per_name)
    order = np.argsort(pair_words, kind="stable")
    post_names = pair_names[order]
    counts = np.bincount(pair_words, minlength=len(words)) if len(words) else np.zeros(0, np.int64)
    post_start = np.concatenate([np.zeros(1, np.uint64), np.cumsum(counts).astype(np.uint64)])
    total = max(1, len(per_name))
    # math.log, word by word, as the scorer computes it elsewhere: numpy's log may differ in the last bit
    idf = np.array([math.log(1 + total / max(1, int(c))) for c in counts], dtype=np.float64)
    owners = name_entity[post_names]
    if len(words):
        seg = post_start[:-1].astype(np.int64)
        unique = (np.minimum.reduceat(owners, seg) == np.maximum.reduceat(owners, seg)).astype(np.uint8)
    else:
        unique = np.zeros(0, np.uint8)
    all_keys = np.concatenate(key_parts) if key_parts else np.zeros(0, np.uint64)
    all_key_words = np.concatenate(key_word_parts) if key_word_parts else np.zeros(0, np.uint32)
    korder = np.argsort(all_keys, kind="stable")
    sorted_keys = all_keys[korder]
    key_words = all_key_words[korder]
    first = np.ones(len(sorted_keys), dtype=bool)
    first[1:] = sorted_keys[1:] != sorted_keys[:-1]
    key_hash = sorted_keys[first]
    key_start = np.concatenate([np.flatnonzero(first), [len(sorted_keys)]]).astype(np.uint64)
    id_hash, id_start, id_entities = _identifier_table(id_key_parts, id_entity_parts)
    header = {
        "format_version": format_version,
        "list_name": list_name,
        "version_id": version_id,
        "schemas": list(schemas),
        "symbol_table": symbols,
        "max_idf": float(max(idf)) if len(idf) else 1.0,
    }
    arrays: dict[str, Any] = {
        "entity_off": entity_off,
        "entity_blob": entity_blob,
        "entity_schema": np.asarray(schema_codes, dtype=np.uint8),
        "name_off": name_off,
        "name_blob": name_blob,
        "name_entity": name_entity.astype(np.uint32),
        "core_off": core_off,
        "core_blob": core_blob,
        "words": "\0".join(words).encode("utf-8"),
        "name_word_start": np.concatenate([np.zeros(1, np.uint64), np.cumsum(per_name).astype(np.uint64)]),
        "name_words": pair_words.astype(np.uint32),
        "post_start": post_start,
        "post_names": post_names.astype(np.uint32),
        "idf": idf,
        "unique": unique,
        "key_hash": key_hash,
        "key_start": key_start,
        "key_words": key_words.astype(np.uint32),
        "id_hash": id_hash,
        "id_start": id_start,
        "id_entities": id_entities,
    }
    sections = {k: memoryview(v.tobytes() if isinstance(v, np.ndarray) else v) for k, v in arrays.items()}
    return header, sections


def _identifier_table(
    keys: list[npt.NDArray[np.uint64]], entities: list[npt.NDArray[np.uint32]]
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64], npt.NDArray[np.uint32]]:
    """The identifier lookup: distinct key numbers ascending, where each key's entities start, the entities."""
    if not keys:
        return np.zeros(0, np.uint64), np.zeros(1, np.uint64), np.zeros(0, np.uint32)
    all_keys = np.concatenate(keys)
    all_entities = np.concatenate(entities)
    order = np.lexsort((all_entities, all_keys))
    all_keys, all_entities = all_keys[order], all_entities[order]
    # an entity may hold one key twice (a BIC and its branch code): each (key, entity) once
    keep = np.r_[True, (all_keys[1:] != all_keys[:-1]) | (all_entities[1:] != all_entities[:-1])]
    all_keys, all_entities = all_keys[keep], all_entities[keep]
    first = np.r_[True, all_keys[1:] != all_keys[:-1]]
    starts = np.concatenate([np.flatnonzero(first), [len(all_keys)]]).astype(np.uint64)
    return all_keys[first], starts, all_entities.astype(np.uint32)
