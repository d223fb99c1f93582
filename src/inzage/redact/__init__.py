"""The redact stage: redacted copies of the inputs (never over them), and the
check that nothing redacted can be recovered from what was written."""
