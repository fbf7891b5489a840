"""The rank of a matrix, exactly (fractions, Gauss–Jordan): the audits of the suppression rule
use it as an independent check, apart from the rule's own arithmetic."""

from __future__ import annotations

from fractions import Fraction


def rank(rows: list[list[int | Fraction]]) -> int:
    rows = [[Fraction(v) for v in r] for r in rows if any(r)]
    done = 0
    for column in range(len(rows[0]) if rows else 0):
        pivot = next((i for i in range(done, len(rows)) if rows[i][column]), None)
        if pivot is None:
            continue
        rows[done], rows[pivot] = rows[pivot], rows[done]
        for i in range(len(rows)):
            if i != done and rows[i][column]:
                factor = rows[i][column] / rows[done][column]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[done])]
        done += 1
    return done
