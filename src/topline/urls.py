from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("topline.analytics.urls")),
    path("", include("topline.deals.urls")),
    path("", include("topline.leads.urls")),
    path("", include("topline.contacts.urls")),
    path("", include("topline.sales.urls")),
    path("", include("topline.activities.urls")),
    path("api/v1/", include("topline.api.urls")),
]
