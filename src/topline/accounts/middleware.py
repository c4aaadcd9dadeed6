import zoneinfo

from django.utils import timezone

from topline.accounts.selectors import organization_for_user


class TenantMiddleware:
    """Sets request.org: the organization the signed-in user is working in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.org = None
        if request.user.is_authenticated:
            request.org = organization_for_user(request.user, request.session.get("org_id"))
        return self.get_response(request)


class UserTimeZoneMiddleware:
    """Shows times in the signed-in user's time zone (they are stored in UTC)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and request.user.time_zone:
            timezone.activate(zoneinfo.ZoneInfo(request.user.time_zone))
        else:
            timezone.deactivate()
        return self.get_response(request)
