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
