"""Detection: recognisers that find spans in text and explain why.

Nothing here edits text; ``redact/`` applies what is found.
"""
