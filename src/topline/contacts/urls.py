from django.urls import path

from topline.contacts import views

urlpatterns = [
    path("companies/", views.company_list, name="company_list"),
    path("companies/new/", views.company_create, name="company_create"),
    path("companies/options/", views.company_options, name="company_options"),
    path("companies/<int:pk>/edit/", views.company_edit, name="company_edit"),
    path("contacts/", views.contact_list, name="contact_list"),
    path("contacts/new/", views.contact_create, name="contact_create"),
    path("contacts/options/", views.contact_options, name="contact_options"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/consent/", views.contact_consent, name="contact_consent"),
    path("contacts/<int:pk>/preferences/", views.contact_preferences, name="contact_preferences"),
    path("contacts/<int:pk>/points/", views.contact_point_add, name="contact_point_add"),
]
