"""Disclosure control judged as an attacker would (DOMAIN.md, "Disclosure control"). The
attacker here is independent of reporting.disclosure's own interval arithmetic: it enumerates
every value each hidden entry could take (sets of sums as bitsets), knowing every shown number,
the total and what each mark allows ("<5": 1-4; a "[c]" count: 5 or more, since only shown
counts are hidden for secondary suppression; a "[c]" total: at least 1)."""

from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from reporting.disclosure import PRIMARY, suppress_people, suppress_series

# The lead of the issue: demo Lambeth's "Reoffended" column, five "<5", two 0, total 5.
LAMBETH_REOFFENDED = [1, 1, 1, 1, 1, 0, 0]


def shown(cells):
    return [str(cell) for cell in cells]


def domain(cell, *, is_total: bool, cap: int) -> range:
    """Every value the attacker cannot rule out from the mark alone (up to `cap`)."""
    if not cell.hidden:
        return range(cell.value, cell.value + 1)
    if cell.suppression == PRIMARY:
        return range(1, cell.threshold)
    return range(1 if is_total else cell.threshold, cap + 1)


def sums(domains) -> int:
    """Bitset of every sum of one value from each domain."""
    reachable = 1
    for values in domains:
        reachable = sum_sets(reachable, values)
    return reachable


def sum_sets(reachable: int, values: range) -> int:
    out = 0
    for value in values:
        out |= reachable << value
    return out


def possible_values(cells, total) -> dict[int, set[int]]:
    """For each hidden entry (the total as len(cells)), the values consistent with the page."""
    cap = sum(cell.value for cell in [*cells, total]) + 10 * (len(cells) + 1) * cells[0].threshold
    domains = [domain(cell, is_total=False, cap=cap) for cell in cells]
    totals = domain(total, is_total=True, cap=cap)
    found = {}
    for i, cell in enumerate(cells):
        if cell.hidden:
            others = sums(domains[:i] + domains[i + 1 :])
            found[i] = {
                v for v in domains[i] if any(others >> (t - v) & 1 for t in totals if t >= v)
            }
    if total.hidden:
        every = sums(domains)
        found[len(cells)] = {t for t in totals if every >> t & 1}
    return found


def assert_attacker_cannot_narrow(cells, total):
    threshold = (cells or [total])[0].threshold
    for i, values in possible_values(cells, total).items():
        entry = [*cells, total][i]
        if entry.suppression == PRIMARY:
            assert values == set(range(1, threshold)), (shown(cells), str(total), i, values)
        assert len(values) >= threshold - 1, (shown(cells), str(total), i, values)
        assert entry.value in values  # the attacker's model is true of the real table


def test_it_hides_one_to_four_and_keeps_zero_and_five():
    cells, total = suppress_series([0, 1, 4, 5, 20], threshold=5)
    assert shown(cells)[:4] == ["0", "<5", "<5", "5"]
    assert str(total) == "30"


def test_it_marks_a_cell_hidden_to_protect_another_as_c_never_as_small():
    cells, total = suppress_series([3, 26, 40, 0], threshold=5)
    # 3 alone would be 69 - 26 - 40: 26 is hidden too, and it is not "<5".
    assert shown(cells) == ["<5", "[c]", "40", "0"] and str(total) == "69"
    assert_attacker_cannot_narrow(cells, total)


def test_it_hides_the_total_of_the_lambeth_column():
    cells, total = suppress_series(LAMBETH_REOFFENDED, threshold=5)
    # With the total shown every "<5" would be exactly 1 (five cells of at least 1 make 5).
    assert shown(cells) == ["<5"] * 5 + ["0", "0"] and str(total) == "[c]"
    assert_attacker_cannot_narrow(cells, total)


def test_it_hides_more_when_the_total_pins_hidden_cells_to_one_or_two():
    # Shown 10 and total 13 would leave 1 + 2 = 3 to the two "<5": each 1 or 2.
    cells, total = suppress_series([1, 2, 10], threshold=5)
    assert shown(cells) == ["<5", "<5", "[c]"]
    assert_attacker_cannot_narrow(cells, total)


def test_it_hides_the_total_when_no_other_cell_can_hide_it():
    cells, total = suppress_series([2, 0, 0], threshold=5)
    assert shown(cells) == ["<5", "0", "0"] and str(total) == "[c]"


def test_it_leaves_a_table_with_nothing_small_alone():
    cells, total = suppress_series([0, 0, 7], threshold=5)
    assert shown(cells) == ["0", "0", "7"] and str(total) == "7"


series = st.lists(st.integers(min_value=0, max_value=14), min_size=1, max_size=8)


@settings(max_examples=10_000, deadline=None)
@given(series, st.integers(min_value=2, max_value=10))
def test_it_never_lets_the_attacker_narrow_a_hidden_cell(values, threshold):
    cells, total = suppress_series(values, threshold)
    for cell in [*cells, total]:
        if 0 < cell.value < threshold:
            assert cell.hidden  # primary suppression
        if cell.value == 0:
            assert not cell.hidden  # zero stays zero
        if cell.value >= threshold and cell.hidden:
            assert str(cell) == "[c]"  # never a false "<5"
    assert_attacker_cannot_narrow(cells, total)


def people_attacker(cells, total) -> dict[int, set[int]]:
    """Every value each hidden month could take, by enumeration, knowing the shown months, the
    distinct young people over the period when shown (at least every month, at most their
    sum) and that a "<t" month is 1 to t - 1."""
    hidden = [i for i, cell in enumerate(cells) if cell.hidden]
    shown = [cell.value for cell in cells if not cell.hidden]
    threshold = cells[0].threshold
    found = {i: set() for i in hidden}
    for guess in product(range(1, threshold), repeat=len(hidden)):
        months = shown + list(guess)
        if total.hidden or max(months) <= total.value <= sum(months):
            for i, value in zip(hidden, guess, strict=True):
                found[i].add(value)
    return found


@settings(max_examples=2_000, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=5),
    st.integers(min_value=2, max_value=6),
    st.data(),
)
def test_it_never_lets_a_distinct_total_narrow_a_hidden_month(values, threshold, data):
    distinct = data.draw(st.integers(min_value=max(values), max_value=sum(values)))
    cells, total = suppress_people(values, distinct, threshold)
    assert [cell.hidden for cell in cells] == [0 < value < threshold for value in values]
    if not total.hidden:
        assert distinct == 0 or distinct >= threshold
    for i, values_left in people_attacker(cells, total).items():
        assert values_left == set(range(1, threshold)), (values, distinct, str(total), i)


def test_it_hides_a_distinct_total_that_pins_a_month():
    # 6 + 9 shown and 17 young people over the period: the hidden month is at least 2.
    cells, total = suppress_people([6, 3, 9], 17, threshold=5)
    assert [str(cell) for cell in cells] == ["6", "<5", "9"] and str(total) == "[c]"
    cells, total = suppress_people([6, 3, 9], 12, threshold=5)
    assert str(total) == "12"
