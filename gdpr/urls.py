from django.urls import path

from gdpr import views

app_name = "gdpr"

urlpatterns = [
    path("clients/<int:pk>/subject-access.zip", views.subject_access, name="subject_access"),
    path("clients/<int:pk>/erasure/", views.erasure_request, name="erasure_request"),
    path("erasure/", views.erasure_list, name="erasure_list"),
    path("erasure/<int:pk>/", views.erasure_detail, name="erasure_detail"),
    path("erasure/<int:pk>/approve/", views.erasure_approve, name="erasure_approve"),
]
