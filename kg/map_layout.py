"""Positions for the lineage map, computed here so the browser runs no layout of its own.

Each connected family of models (joined by lineage edges) is a layered DAG read left to right:
parents and older models in the left columns. Techniques, datasets, benchmarks and papers sit
in free grid cells next to the models they belong to. The families (and the models without
lineage, as one-cell boxes) are then packed like bricks into a block about as wide as a screen.
"""

import heapq
import math
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cache

CELL_W, CELL_H = 250, 64  # one node per cell: model labels wrap at 236 px
GAP_X, GAP_Y = 60, 40  # between packed boxes
ASPECT = 1.75  # width / height of the packed block: a laptop screen
NO_DATE = "9999"

Cell = tuple[int, int]  # (column, row)


@dataclass
class _Box:
    cells: dict[str, Cell] = field(default_factory=dict)
    taken: set[Cell] = field(default_factory=set)
    key: tuple = ()

    def extent(self) -> tuple[int, int, int, int]:
        cols = [c for c, _ in self.cells.values()]
        rows = [r for _, r in self.cells.values()]
        return min(cols), min(rows), max(cols), max(rows)


@dataclass
class Layout:
    pos: dict[str, tuple[int, int]]  # node id -> centre (x, y) in pixels
    groups: list[list[int]]  # [x, y, width, height] of each box of two or more nodes
    group_of: dict[str, int]  # node id -> index in groups, for nodes in such a box


def layout(nodes: list[dict], edges: list[dict], lineage: Collection[str]) -> Layout:
    """Positions for every node. `nodes` need id, kind, label and issued; `edges` need rel,
    from and to, with lineage edges drawn parent -> child."""
    kind = {n["id"]: n["kind"] for n in nodes}
    key = {n["id"]: (n.get("issued") or NO_DATE, n["label"].lower(), n["id"]) for n in nodes}
    parents: dict[str, list[str]] = defaultdict(list)
    children: dict[str, list[str]] = defaultdict(list)
    near: dict[str, list[str]] = defaultdict(list)
    for e in edges:
        a, b = e["from"], e["to"]
        if a == b or a not in kind or b not in kind:
            continue
        if e["rel"] in lineage and kind[a] == kind[b] == "model":
            parents[b].append(a)
            children[a].append(b)
        else:
            near[a].append(b)
            near[b].append(a)

    models = sorted((i for i, k in kind.items() if k == "model"), key=key.__getitem__)
    families = _components(models, lambda m: parents[m] + children[m])
    boxes = [_dag(f, parents, children, key) for f in families]
    box_of = {m: i for i, f in enumerate(families) for m in f}
    others = sorted((i for i, k in kind.items() if k != "model"), key=key.__getitem__)
    for group in _homes(others, near, box_of, boxes, key):
        _place_satellites(boxes[group[0]], group[1], near)
    return _pack(boxes)


def _components(members: list[str], links) -> list[list[str]]:
    seen: set[str] = set()
    out = []
    for start in members:
        if start in seen:
            continue
        seen.add(start)
        comp, stack = [], [start]
        while stack:
            n = stack.pop()
            comp.append(n)
            for m in links(n):
                if m not in seen:
                    seen.add(m)
                    stack.append(m)
        out.append(comp)
    return out


def _layers(members: list[str], parents: dict, children: dict, key: dict) -> dict[str, int]:
    """Longest path from the roots; a later-dated model never left of an earlier one; undated
    roots pulled next to their first child. A cycle (an extraction error) is cut at its
    oldest node."""
    inside = set(members)
    indeg = {m: sum(p in inside for p in parents[m]) for m in members}
    heap = [key[m] + (m,) for m in members if indeg[m] == 0]
    heapq.heapify(heap)
    order: list[str] = []
    done: set[str] = set()
    while len(order) < len(members):
        if not heap:  # only cycles left
            heap = [min(key[m] + (m,) for m in members if m not in done)]
        n = heapq.heappop(heap)[-1]
        if n in done:
            continue
        done.add(n)
        order.append(n)
        for c in children[n]:
            indeg[c] -= 1
            if indeg[c] == 0 and c not in done:
                heapq.heappush(heap, key[c] + (c,))
    rank = {m: i for i, m in enumerate(order)}
    forward = {m: [p for p in parents[m] if p in inside and rank[p] < rank[m]] for m in members}
    layer = dict.fromkeys(members, 0)
    dated = sorted((m for m in members if key[m][0] != NO_DATE), key=key.__getitem__)
    for _ in range(3):  # lineage and date constraints push each other right; settles fast
        for m in order:
            layer[m] = max([layer[m]] + [layer[p] + 1 for p in forward[m]])
        floor, prev_date, prev_max = 0, None, 0
        for m in dated:
            if key[m][0] != prev_date:
                floor, prev_date = prev_max, key[m][0]
            layer[m] = max(layer[m], floor)
            prev_max = max(prev_max, layer[m])
    for m in order:
        layer[m] = max([layer[m]] + [layer[p] + 1 for p in forward[m]])
    for m in reversed(order):
        kids = [layer[c] for c in children[m] if c in inside and m in forward[c]]
        if kids and not forward[m] and key[m][0] == NO_DATE:
            layer[m] = max(layer[m], min(kids) - 1)
    return layer


