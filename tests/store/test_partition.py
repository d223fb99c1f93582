"""Union-find: the smallest member is the root, whatever the order of links."""

from hypothesis import given
from hypothesis import strategies as st

from inzage.store.partition import Partition


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=40))
def test_groups_are_connected_components_rooted_at_their_minimum(
    links: list[tuple[int, int]],
) -> None:
    linked: Partition[int] = Partition()
    for a, b in links:
        linked.union(a, b)
    groups = linked.groups()
    for root, members in groups.items():
        assert root == min(members)
    for a, b in links:
        assert linked.find(a) == linked.find(b)
    assert sum(len(m) for m in groups.values()) == len({x for link in links for x in link})
    assert linked.find(99) == 99
