from django.urls import path

from casework.views import sessions, team, timeline

app_name = "casework"

urlpatterns = [
    path("sessions/log/", sessions.session_log, name="session_log"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session_detail"),
    path("sessions/<int:pk>/edit/", sessions.session_edit, name="session_edit"),
    path("sessions/<int:pk>/action-done/", sessions.action_done, name="action_done"),
    path("clients/<int:pk>/timeline/", timeline.timeline, name="timeline"),
    path("team/", team.team, name="team"),
]
