"""A synthetic ownership graph, and the time and memory to find who is blocked in it (issue 24, point 6).

Companies get owners with a heavy-tailed fan-in (most have one to three owners, some dozens); a share is
exact (70% of holdings), a range, or a UK-style band; about 1% of holdings point back up their chain
(cycles). 0.5% of the parties are designated. The graph is generated first (not timed), then built into
a :class:`embargo.ownership.Propagation` and propagated from scratch (timed), then one more party is
designated (timed: the incremental step).

    python bench/ownership.py --companies 1000000 --links 3000000
"""

from __future__ import annotations

import argparse
import random
import resource
import time

from embargo.ownership import OFAC, Ownership, Propagation, Share

BANDS = (Share(25.0, 50.0), Share(50.0, 75.0), Share(75.0, 100.0))


def generate(companies: int, links: int, seed: int = 7) -> list[Ownership]:
    rng = random.Random(seed)
    out: list[Ownership] = []
    exact = [Share.exact(float(p)) for p in range(1, 101)]
    for i in range(links):
        asset = rng.randrange(companies)
        # owners come from earlier companies (chains of depth 1-8 arise), 1% from later ones (cycles)
        if rng.random() < 0.01:
            owner = rng.randrange(companies)
        else:
            owner = max(0, asset - 1 - int(rng.paretovariate(1.2)) * rng.randrange(1, 50))
        r = rng.random()
        share = exact[rng.randrange(100)] if r < 0.7 else BANDS[rng.randrange(3)] if r < 0.9 else Share(10.0, 30.0)
        out.append(Ownership(f"c{owner}", f"c{asset}", share))
        del i
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--companies", type=int, default=1_000_000)
    ap.add_argument("--links", type=int, default=3_000_000)
    args = ap.parse_args()
    rng = random.Random(11)
    links = generate(args.companies, args.links)
    designated = [f"c{rng.randrange(args.companies)}" for _ in range(args.companies // 200)]
    started = time.perf_counter()
    p = Propagation(OFAC, links)
    built = time.perf_counter()
    p.designate(designated)
    spread = time.perf_counter()
    more = p.designate([f"c{rng.randrange(args.companies)}"])
    once = time.perf_counter()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{args.companies:,} companies, {args.links:,} links, {len(designated):,} designated: "
        f"built in {built - started:.1f} s, propagated in {spread - built:.1f} s "
        f"({len(p.certain) - len(p.designated):,} blocked, {len(p.possible) - len(p.certain):,} possibly); "
        f"one more designation in {(once - spread) * 1000:.1f} ms ({len(more)} newly reached); "
        f"peak memory {rss:,.0f} MiB (with the generated links)"
    )


if __name__ == "__main__":
    main()
