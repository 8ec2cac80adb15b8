from django.urls import path

from audit import views

app_name = "audit"

urlpatterns = [
    path("access/", views.access_search, name="access_search"),
    path("access/unusual/", views.unusual_access, name="unusual_access"),
]
