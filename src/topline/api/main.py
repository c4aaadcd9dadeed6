"""The REST API v1: one NinjaAPI, token auth on every operation, one error shape."""

from ninja import NinjaAPI

from topline.api import errors
from topline.api.auth import TokenAuth
from topline.api.parser import TextParser
from topline.api.routers import (
    accounts,
    activities,
    companies,
    contacts,
    deals,
    leads,
    metrics,
    orders,
)

api = NinjaAPI(
    title="Topline API",
    version="1",
    description=(
        "Send `Authorization: Bearer <token>` (create one with `topline token create`). "
        "Every request sees only the token's organization. Guide: docs/api.md."
    ),
    auth=TokenAuth(),
    parser=TextParser(),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
errors.install(api)

api.add_router("", accounts.router)
api.add_router("/companies", companies.router)
api.add_router("/contacts", contacts.router)
api.add_router("/leads", leads.router)
api.add_router("/deals", deals.router)
api.add_router("/orders", orders.router)
api.add_router("/activities", activities.router)
api.add_router("/metrics", metrics.router)
