from hypothesis import given, settings
from hypothesis import strategies as st

from reporting.disclosure import suppress_grid, suppress_series


def shown(cells):
    return [str(cell) for cell in cells]


def test_it_hides_one_to_four_and_keeps_zero_and_five():
    cells, total = suppress_series([0, 1, 4, 5, 20], threshold=5)
    assert shown(cells)[:4] == ["0", "<5", "<5", "5"]
    assert str(total) == "30"


def test_it_hides_a_second_cell_so_a_lone_hidden_one_cannot_be_worked_out():
    cells, total = suppress_series([3, 10, 12, 0], threshold=5)
    # 3 alone would be 25 - 10 - 12: the smallest other non-zero cell (10) is hidden too.
    assert shown(cells) == ["<5", "<5", "12", "0"]
    assert cells[1].value == 10 and str(total) == "25"


def test_it_hides_the_total_when_no_other_cell_can_hide_it():
    cells, total = suppress_series([2, 0, 0], threshold=5)
    assert shown(cells) == ["<5", "0", "0"] and str(total) == "<5"


def test_it_leaves_a_table_with_nothing_small_alone():
    cells, total = suppress_series([0, 0, 7], threshold=5)
    assert shown(cells) == ["0", "0", "7"] and str(total) == "7"


def test_it_suppresses_rows_and_columns_of_a_grid():
    grid = suppress_grid([[2, 8], [9, 12]], threshold=5)
    hidden = [[cell.hidden for cell in row] for row in grid]
    for line in hidden + [list(column) for column in zip(*hidden, strict=True)]:
        assert sum(line) != 1


tables = st.integers(min_value=1, max_value=5).flatmap(
    lambda width: st.lists(
        st.lists(st.integers(min_value=0, max_value=12), min_size=width, max_size=width),
        min_size=1,
        max_size=5,
    )
)


@settings(max_examples=10_000, deadline=None)
@given(tables, st.integers(min_value=2, max_value=10))
def test_it_never_leaves_a_hidden_cell_recoverable_from_totals(rows, threshold):
    grid = suppress_grid(rows, threshold)
    hidden = [[cell.hidden for cell in row] for row in grid]
    for row in grid:
        for cell in row:
            if 0 < cell.value < threshold:
                assert cell.hidden  # primary suppression
            if cell.value == 0:
                assert not cell.hidden  # zero stays zero
    lines = hidden + [list(column) for column in zip(*hidden, strict=True)]
    assert all(sum(line) != 1 for line in lines)  # no line with exactly one hidden cell
