"""Links a page repeats once a row (each young person's timeline, each action's "Done"), built
from one reversal of the route instead of one per row: reversing a URL was a large part of the
caseworker home page's time (issue 23.4)."""

from dataclasses import dataclass

from django.urls import reverse

# Reversed in place of the id, then cut out again: a number no route's fixed text holds.
MARKER = 987654321


@dataclass(frozen=True)
class RowLink:
    """The URL of route `name` for any one integer argument: link(pk) == reverse(name, [pk])."""

    before: str
    after: str

    @classmethod
    def to(cls, name: str) -> "RowLink":
        # Routes with an <int:...> argument, which shows in the URL as the number itself.
        before, _, after = reverse(name, args=[MARKER]).rpartition(str(MARKER))
        return cls(before, after)

    def __call__(self, pk: int) -> str:
        return f"{self.before}{int(pk)}{self.after}"
