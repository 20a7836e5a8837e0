"""Listed entities' stored records by version, read on the caller's connection (inside its transaction).

:class:`~embargo.store.View` reads on connections of its own; a monitoring
run reads the entities it raises alerts on in the transaction that raises
them, so what the alert keeps is what that transaction saw.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from embargo.store.connection import Connection

__all__ = ["entity_data"]

#: Ids per ``IN (...)`` query (well below either backend's limit on parameters).
_BATCH = 500


def entity_data(conn: Connection, version_ids: Iterable[int], entity_ids: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(entity id, record JSON) of these entities in these list versions (one per version that holds it).

    Args:
        version_ids: at least one version id.
        entity_ids: the entities, looked up in sorted order.
    """
    wanted = sorted(entity_ids)
    versions = ",".join(str(int(v)) for v in version_ids)
    for i in range(0, len(wanted), _BATCH):
        part = wanted[i : i + _BATCH]
        marks = ",".join("?" * len(part))
        rows = conn.execute(
            "SELECT ve.entity_id, r.data FROM version_entities ve JOIN records r ON r.hash = ve.record_hash "
            f"WHERE ve.version_id IN ({versions}) AND ve.entity_id IN ({marks})",
            part,
        )
        for eid, data in rows:
            yield str(eid), str(data)
