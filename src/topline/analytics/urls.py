from django.urls import path

from topline.analytics import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
