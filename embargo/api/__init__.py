"""The HTTP API: yente-compatible matching, search and entities, with API keys and roles."""

from embargo.api.app import create_app, create_app_from_env
from embargo.api.config import ApiConfig
from embargo.api.hooks import AuditHook, RequestRecord

__all__ = ["ApiConfig", "AuditHook", "RequestRecord", "create_app", "create_app_from_env"]
