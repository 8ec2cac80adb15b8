from django.urls import path

from clients.views import cases, clients, records

app_name = "clients"

urlpatterns = [
    path("", clients.client_list, name="list"),
    path("refer/", clients.client_refer, name="refer"),
    path("<int:pk>/", clients.client_detail, name="detail"),
    path("<int:pk>/history/", clients.client_changes, name="history"),
    path("<int:pk>/edit/", clients.client_edit, name="edit"),
    path("<int:pk>/support/new/", cases.case_open, name="case_open"),
    path("<int:pk>/offences/add/", records.offence_add, name="offence_add"),
    path("<int:pk>/offences/events/add/", records.justice_event_add, name="justice_event_add"),
    path("<int:pk>/consent/add/", records.consent_add, name="consent_add"),
    path("<int:pk>/risks/add/", records.risk_flag_add, name="risk_flag_add"),
    path("support/<int:pk>/edit/", cases.case_edit, name="case_edit"),
    path("support/<int:pk>/start/", cases.case_start, name="case_start"),
    path("support/<int:pk>/close/", cases.case_close, name="case_close"),
    path("support/<int:pk>/allocate/", cases.case_allocate, name="case_allocate"),
    path("risks/<int:pk>/clear/", records.risk_flag_clear, name="risk_flag_clear"),
]
