"""Union-find with the smallest member as each group's root, for threads and
near-duplicate clusters: a group's id then does not depend on the order in
which its links were found."""

from __future__ import annotations

from collections import defaultdict
from typing import Generic, Protocol, Self, TypeVar


class _Ordered(Protocol):
    def __lt__(self, other: Self, /) -> bool: ...


T = TypeVar("T", bound=_Ordered)


class Partition(Generic[T]):
    def __init__(self) -> None:
        self._parent: dict[T, T] = {}

    def find(self, item: T) -> T:
        """The group's root; an item never linked is its own."""
        root = item
        while self._parent.get(root, root) != root:
            root = self._parent[root]
        while self._parent.get(item, item) != root:
            self._parent[item], item = root, self._parent[item]
        return root

    def union(self, a: T, b: T) -> None:
        self._parent.setdefault(a, a)
        self._parent.setdefault(b, b)
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self._parent[max(root_a, root_b)] = min(root_a, root_b)

    def groups(self) -> dict[T, list[T]]:
        """Every linked item by its root."""
        grouped: dict[T, list[T]] = defaultdict(list)
        for item in self._parent:
            grouped[self.find(item)].append(item)
        return grouped
