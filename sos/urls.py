from django.contrib import admin
from django.urls import include, path

from sos import views

# The organisation core's own pages have no namespace prefix: they are the site's frame.
urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/add/", views.staff_add, name="staff_add"),
    path("staff/<int:pk>/", views.staff_edit, name="staff_edit"),
    path(
        "staff/<int:pk>/deactivate/",
        views.staff_set_active,
        {"active": False},
        name="staff_deactivate",
    ),
    path(
        "staff/<int:pk>/reactivate/",
        views.staff_set_active,
        {"active": True},
        name="staff_reactivate",
    ),
    path("boroughs/", views.borough_list, name="borough_list"),
    path("boroughs/add/", views.borough_add, name="borough_add"),
    path("boroughs/<int:pk>/", views.borough_edit, name="borough_edit"),
    path("clients/", include("clients.urls")),
    path("imports/", include("imports.urls")),
    path("django-admin/", admin.site.urls),
]
