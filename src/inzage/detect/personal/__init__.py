"""Personal data: one recogniser class per kind of evidence (``names``,
``contact``, ``numbers``, ``places``, ``special``), registered under the kind
``personal-data`` in :mod:`inzage.recognisers.registry`; the words they read
live in ``data/vocabulary.yaml`` (:mod:`inzage.recognisers.vocabulary`).

Recognisers only find; :mod:`inzage.detect.proposals` decides, per span, to
redact, keep or review, on which ground and why."""
