from django.urls import path

from imports import views

app_name = "imports"

urlpatterns = [
    path("", views.import_start, name="start"),
    path("template/<str:kind>.<str:file_format>", views.import_template, name="template"),
    path("<int:pk>/", views.import_preview, name="preview"),
    path("<int:pk>/commit/", views.import_commit, name="commit"),
    path("<int:pk>/cancel/", views.import_cancel, name="cancel"),
]
