"""Stemming from many threads at once (the web server's request threads) gives
the same stems as from one (issue 13: a shared Snowball stemmer mixed up the
words of two requests, and raised IndexError)."""

from concurrent.futures import ThreadPoolExecutor
from itertools import product

from inzage.store.terms import stem

_WORDS = [
    "".join(letters) + ending
    for letters in product("bdgkmprstv", "aeiou", "lmnrst")
    for ending in ("ingen", "heden", "erende", "elijkheid", "en")
]


def test_threads_stem_like_one_thread() -> None:
    uncached = stem.__wrapped__
    expected = [uncached(word) for word in _WORDS]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(5):
            assert list(pool.map(uncached, _WORDS, chunksize=1)) == expected
