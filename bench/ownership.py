"""A synthetic ownership graph, and the time and memory to find who is blocked in it (issue 24, point 6).

Companies get owners with a heavy-tailed fan-in (most have one to three owners, some dozens); a share is
exact (70% of holdings), a range, or a UK-style band; about 1% of holdings point back up their chain
(cycles). 0.5% of the parties are designated. Beside them, a few conglomerates: a holding company atop a
tree of subsidiaries it holds 51-100% of, level by level (1,000 to 30,000 companies), some with outside
minority investors, some holding minority stakes in the other companies. The graph is generated first
(not timed), then built into a :class:`embargo.ownership.Propagation` and propagated from scratch (timed),
then the incremental steps are timed, each on the state the one before left:

- one new designation atop the largest conglomerate (what it reaches);
- the holding company's link to the subsidiary heading its largest branch removed, then added again
  (``change``: the region recomputed, the entities whose status changed);
- the holding company delisted (``undesignate``);
- one holding of 50% or more by a blocked owner in the dense random part removed, then added again;
- one of the designated parties of the dense part delisted, then designated again; then fifty of them;
- one more designation of a random company.

    python bench/ownership.py --companies 1000000 --links 3000000
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from collections.abc import Callable
from typing import TypeVar

from embargo.ownership import OFAC, Ownership, Propagation, Share

BANDS = (Share(25.0, 50.0), Share(50.0, 75.0), Share(75.0, 100.0))
GROUPS = (1_000, 3_000, 10_000, 30_000)

T = TypeVar("T")


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


def conglomerate(name: str, size: int, companies: int, rng: random.Random) -> tuple[list[Ownership], Ownership]:
    """A holding company ``name`` atop ``size - 1`` subsidiaries; its link to the head of its largest branch.

    Each subsidiary is held 51-100% by an earlier member (a random recursive tree: a few levels deep); one
    in ten has an outside minority investor for the rest, one in twenty holds 5-20% of a random company.
    """
    parent = [0] + [rng.randrange(i) for i in range(1, size)]
    out: list[Ownership] = []
    for i in range(1, size):
        share = float(rng.randrange(51, 101))
        out.append(Ownership(_member(name, parent[i]), _member(name, i), Share.exact(share)))
        if share < 100 and rng.random() < 0.1:
            out.append(Ownership(f"{name}-investor{i}", _member(name, i), Share.exact(100 - share)))
        if rng.random() < 0.05:
            out.append(Ownership(_member(name, i), f"c{rng.randrange(companies)}", Share.exact(rng.randrange(5, 21))))
    below = [1] * size
    for i in range(size - 1, 0, -1):
        below[parent[i]] += below[i]
    top = max((i for i in range(1, size) if parent[i] == 0), key=lambda i: below[i])
    return out, next(x for x in out if x.owner == name and x.asset == _member(name, top))


def _member(name: str, i: int) -> str:
    return name if i == 0 else f"{name}.{i}"


def timed(step: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    out = step()
    return out, time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--companies", type=int, default=1_000_000)
    ap.add_argument("--links", type=int, default=3_000_000)
    args = ap.parse_args()
    rng = random.Random(11)
    links = generate(args.companies, args.links)
    designated = [f"c{rng.randrange(args.companies)}" for _ in range(args.companies // 200)]
    groups = [conglomerate(f"g{k}", size, args.companies, random.Random(100 + k)) for k, size in enumerate(GROUPS)]
    for found, _ in groups:
        links += found
    head, branch = f"g{len(GROUPS) - 1}", groups[-1][1]
    parties = args.companies + sum(GROUPS) + sum(1 for x in links if "investor" in x.owner)
    started, cpu = time.perf_counter(), time.process_time()
    p = Propagation(OFAC, links)
    built, cpu_built = time.perf_counter(), time.process_time()
    p.designate(designated)
    spread, cpu_spread = time.perf_counter(), time.process_time()
    print(
        f"{parties:,} parties, {len(links):,} links, {len(designated):,} designated: "
        f"built in {built - started:.1f} s ({cpu_built - cpu:.1f} s CPU), "
        f"propagated in {spread - built:.1f} s ({cpu_spread - cpu_built:.1f} s CPU) "
        f"({len(p.certain) - len(p.designated):,} blocked, {len(p.possible) - len(p.certain):,} possibly)"
    )
    reached, took = timed(lambda: p.designate([head]))
    print(f"designate({head}) atop a group of {GROUPS[-1]:,}: {took * 1000:.1f} ms, {len(reached):,} newly reached")
    changed, took = timed(lambda: p.change(removed=[branch]))
    print(
        f"change(removed={branch.owner}->{branch.asset} {branch.share}): {took * 1000:.1f} ms, "
        f"region {p.recomputed:,}, {len(changed):,} changed"
    )
    changed, took = timed(lambda: p.change(added=[branch]))
    print(f"change(added= the same): {took * 1000:.1f} ms, {len(changed):,} changed")
    changed, took = timed(lambda: p.undesignate([head]))
    print(f"undesignate({head}): {took * 1000:.1f} ms, region {p.recomputed:,}, {len(changed):,} changed")
    dense = next(
        x
        for x in rng.sample(links[: args.links], 1000)
        if x.owner in p.certain and x.share.low >= 50 and x.asset not in p.designated
    )
    changed, took = timed(lambda: p.change(removed=[dense]))
    print(
        f"change(removed={dense.owner}->{dense.asset} {dense.share}, dense part): {took * 1000:.1f} ms, "
        f"region {p.recomputed:,}, {len(changed):,} changed"
    )
    changed, took = timed(lambda: p.change(added=[dense]))
    print(f"change(added= the same): {took * 1000:.1f} ms, {len(changed):,} changed")
    listed = designated[rng.randrange(len(designated))]
    changed, took = timed(lambda: p.undesignate([listed]))
    print(f"undesignate({listed}, dense part): {took * 1000:.1f} ms, region {p.recomputed:,}, {len(changed):,} changed")
    reached, took = timed(lambda: p.designate([listed]))
    print(f"designate({listed}) again: {took * 1000:.1f} ms, {len(reached):,} newly reached")
    fifty = designated[:50]
    changed, took = timed(lambda: p.undesignate(fifty))
    print(
        f"undesignate(50 of the designated, dense part): {took * 1000:.1f} ms, "
        f"region {p.recomputed:,}, {len(changed):,} changed"
    )
    reached, took = timed(lambda: p.designate(fifty))
    print(f"designate(the 50) again: {took * 1000:.1f} ms, {len(reached):,} newly reached")
    more, took = timed(lambda: p.designate([f"c{rng.randrange(args.companies)}"]))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"one more random designation: {took * 1000:.1f} ms ({len(more)} newly reached); "
        f"peak memory {rss:,.0f} MiB (with the generated links)"
    )


if __name__ == "__main__":
    main()
