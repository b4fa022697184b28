"""Statistics from aggregates (counts, sums), so no per-respondent rows leave the database.

Means with a 95% confidence interval (Student's t), Welch's t-test and Cohen's d from two samples'
(n, mean, sd), and the paired t-test from the differences' (n, sum, sum of squares). Checked against
``scipy.stats.ttest_ind`` / ``ttest_rel`` on raw data in the tests.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Moments:
    """n, mean and sample standard deviation of one sample (None when not defined)."""

    n: int
    mean: float | None
    sd: float | None

    @classmethod
    def from_sums(cls, n: int, total: float, total_sq: float) -> Moments:
        if n <= 0:
            return cls(0, None, None)
        mean = total / n
        if n < 2:
            return cls(n, mean, None)
        var = max((total_sq - n * mean * mean) / (n - 1), 0.0)
        return cls(n, mean, math.sqrt(var))

    @classmethod
    def from_counts(cls, counts: dict[float, int]) -> Moments:
        n = sum(counts.values())
        total = sum(x * c for x, c in counts.items())
        total_sq = sum(x * x * c for x, c in counts.items())
        return cls.from_sums(n, total, total_sq)

    def ci95(self) -> tuple[float, float] | None:
        if self.mean is None or self.sd is None:
            return None
        from scipy import stats as st  # imported on use: a CLI command that lists does not need it

        half = st.t.ppf(0.975, self.n - 1) * self.sd / math.sqrt(self.n)
        return (self.mean - half, self.mean + half)


@dataclass(frozen=True)
class TwoSample:
    diff: float
    p_value: float | None
    cohens_d: float | None


def welch(a: Moments, b: Moments) -> TwoSample | None:
    """Welch's t-test (unequal variances) of a vs b, and Cohen's d with the pooled sd."""
    if a.mean is None or b.mean is None:
        return None
    diff = a.mean - b.mean
    if a.sd is None or b.sd is None:
        return TwoSample(diff, None, None)
    p: float | None = None
    if a.sd > 0 or b.sd > 0:
        from scipy import stats as st

        result = st.ttest_ind_from_stats(a.mean, a.sd, a.n, b.mean, b.sd, b.n, equal_var=False)
        p = float(result.pvalue)
    pooled_var = ((a.n - 1) * a.sd**2 + (b.n - 1) * b.sd**2) / (a.n + b.n - 2)
    d = diff / math.sqrt(pooled_var) if pooled_var > 0 else None
    return TwoSample(diff, p, d)


@dataclass(frozen=True)
class Paired:
    n: int
    mean_diff: float | None
    p_value: float | None


def paired(n: int, total: float, total_sq: float) -> Paired:
    """Paired t-test from the differences (this − vs) of ``n`` pairs."""
    m = Moments.from_sums(n, total, total_sq)
    if m.mean is None or m.sd is None or m.sd == 0:
        return Paired(n, m.mean, None)
    t = m.mean / (m.sd / math.sqrt(n))
    from scipy import stats as st

    p = float(2 * st.t.sf(abs(t), n - 1))
    return Paired(n, m.mean, p)
