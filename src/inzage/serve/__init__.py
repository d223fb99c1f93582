"""serve: the web app and HTTP API over a corpus (``inzage serve``).

``app`` builds the FastAPI application and its security headers; ``api`` is
the JSON API under ``/api``; ``pages`` renders the templates; ``views`` holds
the pure functions that cut document text into pieces (redactions, entities,
matched words) for the templates, which escape everything; ``i18n`` has the
interface's words in Dutch and English.
"""

from inzage.serve.app import create_app

__all__ = ["create_app"]
