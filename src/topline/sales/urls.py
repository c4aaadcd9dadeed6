from django.urls import path

from topline.sales import views

urlpatterns = [
    path("orders/", views.order_list, name="order_list"),
    path("deals/<int:pk>/lines/", views.deal_line_add, name="deal_line_add"),
]
