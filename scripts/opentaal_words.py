"""Write ``src/inzage/data/opentaal-words.txt.gz`` from OpenTaal's Dutch word
list as Debian's ``wdutch`` package installs it (``/usr/share/dict/dutch``).

The detector ships its own copy so that a dossier gets the same proposals on
every machine, with or without the Debian package; run this script (``make
wordlist``) to refresh it from a newer list.  Only one-word entries are kept,
as written (``misdaad``, ``Gelderland``), one per line, sorted."""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

SOURCE = Path("/usr/share/dict/dutch")
TARGET = Path(__file__).resolve().parent.parent / "src/inzage/data/opentaal-words.txt.gz"


def words(lines: list[str]) -> list[str]:
    """The one-word entries of the list, sorted and without repeats."""
    return sorted({line.strip() for line in lines if line.strip() and " " not in line.strip()})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--target", type=Path, default=TARGET)
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(f"{args.source} not found: apt-get install wdutch", file=sys.stderr)
        return 1
    entries = words(args.source.read_text(encoding="utf-8").splitlines())
    # mtime=0: the same list gives the same bytes, so git sees no change.
    with gzip.GzipFile(args.target, "wb", compresslevel=9, mtime=0) as out:
        out.write(("\n".join(entries) + "\n").encode("utf-8"))
    print(f"{args.target}: {len(entries):,} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
