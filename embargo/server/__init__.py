"""What the API (:mod:`embargo.api`) and the web UI (:mod:`embargo.web`) share in one server process.

The :class:`Service` (store, keys, rate limits, the loaded index and its
snapshots), the settings it is built from (:class:`ApiConfig`), the
per-request hook (:class:`RequestRecord`) and the request body limit
(:class:`BodyLimit`). Neither front end imports the other; :mod:`embargo.app`
mounts them together.
"""

from embargo.server.body import BodyLimit
from embargo.server.config import UI_PREFIX, ApiConfig
from embargo.server.hooks import AuditHook, RequestRecord, log_request
from embargo.server.service import Loaded, Service

__all__ = ["UI_PREFIX", "ApiConfig", "AuditHook", "BodyLimit", "Loaded", "RequestRecord", "Service", "log_request"]
