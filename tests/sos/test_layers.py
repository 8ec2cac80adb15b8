"""One base layer (issue 16), checked over the source text as `rg` would: who may do what and
which borough are decided only in sos/access.py, and sos/ imports no app. A new copy of a role
rule or a borough picker anywhere else fails here, naming the file and line."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "sos", "clients", "casework", "reporting", "imports", "exports", "audit", "gdpr", "referrals",
]  # fmt: skip
# What sos must never import: every other app, and the bench (developers' code, not shipped).
ABOVE_SOS = [*APPS[1:], "bench"]
ACCESS = Path("sos/access.py")

# A role tested outside the rules: `user.role == ...`, `.role in (...)`, `role__in=` or
# `role=Role.X` in a query, the model's `is_admin`, a template's `user.role`. sos/models.py
# defines the roles and the staff queries by role; demo.py files create staff of each role.
ROLE_CHECKS = re.compile(
    r"\.role\s*(==|!=|\bin\b|\bnot\s+in\b)|\brole__in\s*=|\brole\s*=\s*Role\.|\.is_admin\b"
    r"|\.is_manager\b|user\.role\b"
)
NOT_ROLE_CHECKS = {Path("sos/models.py")}
# The borough asked for in the query string: only chosen_boroughs(request) reads it.
BOROUGH_PICKERS = re.compile(r"request\.GET\.get\(\s*[\"']borough[\"']|\.getlist\(\s*[\"']borough")


def app_files(*patterns: str) -> list[Path]:
    """Every file of the apps matching `patterns`, relative to the checkout, migrations left
    out (they record history, not rules)."""
    found = []
    for app in APPS:
        for pattern in patterns:
            found += [
                path.relative_to(ROOT)
                for path in (ROOT / app).rglob(pattern)
                if "migrations" not in path.parts
            ]
    return sorted(found)


def matching_lines(paths: list[Path], pattern: re.Pattern) -> list[str]:
    return [
        f"{path}:{number}: {line.strip()}"
        for path in paths
        for number, line in enumerate((ROOT / path).read_text().splitlines(), start=1)
        if pattern.search(line)
    ]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse((ROOT / path).read_text())
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return modules


def test_it_finds_the_apps_files():
    # The checks below pass vacuously on an empty list; they read every view and template.
    files = app_files("*.py", "*.html")
    assert ACCESS in files
    assert Path("casework/views/team.py") in files
    assert Path("sos/templates/includes/header.html") in files


def test_it_checks_roles_only_in_sos_access():
    files = [
        path
        for path in app_files("*.py", "*.html")
        if path != ACCESS and path not in NOT_ROLE_CHECKS and path.name != "demo.py"
    ]
    assert matching_lines(files, ROLE_CHECKS) == []


def test_it_defines_view_decorators_for_roles_only_in_sos_access():
    # Like the old imports.views.importer_required: a decorator of its own is a rule of its own.
    own_decorators = re.compile(r"def \w+_(required|only)\(view")
    files = [path for path in app_files("*.py") if path != ACCESS]
    allowed = ["sos/two_factor.py"]  # two_factor_not_required: about sign-in, not roles
    found = matching_lines(files, own_decorators)
    assert [line for line in found if not line.startswith(tuple(allowed))] == []


def test_it_reads_the_chosen_borough_only_in_sos_access():
    files = [path for path in app_files("*.py", "*.html") if path != ACCESS]
    assert matching_lines(files, BOROUGH_PICKERS) == []


def test_it_keeps_sos_free_of_imports_from_the_apps():
    upward = {
        f"{path}: {module}"
        for path in app_files("*.py")
        if path.parts[0] == "sos"
        for module in imported_modules(path)
        if module.split(".")[0] in ABOVE_SOS
    }
    assert upward == set()


def test_it_keeps_views_modules_private_to_their_app():
    # What views of two apps share (fetching a client in scope, its header) lives in a module
    # that is not a view: another app's views change without notice.
    crossing = {
        f"{path}: {module}"
        for path in app_files("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] != path.parts[0]
        and module.split(".")[0] in APPS
        and len(module.split(".")) > 1
        and module.split(".")[1] == "views"
    }
    assert crossing == set()
