"""Reading: bytes on disk → text plus source metadata.  Nothing here interprets text."""
