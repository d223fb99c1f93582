"""publish: a reviewed dossier out as a release: the redacted files (through
``redact`` and ``verify``), the public inventory list, and DiWoo metadata for
the national Woo index; and the other way in, a redaction tool's production
report read and reconciled with the dossier."""
