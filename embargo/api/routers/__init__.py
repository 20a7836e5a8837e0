"""The API's routers, one per area: matching, search and entities, system, administration."""
