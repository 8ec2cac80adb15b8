"""Calendar months, as the monthly return counts them (Europe/London dates)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def of(cls, day: date) -> "Month":
        return cls(day.year, day.month)

    @classmethod
    def parse(cls, text: str | None) -> "Month | None":
        """'2026-10' -> Month(2026, 10); None for anything else."""
        try:
            year, month = (int(part) for part in (text or "").split("-"))
            return cls(year, month) if 2000 <= year <= 2100 and 1 <= month <= 12 else None
        except ValueError:
            return None

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        return self.next().first - timedelta(days=1)

    def next(self) -> "Month":
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def plus(self, months: int) -> "Month":
        """The month `months` later (earlier if negative)."""
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def previous(self) -> "Month":
        return Month.of(self.first - timedelta(days=1))

    def has_ended(self) -> bool:
        """A month that has not ended is provisional and cannot be signed off."""
        return self.last < timezone.localdate()

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        return self.first.strftime("%B %Y")