def _dag(members: list[str], parents: dict, children: dict, key: dict) -> _Box:
    box = _Box(key=(len(members),) + key[members[0]])
    if len(members) == 1:
        box.cells[members[0]] = (0, 0)
        box.taken.add((0, 0))
        return box
    layer = _layers(members, parents, children, key)
    inside = set(members)
    columns: dict[int, list[str]] = defaultdict(list)
    for m in sorted(members, key=key.__getitem__):
        columns[layer[m]].append(m)
    levels = sorted(columns)
    up = {m: [p for p in parents[m] if p in inside and layer[p] < layer[m]] for m in members}
    down = {m: [c for c in children[m] if c in inside and layer[c] > layer[m]] for m in members}
    index = {m: i for col in columns.values() for i, m in enumerate(col)}
    for sweep in range(4):  # barycentre ordering: fewer crossings
        seq, links = (levels[1:], up) if sweep % 2 == 0 else (levels[-2::-1], down)
        for lv in seq:
            columns[lv].sort(key=lambda m, near=links: _mean([index[x] for x in near[m]], index[m]))
            index.update((m, i) for i, m in enumerate(columns[lv]))
    row = {m: 2 * index[m] for m in members}  # a free row between models for satellites
    for seq, links in ((levels[1:], up), (levels[-2::-1], down)):
        for lv in seq:
            prev = -math.inf
            for m in columns[lv]:
                want = row[m]
                if links[m]:
                    want = 2 * round(sum(row[x] for x in links[m]) / len(links[m]) / 2)
                row[m] = int(max(want, prev + 2))
                prev = row[m]
    top = min(row.values())
    for m in members:
        box.cells[m] = (2 * layer[m], row[m] - top)
    box.taken.update(box.cells.values())
    for m in members:  # keep the cells under each lineage edge free of satellites
        c1, r1 = box.cells[m]
        for p in up[m]:
            c0, r0 = box.cells[p]
            for c in range(c0 + 1, c1):
                r = r0 + (r1 - r0) * (c - c0) / (c1 - c0)
                box.taken.update({(c, math.floor(r)), (c, math.ceil(r))})
    return box


def _mean(values: list[float], default: float) -> float:
    return sum(values) / len(values) if values else default


def _homes(others: list[str], near: dict, box_of: dict, boxes: list[_Box],
           key: dict) -> Iterable[tuple[int, list[str]]]:
    """Each technique, dataset, benchmark or paper joins the family that holds most of its
    models; ones linked to no model follow their neighbours, or form a box of their own."""
    home: dict[str, int] = {}
    for n in others:
        votes: dict[int, int] = defaultdict(int)
        for m in near[n]:
            if m in box_of:
                votes[box_of[m]] += 1
        if votes:
            home[n] = max(votes, key=lambda b: (votes[b], len(boxes[b].cells), -b))
    frontier = [n for n in others if n in home]
    while frontier:  # breadth first: satellites of satellites
        nxt = []
        for n in frontier:
            for m in near[n]:
                if m not in home and m not in box_of:
                    home[m] = home[n]
                    nxt.append(m)
        frontier = nxt
    for group in _components([n for n in others if n not in home], lambda n: near[n]):
        boxes.append(_Box(key=(len(group),) + key[group[0]]))
        for n in group:
            home[n] = len(boxes) - 1
    grouped: dict[int, list[str]] = defaultdict(list)
    for n in others:
        grouped[home[n]].append(n)
    return sorted(grouped.items())


@cache
def _offsets(radius_c: int = 20, radius_r: int = 32) -> list[Cell]:
    """Cell offsets nearest first. A step sideways counts 1.6 rows (not the 3.75 of its pixels):
    satellites gather round their model instead of stacking into a column that edges cross."""
    cells = [(dc, dr) for dc in range(-radius_c, radius_c + 1) for dr in range(-radius_r, radius_r + 1)]
    return sorted(cells, key=lambda d: ((d[0] * 1.6) ** 2 + d[1] ** 2, d[1] < 0, d))


