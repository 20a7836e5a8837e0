"""The HTTP API: yente-compatible matching, search and entities, with API keys and roles.

:func:`create_api` builds the API alone; the whole server (the API with the web UI
mounted) is :func:`embargo.app.create_app`, and what both stand on is :mod:`embargo.server`.
"""

from embargo.api.app import create_api

__all__ = ["create_api"]
