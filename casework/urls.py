from django.urls import path

from casework.views import assessments, goals, group_work, outcomes

app_name = "casework"

urlpatterns = [
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
