"""Reliability data: annotators × units, encoded as integer category codes.

The usual layout of Krippendorff's papers and of the ``krippendorff`` package: one row per
annotator, one column per unit, ``None`` (or NaN in a float array) where that annotator did not
label that unit. :func:`encode` turns any such input into a :class:`CodedData` (``-1`` = missing)
that every coefficient in this package works on.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any

import numpy as np
import numpy.typing as npt

MISSING = -1

#: What reliability data may be: rows of values (None = missing) or a float array (NaN = missing).
ReliabilityInput = Sequence[Sequence[Any]] | npt.NDArray[Any]


#: Cells (annotator pairs × units) handled at once by :meth:`CodedData.annotator_pairs`.
PAIR_CHUNK_CELLS = 2_000_000


@dataclass(frozen=True)
class CodedData:
    """Reliability data as category codes.

    ``codes[a, u]`` is the index into ``categories`` of annotator ``a``'s value for unit ``u``,
    or :data:`MISSING`. ``categories`` is in the order given by the caller (for ordinal data, low to
    high) or, when none was given, sorted.
    """

    codes: npt.NDArray[np.int64]
    categories: tuple[Any, ...]

    @property
    def n_annotators(self) -> int:
        return int(self.codes.shape[0])

    @property
    def n_units(self) -> int:
        return int(self.codes.shape[1])

    @property
    def n_categories(self) -> int:
        return len(self.categories)

    def value_counts(self) -> npt.NDArray[np.int64]:
        """``counts[u, c]``: how many annotators gave unit ``u`` the value ``c``."""
        n_units, n_categories = self.n_units, self.n_categories
        codes = self.codes
        valid = codes != MISSING
        keys = (codes + np.arange(n_units, dtype=np.int64) * n_categories)[valid]
        counts = np.bincount(keys, minlength=n_units * n_categories)
        return counts.reshape(n_units, n_categories)

    def raters_per_unit(self) -> npt.NDArray[np.int64]:
        """``m_u``: how many annotators labelled each unit."""
        return np.count_nonzero(self.codes != MISSING, axis=0).astype(np.int64)

    def agreeing_pairs_per_unit(self) -> npt.NDArray[np.int64]:
        """``Σ_c r_uc (r_uc - 1)``: ordered pairs of annotators who gave unit ``u`` the same value.

        From the value counts when the units × categories table is small, else over all pairs
        of annotators at once (free-text fields such as speaker names can have thousands of
        categories).
        """
        if self.n_units * self.n_categories <= PAIR_CHUNK_CELLS:
            counts = self.value_counts()
            return (counts * (counts - 1)).sum(axis=1)
        agreeing = np.zeros(self.n_units, dtype=np.int64)
        for first, second, units in self.annotator_pairs():
            agreeing[units] += ((first == second) & (first != MISSING)).sum(axis=0)
        return 2 * agreeing

    def annotator_pairs(
        self,
    ) -> Iterator[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], slice]]:
        """``(first, second, units)``: codes of every pair of annotators (rows, first < second)
        over a slice of the units, in chunks of about :data:`PAIR_CHUNK_CELLS` cells."""
        rows_first, rows_second = np.triu_indices(self.n_annotators, k=1)
        if len(rows_first) == 0:
            return
        step = max(1, PAIR_CHUNK_CELLS // len(rows_first))
        for start in range(0, self.n_units, step):
            units = slice(start, min(start + step, self.n_units))
            block = self.codes[:, units]
            yield block[rows_first], block[rows_second], units

    def category_totals(self, unit_weights: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """``Σ_u w_u r_uc`` for every category ``c``."""
        codes = self.codes
        valid = codes != MISSING
        weights = np.broadcast_to(unit_weights, codes.shape)[valid]
        return np.bincount(codes[valid], weights=weights, minlength=self.n_categories).astype(
            np.float64
        )

    def pair(self, first: int, second: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Codes of two annotators over the units both labelled."""
        a, b = self.codes[first], self.codes[second]
        both = (a != MISSING) & (b != MISSING)
        return a[both], b[both]


