"""Small statistics for the evaluation: rates with Wilson intervals."""

from dataclasses import dataclass
from math import sqrt

# The two-sided 95% normal quantile.
Z_95 = 1.959963984540054


@dataclass(frozen=True)
class Rate:
    """A proportion k/n with its 95% Wilson score interval (all as fractions of 1)."""

    k: int
    n: int

    @property
    def value(self) -> float | None:
        return self.k / self.n if self.n else None

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson_interval(self.k, self.n)


def wilson_interval(k: int, n: int, z: float = Z_95) -> tuple[float, float] | None:
    """The Wilson score interval for k successes in n trials (Wilson 1927; the interval the
    Ministry of Justice's Justice Data Lab reports use). None when n is 0."""
    if n == 0:
        return None
    p = k / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half_width = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half_width), min(1.0, centre + half_width)
