import numpy as np
from hypothesis import given, settings, strategies as st

from redflags.link.union_find import UnionFind, components


def _naive(n, edges):
    label = list(range(n))
    changed = True
    while changed:
        changed = False
        for a, b in edges:
            m = min(label[a], label[b])
            if label[a] != m or label[b] != m:
                label[a] = label[b] = m
                changed = True
    groups = {}
    for i, lab in enumerate(label):
        groups.setdefault(lab, []).append(i)
    return sorted(g for g in groups.values() if len(g) >= 2)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 40).flatmap(lambda n: st.tuples(st.just(n), st.lists(st.tuples(st.integers(0, n - 1),
                                                                                        st.integers(0, n - 1)), max_size=60))))
def test_components_match_naive_labelling(case):
    n, edges = case
    uf = UnionFind(n)
    uf.union_pairs([a for a, _ in edges], [b for _, b in edges])
    got = [g.tolist() for g in components(uf.labels())]
    assert got == _naive(n, edges)


def test_grow_and_groups():
    uf = UnionFind(2)
    uf.grow(5)
    uf.union_group([4, 1, 3])
    assert [g.tolist() for g in components(uf.labels())] == [[1, 3, 4]]
    assert components(np.array([0, 1, 2])) == []