def encode(
    data: ReliabilityInput | CodedData, categories: Sequence[Any] | None = None
) -> CodedData:
    """Encode reliability data (rows with ``None``, or a float array with NaN) as codes.

    ``categories`` fixes the value domain and its order (needed for ordinal data given as labels);
    a value outside it is a :class:`ValueError`. Without it the domain is the sorted set of values
    that occur.
    """
    if isinstance(data, CodedData):
        if categories is None or tuple(categories) == data.categories:
            return data
        return recode(data, categories)
    if isinstance(data, np.ndarray):
        return _encode_array(data, categories)
    rows = [row if isinstance(row, list) else list(row) for row in data]
    if not rows:
        raise ValueError("reliability data has no annotator rows")
    width = len(rows[0])
    for index, row in enumerate(rows):
        if len(row) != width:
            raise ValueError(
                f"annotator row {index} has {len(row)} values but row 0 has {width}: "
                "every row needs one value (or None) per unit"
            )
    if categories is None:
        return _encode_found_values(rows, width)
    index_of: dict[Hashable, int] = {value: code for code, value in enumerate(categories)}
    if len(index_of) != len(categories):
        raise ValueError("categories are not unique")
    codes = np.full((len(rows), width), MISSING, dtype=np.int64)
    for row_index, row in enumerate(rows):
        # dict.get through map runs in C: the fast path for string labels
        codes[row_index] = np.fromiter(
            map(index_of.get, row, repeat(MISSING)), dtype=np.int64, count=width
        )
        unknown = [value for value in set(row) if value not in index_of and not _is_missing(value)]
        if unknown:
            raise ValueError(
                f"value {unknown[0]!r} is not one of the categories {list(categories)}"
            )
    return CodedData(codes=codes, categories=tuple(categories))


class _FirstSeenCodes(dict[Any, int]):
    """Gives each new value the next code; lookups of known values stay in C."""

    def __missing__(self, value: Any) -> int:
        code = self[value] = len(self)
        return code


def _encode_found_values(rows: list[list[Any]], width: int) -> CodedData:
    """Codes over the sorted values that occur, in one pass over the data."""
    first_seen = _FirstSeenCodes()
    raw = np.empty((len(rows), width), dtype=np.int64)
    for row_index, row in enumerate(rows):
        raw[row_index] = np.fromiter(map(first_seen.__getitem__, row), dtype=np.int64, count=width)
    values = [value for value in first_seen if not _is_missing(value)]
    categories = _sorted_domain(set(values))
    final_code = {value: code for code, value in enumerate(categories)}
    mapping = np.array(
        [MISSING if _is_missing(value) else final_code[value] for value in first_seen] or [0],
        dtype=np.int64,
    )
    return CodedData(codes=mapping[raw], categories=tuple(categories))


def recode(data: CodedData, categories: Sequence[Any]) -> CodedData:
    """The same data over a new category order (which must contain every used category)."""
    index_of = {value: code for code, value in enumerate(categories)}
    mapping = np.empty(data.n_categories + 1, dtype=np.int64)
    mapping[-1] = MISSING
    for code, value in enumerate(data.categories):
        if value not in index_of:
            raise ValueError(f"value {value!r} is not one of the categories {list(categories)}")
        mapping[code] = index_of[value]
    return CodedData(codes=mapping[data.codes], categories=tuple(categories))


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _sorted_domain(values: set[Any]) -> list[Any]:
    try:
        return sorted(values)
    except TypeError:
        return sorted(values, key=repr)


def _encode_array(array: npt.NDArray[Any], categories: Sequence[Any] | None) -> CodedData:
    if array.ndim != 2:
        raise ValueError(f"reliability data must be 2-D (annotators × units), not {array.ndim}-D")
    if array.dtype.kind not in "fiub":
        return encode(array.tolist(), categories)
    values = np.asarray(array, dtype=np.float64)
    missing = np.isnan(values)
    present = values[~missing]
    if categories is not None:
        domain = np.asarray(categories, dtype=np.float64)
        order = np.argsort(domain, kind="stable")
        positions = np.searchsorted(domain[order], present)
        positions = np.minimum(positions, len(domain) - 1)
        if present.size and not np.array_equal(domain[order][positions], present):
            unknown = present[domain[order][positions] != present][0]
            raise ValueError(f"value {unknown!r} is not one of the categories {list(categories)}")
        present_codes = order[positions]
        category_tuple = tuple(categories)
    else:
        present_codes, category_tuple = _codes_of_numbers(present)
    codes = np.full(values.shape, MISSING, dtype=np.int64)
    codes[~missing] = present_codes
    return CodedData(codes=codes, categories=category_tuple)


def _codes_of_numbers(
    present: npt.NDArray[np.float64],
) -> tuple[npt.NDArray[np.int64], tuple[Any, ...]]:
    """Codes for numbers, sorted; small integer values take an O(n) path instead of a sort."""
    if present.size == 0:
        return np.zeros(0, dtype=np.int64), ()
    low, high = present.min(), present.max()
    if high - low < 4096:
        shifted = present - low
        as_int = shifted.astype(np.int64)
        if np.array_equal(as_int, shifted):
            used = np.bincount(as_int, minlength=int(high - low) + 1) > 0
            code_of_offset = np.cumsum(used) - 1
            domain = (np.flatnonzero(used) + low).tolist()
            return code_of_offset[as_int], tuple(_as_number(value) for value in domain)
    domain_array, inverse = np.unique(present, return_inverse=True)
    return inverse.astype(np.int64), tuple(_as_number(value) for value in domain_array.tolist())


def _as_number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else float(value)
