from django.urls import path

from reporting.views import evaluation, justice_data_lab, returns, targets

app_name = "reporting"

urlpatterns = [
    path("evaluation/", evaluation.evaluation_page, name="evaluation"),
    path("return/", returns.return_month, name="return"),
    path("return/records/", returns.return_records, name="return_records"),
    path("return/team/", returns.return_team, name="return_team"),
    path("return/sign-off/", returns.return_sign_off, name="return_sign_off"),
    path("return/download.<str:file_format>", returns.return_download, name="return_download"),
    path("targets/", targets.target_list, name="targets"),
    path("targets/set/", targets.target_set, name="target_set"),
    path("justice-data-lab/", justice_data_lab.justice_data_lab, name="justice_data_lab"),
    path(
        "justice-data-lab/download.<str:file_format>",
        justice_data_lab.justice_data_lab_download,
        name="justice_data_lab_download",
    ),
]
