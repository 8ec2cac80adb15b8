from django.urls import path

from casework.views import (
    assessments,
    goals,
    group_work,
    notes_search,
    outcomes,
    reference,
    sessions,
    team,
    timeline,
)

app_name = "casework"

urlpatterns = [
    path("reference/", reference.reference_index, name="reference_index"),
    path("reference/<slug:slug>/", reference.reference_list, name="reference_list"),
    path(
        "reference/<slug:slug>/<int:pk>/retire/",
        reference.reference_set_active,
        {"active": False},
        name="reference_retire",
    ),
    path(
        "reference/<slug:slug>/<int:pk>/offer/",
        reference.reference_set_active,
        {"active": True},
        name="reference_offer",
    ),
    path("search/", notes_search.notes_search, name="notes_search"),
    path("sessions/log/", sessions.session_log, name="session_log"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session_detail"),
    path("sessions/<int:pk>/edit/", sessions.session_edit, name="session_edit"),
    path("sessions/<int:pk>/action-done/", sessions.action_done, name="action_done"),
    path("clients/<int:pk>/timeline/", timeline.timeline, name="timeline"),
    path("team/", team.team, name="team"),
    path(
        "team/sessions-without-interventions/",
        team.no_interventions,
        name="team_no_interventions",
    ),
    path("team/without-contact/", team.no_contact, name="team_no_contact"),
    path("team/outcomes-to-verify/", team.unverified, name="team_unverified"),
    path("group-work/", group_work.group_session_list, name="group_session_list"),
    path("group-work/log/", group_work.group_session_log, name="group_session_log"),
    path("group-work/<int:pk>/", group_work.group_session_detail, name="group_session_detail"),
    path("support/<int:pk>/goals/add/", goals.goal_add, name="goal_add"),
    path("goals/<int:pk>/review/", goals.goal_review, name="goal_review"),
    path(
        "support/<int:pk>/assessments/add/",
        assessments.assessment_add,
        name="assessment_add",
    ),
    path("support/<int:pk>/outcomes/add/", outcomes.outcome_add, name="outcome_add"),
    path("outcomes/<int:pk>/verify/", outcomes.outcome_verify, name="outcome_verify"),
]
