"""Who may do what: one table, checked by every route (anonymous callers get only /check and health)."""
from __future__ import annotations

# permission -> what it allows
PERMISSIONS = {
    "read": "list, search and view ads, clusters, trends, the map and cases",
    "ingest": "upload files into the store",
    "cases": "create cases, add ads and clusters, write notes, change status",
    "export": "export data out of the store",
    "audit": "read the audit trail",
    "users": "create users, change roles, disable accounts, issue API tokens",
}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "viewer": frozenset({"read"}),
    "analyst": frozenset({"read", "ingest", "cases", "export"}),
    "auditor": frozenset({"audit"}),
    "admin": frozenset(PERMISSIONS),
}


def allowed(role: str | None, permission: str) -> bool:
    """True when `role` carries `permission` (None: an anonymous caller, who carries none)."""
    return role is not None and permission in ROLE_PERMISSIONS.get(role, frozenset())
