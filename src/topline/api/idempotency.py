"""Idempotent creates. A POST with an `Idempotency-Key` header runs once per organization
and key; a retry within 24 hours gets the stored first response and writes nothing.

Only successful responses are stored: a request refused for bad input may be corrected and
sent again with the same key.
"""

import datetime as dt
import functools
import hashlib
import json

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja.renderers import JSONRenderer
from ninja.schema import Schema

from topline.api.auth import org
from topline.api.errors import error_response
from topline.api.models import IdempotencyKey

HEADER = "Idempotency-Key"
KEEP_FOR = dt.timedelta(hours=24)
_renderer = JSONRenderer()
CONTENT_TYPE = "application/json; charset=utf-8"


def _fingerprint(request: HttpRequest) -> str:
    # The body as canonical JSON: a retry that orders its keys differently is the same request.
    body = json.dumps(json.loads(request.body or b"null"), sort_keys=True)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def _stored(organization, key: str) -> IdempotencyKey | None:
    cutoff = timezone.now() - KEEP_FOR
    return (
        IdempotencyKey.objects.for_org(organization).filter(key=key, created_at__gte=cutoff).first()
    )


def _render(request: HttpRequest, schema: type[Schema], result, status: int) -> HttpResponse:
    data = schema.from_orm(result).model_dump()
    content = _renderer.render(request, data, response_status=status)
    return HttpResponse(content, status=status, content_type=CONTENT_TYPE)


def _replay(stored: IdempotencyKey, fingerprint: str) -> HttpResponse:
    if stored.fingerprint != fingerprint:
        return error_response(422, (HEADER, "was already used for a different request."))
    response = HttpResponse(
        stored.response_body, status=stored.status_code, content_type=CONTENT_TYPE
    )
    response["Idempotent-Replayed"] = "true"
    return response


def idempotent(schema: type[Schema], status: int = 201):
    """Wrap a POST handler that returns a model instance, rendered through `schema`."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            key = request.headers.get(HEADER, "").strip()
            if not key:
                with transaction.atomic():
                    return _render(request, schema, view(request, *args, **kwargs), status)
            if len(key) > 255:
                return error_response(422, (HEADER, "must be at most 255 characters."))
            organization = org(request)
            fingerprint = _fingerprint(request)
            try:
                with transaction.atomic():
                    stored = _stored(organization, key)
                    if stored:
                        return _replay(stored, fingerprint)
                    response = _render(request, schema, view(request, *args, **kwargs), status)
                    expired = timezone.now() - KEEP_FOR
                    IdempotencyKey.objects.for_org(organization).filter(
                        created_at__lt=expired
                    ).delete()  # lazily, so the table holds about a day of keys
                    IdempotencyKey.objects.create(
                        organization=organization,
                        key=key,
                        fingerprint=fingerprint,
                        status_code=status,
                        response_body=response.content.decode(),
                    )
                    return response
            except IntegrityError:
                # A concurrent request with the same key won the race; our write rolled back.
                stored = _stored(organization, key)
                if stored is None:
                    raise
                return _replay(stored, fingerprint)

        return wrapper

    return decorate
