"""Caching what the workbench reads from stored data, until that data changes.

Keys carry the compliance version (`courses.freshness`), which every write to assignments or
the roster bumps, so nothing here is ever invalidated by hand.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache

CACHE_SECONDS = 600


def cached(key_parts: tuple, compute):
    """`compute()`, or what it gave last time for the same key parts (which carry the
    compliance version, so any write to assignments or the roster makes a new key)."""
    key = "workbench:" + hashlib.sha256(repr(key_parts).encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def ids(objects) -> tuple[int, ...]:
    return tuple(item.pk for item in objects)


@dataclass(frozen=True)
class Paging:
    count: int
    num_pages: int


@dataclass(frozen=True)
class FrozenPage:
    """What the template reads of a Django `Page`, without its queryset: safe to cache."""

    object_list: list
    number: int
    paginator: Paging
    first_index: int
    last_index: int

    @classmethod
    def of(cls, page) -> "FrozenPage":
        return cls(
            object_list=list(page.object_list),
            number=page.number,
            paginator=Paging(count=page.paginator.count, num_pages=page.paginator.num_pages),
            first_index=page.start_index(),
            last_index=page.end_index(),
        )

    def __len__(self) -> int:
        return len(self.object_list)

    def has_next(self) -> bool:
        return self.number < self.paginator.num_pages

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def start_index(self) -> int:
        return self.first_index

    def end_index(self) -> int:
        return self.last_index
