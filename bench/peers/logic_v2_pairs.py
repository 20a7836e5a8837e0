"""Score name pairs with nomenklatura's logic-v2 (peer side of the pairwise quality sets).

Reads JSON lines ``{"schema", "a", "b"}`` and writes one score a line, in order. Like
nomenklatura's own ``contrib/name_bench`` harness, each side is a FollowTheMoney entity of the
pair's schema holding only that ``name``, so the name matcher carries the whole verdict.

    python bench/peers/logic_v2_pairs.py IN.jsonl OUT.txt
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from followthemoney import ValueEntity, model
from nomenklatura.matching import LogicV2


def score(number: int, schema_name: str, a: str, b: str, config: object) -> float:
    """logic-v2's score of two single-name entities.

    Each pair gets ids of its own: logic-v2 caches name analysis by entity id, so reusing one
    id would hand every pair the first pair's names.
    """
    schema = model.get(schema_name) or model["LegalEntity"]
    left = ValueEntity(schema, {"id": f"query-{number}"})
    left.add("name", a)
    right = ValueEntity(schema, {"id": f"candidate-{number}"})
    right.add("name", b)
    return float(LogicV2.compare(left, right, config).score)


def main() -> None:
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    config = LogicV2.default_config()
    with source.open(encoding="utf-8") as fh, target.open("w", encoding="utf-8") as out:
        for number, line in enumerate(fh):
            pair = json.loads(line)
            out.write(f"{score(number, pair['schema'], pair['a'], pair['b'], config):.6f}\n")


if __name__ == "__main__":
    main()
