from django.urls import URLPattern, re_path

from topline.api.errors import not_allowed, unknown_path
from topline.api.main import api


def _patterns():
    patterns, _app_name, _namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = not_allowed(pattern.callback)
    # Anything else under /api/v1/ answers in the API's error shape, not an HTML page.
    return [*patterns, re_path(r"^.*$", unknown_path)]


app_name = "api-v1"
urlpatterns = _patterns()
