from django.urls import path

from referrals import views

app_name = "referrals"
urlpatterns = [
    path("partners/", views.partner_list, name="partner_list"),
    path("partners/add/", views.partner_add, name="partner_add"),
    path("partners/<int:pk>/", views.partner_edit, name="partner_edit"),
    path("partners/<int:pk>/rotate/", views.partner_rotate, name="partner_rotate"),
    path("partners/<int:pk>/revoke/", views.partner_revoke, name="partner_revoke"),
    path("queue/", views.queue, name="queue"),
    path("queue/<int:pk>/", views.triage, name="triage"),
    path("queue/<int:pk>/ask/", views.ask, name="ask"),
    path("queue/<int:pk>/decline/", views.decline, name="decline"),
    # The public form: the token is the only thing that opens it.
    path("refer/<str:token>/", views.refer, name="refer"),
    path("refer/<str:token>/sent/", views.sent, name="sent"),
]