def _free_cell(box: _Box, want: tuple[float, float]) -> Cell:
    c0, r0 = round(want[0]), round(want[1])
    for dc, dr in _offsets():
        if (c0 + dc, r0 + dr) not in box.taken:
            return c0 + dc, r0 + dr
    c1, r1, c2, r2 = box.extent()  # a crowded spot: start a column to the right
    for r in range(r1, r2 + 2):
        if (c2 + 1, r) not in box.taken:
            return c2 + 1, r
    return c2 + 2, r1


def _place_satellites(box: _Box, group: list[str], near: dict) -> None:
    todo = set(group)
    while todo:
        # most-connected first: hubs get the best spots; ties by name for a stable layout
        ready = [n for n in todo if any(m in box.cells for m in near[n])] or [min(todo)]
        ready.sort(key=lambda n: (-sum(m in box.cells for m in near[n]), n))
        for n in ready:
            placed = [box.cells[m] for m in near[n] if m in box.cells]
            want = ((sum(c for c, _ in placed) / len(placed), sum(r for _, r in placed) / len(placed))
                    if placed else (0.0, 0.0))
            cell = _free_cell(box, want)
            box.cells[n] = cell
            box.taken.add(cell)
            todo.discard(n)


def _pack(boxes: list[_Box]) -> Layout:
    """Skyline packing, tallest first: big families on top, one-model boxes filling the rows."""
    sized = []
    for box in boxes:
        if not box.cells:
            continue
        c1, r1, c2, r2 = box.extent()
        sized.append(((c2 - c1 + 1) * CELL_W, (r2 - r1 + 1) * CELL_H, box))
    if not sized:
        return Layout({}, [], {})
    area = sum((w + GAP_X) * (h + GAP_Y) for w, h, _ in sized)
    width = max(max(w for w, _, _ in sized), math.sqrt(area * ASPECT))
    sized.sort(key=lambda s: (-s[1], -s[0], s[2].key))
    # Each box takes its gap on the right and below, so no two boxes ever touch.
    skyline = [(0.0, width + GAP_X, 0.0)]  # (x, width, y) segments
    pos: dict[str, tuple[int, int]] = {}
    rects = []
    group_of: dict[str, int] = {}
    for w, h, box in sized:
        best = None
        for i, (x, _, _) in enumerate(skyline):
            if x + w > width + 1e-6 and x > 0:
                break
            top, span, j = 0.0, 0.0, i
            while span < w + GAP_X - 1e-6 and j < len(skyline):
                top = max(top, skyline[j][2])
                span += skyline[j][1]
                j += 1
            if best is None or top < best[0]:
                best = (top, x)
        top, x = best
        skyline = _raise(skyline, x, w + GAP_X, top + h + GAP_Y)
        c1, r1, _, _ = box.extent()
        if len(box.cells) > 1:
            group_of.update(dict.fromkeys(box.cells, len(rects)))
            rects.append((x, top, w, h))
        for n, (c, r) in box.cells.items():
            pos[n] = (round(x + (c - c1 + 0.5) * CELL_W), round(top + (r - r1 + 0.5) * CELL_H))
    cx = (min(x for x, _ in pos.values()) + max(x for x, _ in pos.values())) // 2
    cy = (min(y for _, y in pos.values()) + max(y for _, y in pos.values())) // 2
    return Layout({n: (x - cx, y - cy) for n, (x, y) in pos.items()},
                  [[round(x - cx), round(y - cy), round(w), round(h)] for x, y, w, h in rects],
                  group_of)


def _raise(skyline: list, x: float, w: float, y: float) -> list:
    """The skyline with [x, x + w) raised to y; neighbouring segments of one height merged."""
    out = []
    for sx, sw, sy in skyline:
        end = sx + sw
        if end <= x or sx >= x + w:
            out.append((sx, sw, sy))
            continue
        if sx < x:
            out.append((sx, x - sx, sy))
        if end > x + w:
            out.append((x + w, end - x - w, sy))
    out.append((x, w, y))
    out.sort()
    merged: list = []
    for seg in out:
        if merged and merged[-1][2] == seg[2] and abs(merged[-1][0] + merged[-1][1] - seg[0]) < 1e-6:
            merged[-1] = (merged[-1][0], merged[-1][1] + seg[1], seg[2])
        else:
            merged.append(seg)
    return merged
