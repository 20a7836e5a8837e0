"""API keys with roles, stored hashed in the store's SQLite file, and per-key rate limits."""

from embargo.auth.keycache import KeyCache
from embargo.auth.keys import KEY_PREFIX, ApiKey, KeyStore, hash_key
from embargo.auth.ratelimit import RateLimiter
from embargo.auth.roles import Role, role_allows

__all__ = ["KEY_PREFIX", "ApiKey", "KeyCache", "KeyStore", "RateLimiter", "Role", "hash_key", "role_allows"]
