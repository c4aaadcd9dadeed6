"""One error shape for every failure: {"errors": [{"field": ..., "reason": ...}]}.

Django's ValidationError (raised by the services, so the API refuses exactly what the UI
refuses) and ninja's schema errors are both mapped onto it, naming the request field.
"""

import logging
import re

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError

from topline.api.schemas.common import ErrorOut

logger = logging.getLogger("django.request")

# The part of a ninja error location that is not the request field: ("body", "payload", ...).
_SOURCES = {"body", "query", "path", "header", "cookie", "form"}


class BodyError(ValueError):
    """A body the parser read but refuses (see topline.api.parser): 400, naming the field."""

    def __init__(self, field: str | None, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def error_response(status: int, *items: tuple[str | None, str]) -> JsonResponse:
    body = {"errors": [{"field": field, "reason": reason} for field, reason in items]}
    return JsonResponse(body, status=status, content_type="application/json; charset=utf-8")


def field_path(parts) -> str | None:
    """("lines", 0, "quantity") -> "lines[0].quantity"."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or None


def _schema_field(loc: tuple) -> str | None:
    # Drop pydantic's union-branch tags such as "literal['a','b']" or "function-after[...]".
    parts = [p for p in loc if not (isinstance(p, str) and "[" in p)]
    if parts and parts[0] in _SOURCES:
        source = parts.pop(0)
        if source == "body" and parts:
            parts.pop(0)  # the handler's argument name, e.g. "payload"
    return field_path(parts)


def _schema_reason(error: dict) -> str:
    if error.get("type") == "value_error" and "error" in error.get("ctx", {}):
        return str(error["ctx"]["error"])  # our own validators' words, without "Value error, "
    if error.get("type") == "missing":
        return "This field is required."
    return error.get("msg", "invalid")


def rename_fields(exc: DjangoValidationError, rename) -> DjangoValidationError:
    """The same errors keyed by rename(field): a service's names -> the request's names."""
    if not hasattr(exc, "error_dict"):
        return exc
    return DjangoValidationError(
        {rename(field): messages for field, messages in exc.message_dict.items()}
    )


def one_based_lines_to_index(field: str) -> str:
    """The sales services number lines from 1 (line_no); a JSON array counts from 0."""
    return re.sub(r"^lines\[(\d+)\]", lambda m: f"lines[{int(m.group(1)) - 1}]", field)


def on_django_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        items = [
            (None if field == NON_FIELD_ERRORS else field, message)
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        items = [(None, message) for message in exc.messages]
    return error_response(422, *items)


def _schema_error(error: dict) -> tuple[str | None, str]:
    loc = tuple(error.get("loc", ()))
    if error.get("type") == "missing" and len(loc) == 2 and loc[0] == "body":
        # ("body", "payload"): the handler's whole argument, i.e. no body was sent.
        return "body", "The request body is missing: send a JSON object."
    return _schema_field(loc), _schema_reason(error)


def on_schema_validation(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
    return error_response(422, *(_schema_error(e) for e in exc.errors))


def on_authentication(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = error_response(
        401, (None, "Send a valid API token: 'Authorization: Bearer <token>'.")
    )
    response["WWW-Authenticate"] = 'Bearer realm="topline"'
    return response


def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # ninja turns any exception of the parser into "Cannot parse request body".
    if isinstance(exc.__cause__, BodyError):
        return error_response(
            exc.status_code, (exc.__cause__.field or "body", exc.__cause__.reason)
        )
    reason = str(exc)
    if exc.status_code == 400 and reason.startswith("Cannot parse request body"):
        reason = "The request body is not valid JSON."
    return error_response(exc.status_code, (None, reason))


def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(404, (None, "Not found."))


def on_integrity(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
    # The services validate fields but leave unique constraints to the database.
    field = "external_id" if "external_id" in str(exc) else None
    return error_response(409, (field, "is already used by another record."))


def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.error("API error: %s %s", request.method, request.path, exc_info=exc)
    return error_response(500, (None, "Internal server error."))


def install(api: NinjaAPI) -> None:
    api.add_exception_handler(DjangoValidationError, on_django_validation)
    api.add_exception_handler(SchemaValidationError, on_schema_validation)
    api.add_exception_handler(AuthenticationError, on_authentication)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(IntegrityError, on_integrity)
    api.add_exception_handler(Exception, on_unexpected)


def not_allowed(view):
    """ninja answers a method a path lacks with a plain-text 405; give it our shape."""

    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            allowed = ", ".join(sorted(response.get("Allow", "").split(", ")))
            json = error_response(405, (None, f"{request.method} is not allowed here."))
            json["Allow"] = allowed
            return json
        return response

    wrapped.csrf_exempt = getattr(view, "csrf_exempt", False)
    return wrapped


def unknown_path(request: HttpRequest) -> HttpResponse:
    return error_response(404, (None, f"No API endpoint at {request.path}."))


# The error responses each kind of operation lists in the OpenAPI document.
READ = dict.fromkeys((401, 404, 422), ErrorOut)
WRITE = dict.fromkeys((400, 401, 404, 409, 422), ErrorOut)
