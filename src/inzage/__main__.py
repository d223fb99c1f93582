"""``python -m inzage`` is the ``inzage`` command."""

from inzage.cli import main

main()
