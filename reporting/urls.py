from django.urls import path

from reporting import views

app_name = "reporting"

urlpatterns = [
    path("return/", views.return_month, name="return"),
    path("return/records/", views.return_records, name="return_records"),
    path("return/team/", views.return_team, name="return_team"),
    path("return/sign-off/", views.return_sign_off, name="return_sign_off"),
    path("return/download.<str:file_format>", views.return_download, name="return_download"),
]
