from django.urls import path, re_path

from topline.activities import views

urlpatterns = [
    path("companies/<int:pk>/", views.company_detail, name="company_detail"),
    path("contacts/<int:pk>/", views.contact_detail, name="contact_detail"),
    path("leads/<int:pk>/", views.lead_detail, name="lead_detail"),
    path("deals/<int:pk>/", views.deal_detail, name="deal_detail"),
    re_path(
        r"^activities/(?P<record_type>company|contact|lead|deal)/(?P<pk>[0-9]+)/$",
        views.activity_add,
        name="activity_add",
    ),
    path("activities/<int:pk>/done/", views.activity_done, name="activity_done"),
]
