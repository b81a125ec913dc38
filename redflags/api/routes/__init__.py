"""One router per resource; `ROUTERS` is mounted by `create_app`."""
from redflags.api.routes import ads, audit_log, auth, cases, check, clusters, health, ingest, trends, users

ROUTERS = [health.router, auth.router, check.router, ads.router, clusters.router, trends.router, cases.router,
           ingest.router, users.router, audit_log.router]
