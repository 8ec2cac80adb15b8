import pytest

from exports.models import ExportJob
from imports.models import ImportRun
from tests.factories import (
    GoalFactory,
    GroupSessionFactory,
    OutcomeFactory,
    RiskFlagFactory,
    SessionFactory,
)
from tests.security.routes import route_urls


@pytest.fixture
def routes(alice, southwark, southwark_client):
    """(route name, sample URL) for every route the project has, with sample records of
    alice's borough for the routes that take one."""
    case = southwark_client.cases.get()
    objects = {
        "alice": alice,
        "southwark": southwark,
        "client": southwark_client,
        "case": case,
        "session": SessionFactory(case=case),
        "risk_flag": RiskFlagFactory(client=southwark_client),
        "goal": GoalFactory(case=case),
        "outcome": OutcomeFactory(case=case),
        "group_session": GroupSessionFactory(borough=southwark),
        "import_run": ImportRun.objects.create(
            kind="clients", file_name="sample.csv", content=b"", imported_by=alice
        ),
        "export_job": ExportJob.objects.create(requested_by=alice),
    }
    return route_urls(objects)
