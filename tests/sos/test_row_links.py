"""A row link built from one reversal is the URL reversing it for that row would give."""

import pytest
from django.urls import NoReverseMatch, reverse

from sos.row_links import RowLink


@pytest.mark.parametrize("name", ["casework:timeline", "casework:action_done", "clients:detail"])
@pytest.mark.parametrize("pk", [1, 7, 98765432, 987654321, 9876543210])
def test_it_builds_the_url_reverse_gives(name, pk):
    link = RowLink.to(name)
    assert link(pk) == reverse(name, args=[pk])


def test_it_refuses_a_route_without_one_argument():
    with pytest.raises(NoReverseMatch):
        RowLink.to("home")
