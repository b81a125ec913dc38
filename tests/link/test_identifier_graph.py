import numpy as np

from redflags.link.clusters import Evidence, cluster
from redflags.link.config import LinkConfig
from redflags.link.identifier_graph import group_keys, judge_hubs

EMPTY = np.empty(0, dtype=np.int64)


def _evidence(n, keys, text_pairs=()):
    a = np.array([p[0] for p in text_pairs], dtype=np.int64)
    b = np.array([p[1] for p in text_pairs], dtype=np.int64)
    return Evidence(np.arange(1, n + 1), a, b, np.ones(len(a)), group_keys(keys))


def test_helpdesk_number_on_unrelated_ads_is_a_hub_and_does_not_merge():
    # 30 ads: two networks of 10 (own phone + template text) and 10 independents; a help-desk line on 15 of them.
    keys = [(i, "phone", "+1net1") for i in range(10)] + [(i, "phone", "+1net2") for i in range(10, 20)]
    keys += [(i, "phone", f"+1own{i}") for i in range(20, 30)]
    keys += [(i, "phone", "+1helpdesk") for i in (0, 1, 10, 11) + tuple(range(20, 30)) + (5,)]
    text = [(0, i) for i in range(1, 10)] + [(10, i) for i in range(11, 20)]
    config = LinkConfig(hub_min_ads=12, hub_min_ratio=0.5)
    c = cluster(_evidence(30, keys, text), config)
    hubs = {(v.kind, v.value): v for v in c.hubs}
    assert hubs[("phone", "+1helpdesk")].is_hub
    assert sorted(len(g) for g in c.groups) == [10, 10]        # networks kept apart, independents alone
    v = hubs[("phone", "+1helpdesk")]
    assert v.ads == 15 and v.contexts == 12
    assert "is a hub" in v.reason(0.5) and "15 ads" in v.reason(0.5)


def test_network_phone_on_many_template_ads_is_not_a_hub():
    keys = [(i, "phone", "+1op") for i in range(40)]
    text = [(0, i) for i in range(1, 36)]  # 35 reposts of one template, 4 fresh texts
    c = cluster(_evidence(40, keys, text), LinkConfig(hub_min_ads=12, hub_min_ratio=0.5))
    assert [v.is_hub for v in c.hubs] == [False]
    assert len(c.groups) == 1 and len(c.groups[0]) == 40


def test_judge_hubs_ignores_rare_keys():
    groups = group_keys([(0, "email", "a@x.io"), (1, "email", "a@x.io")])
    assert judge_hubs(groups, np.arange(2), min_ads=3, min_ratio=0.5) == []


def test_each_link_type_can_be_used_alone():
    keys = [(0, "phone", "+1a"), (1, "phone", "+1a"), (2, "image", "pdq:ff"), (3, "image", "pdq:ff")]
    ev = _evidence(6, keys, [(4, 5)])
    assert [g.tolist() for g in cluster(ev, LinkConfig(), ("identifier",)).groups] == [[0, 1]]
    assert [g.tolist() for g in cluster(ev, LinkConfig(), ("image",)).groups] == [[2, 3]]
    assert [g.tolist() for g in cluster(ev, LinkConfig(), ("near_duplicate",)).groups] == [[4, 5]]
    assert len(cluster(ev, LinkConfig()).groups) == 3
