"""Parsing: normalised text → documents with their structure and markers."""
