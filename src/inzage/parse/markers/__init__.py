"""Redaction markers: the recognisers of each notation (``recognisers``), what a
candidate is in its context (``context``) and the loop (``engine``)."""

from inzage.parse.markers.engine import MarkerAnalysis, find_markers

__all__ = ["MarkerAnalysis", "find_markers"]
