"""Recognisers: the contract every recogniser follows (``base``) and the one
registry that lists them (``registry``).  Below every stage: the stages import
this, never the reverse."""
