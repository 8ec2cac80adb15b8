from django.urls import path

from exports import views

app_name = "exports"

urlpatterns = [
    path("", views.export_list, name="list"),
    path("request/", views.export_request, name="request"),
    path("<int:pk>/download/", views.export_download, name="download"),
    path("sessions/", views.sessions_workbook, name="sessions_workbook"),
    path(
        "sessions/<int:pk>/download/",
        views.sessions_workbook_download,
        name="sessions_workbook_download",
    ),
]
