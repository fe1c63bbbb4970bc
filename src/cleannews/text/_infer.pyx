# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""The line model's inference, compiled: both stages' vectors and tree ensembles in C.

Each function computes exactly what the pure-Python path of :mod:`cleannews.text.linemodel`
computes (that path stays the reference; ``tests/test_text_compiled.py`` runs both and
compares the probabilities to the last bit): the same vectors, summed in the same order,
the same comparisons and leaf additions in the same tree order, the same logistic. Only the
per-page numbers are made in C; what defines a feature (its columns, offsets and windows)
is passed in by the caller, so that each keeps one definition, in Python.
"""

from cpython.mem cimport PyMem_Free, PyMem_Malloc
from libc.math cimport exp


cdef class Forest:
    """A boosted tree ensemble as flat node arrays (node indices absolute, leaves have
    feature -1)."""

    cdef int n_trees
    cdef int _width
    cdef double base
    cdef int* roots
    cdef int* feature
    cdef double* threshold
    cdef int* left
    cdef int* right
    cdef double* value

    def __cinit__(self, double base, features, thresholds, lefts, rights, values):
        cdef Py_ssize_t total = sum(len(f) for f in features)
        cdef Py_ssize_t t, k, size, at = 0
        self.n_trees = len(features)
        self.base = base
        self._width = 0
        self.roots = <int*> PyMem_Malloc(max(1, self.n_trees) * sizeof(int))
        self.feature = <int*> PyMem_Malloc(max(1, total) * sizeof(int))
        self.left = <int*> PyMem_Malloc(max(1, total) * sizeof(int))
        self.right = <int*> PyMem_Malloc(max(1, total) * sizeof(int))
        self.threshold = <double*> PyMem_Malloc(max(1, total) * sizeof(double))
        self.value = <double*> PyMem_Malloc(max(1, total) * sizeof(double))
        if not (self.roots and self.feature and self.left and self.right and self.threshold
                and self.value):
            raise MemoryError()
        for t in range(self.n_trees):
            self.roots[t] = at
            size = len(features[t])
            for k in range(size):
                self.feature[at + k] = features[t][k]
                self.threshold[at + k] = thresholds[t][k]
                self.value[at + k] = values[t][k]
                if features[t][k] >= 0:
                    if not (0 < lefts[t][k] < size and 0 < rights[t][k] < size):
                        raise ValueError("a tree's child index is out of range")
                    self.left[at + k] = at + lefts[t][k]
                    self.right[at + k] = at + rights[t][k]
                    self._width = max(self._width, features[t][k] + 1)
                else:
                    self.left[at + k] = self.right[at + k] = -1
            at += size

    def __dealloc__(self):
        PyMem_Free(self.roots)
        PyMem_Free(self.feature)
        PyMem_Free(self.left)
        PyMem_Free(self.right)
        PyMem_Free(self.threshold)
        PyMem_Free(self.value)

    @property
    def width(self):
        """Columns the trees read (a vector must have at least this many)."""
        return self._width

    def margin(self, vector):
        """The summed leaf values for one vector (as the pure path's ``Trees.margin``)."""
        cdef Py_ssize_t n = len(vector), k
        if n < self._width:
            raise ValueError(f"a vector of {n} values for trees reading {self._width}")
        cdef double* v = <double*> PyMem_Malloc(max(1, n) * sizeof(double))
        if not v:
            raise MemoryError()
        try:
            for k in range(n):
                v[k] = vector[k]
            return self._margin(v)
        finally:
            PyMem_Free(v)

    cdef double _margin(self, const double* v) noexcept nogil:
        cdef double z = self.base
        cdef int t, node
        for t in range(self.n_trees):
            node = self.roots[t]
            while self.feature[node] >= 0:
                if v[self.feature[node]] <= self.threshold[node]:
                    node = self.left[node]
                else:
                    node = self.right[node]
            z += self.value[node]
        return z


cdef inline double _logistic(double z) noexcept nogil:
    # As ``1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))``: min and max keep their
    # first argument unless the second is strictly beyond it.
    if not z < 30.0:
        z = 30.0
    if not z > -30.0:
        z = -30.0
    return 1.0 / (1.0 + exp(-z))


cdef int* _ints(values) except NULL:
    cdef Py_ssize_t k, n = len(values)
    cdef int* out = <int*> PyMem_Malloc(max(1, n) * sizeof(int))
    if not out:
        raise MemoryError()
    for k in range(n):
        out[k] = values[k]
    return out


cdef double* _matrix(list rows, Py_ssize_t width) except NULL:
    """The rows (lists of floats, ``width`` each) as one C array, row after row."""
    cdef Py_ssize_t n = len(rows), i, k
    cdef double* out = <double*> PyMem_Malloc(max(1, n * width) * sizeof(double))
    if not out:
        raise MemoryError()
    try:
        for i in range(n):
            row = rows[i]
            if len(row) != width:
                raise ValueError("own-feature rows differ in length")
            for k in range(width):
                out[i * width + k] = row[k]
    except BaseException:
        PyMem_Free(out)
        raise
    return out


cdef class _Layout:
    """Stage one's vector layout: own columns, then the neighbours' columns at each offset,
    then window means, then two page values."""

    cdef int width, n_near, n_offsets, n_window, n_widths
    cdef int* near
    cdef int* offsets
    cdef int* window
    cdef int* widths

    def __cinit__(self, int width, near, offsets, window, widths):
        self.width = width
        self.n_near, self.n_offsets = len(near), len(offsets)
        self.n_window, self.n_widths = len(window), len(widths)
        self.near = _ints(near)
        self.offsets = _ints(offsets)
        self.window = _ints(window)
        self.widths = _ints(widths)
        for c in (*near, *window):
            if not 0 <= c < width:
                raise ValueError("a column outside the own features")

    def __dealloc__(self):
        PyMem_Free(self.near)
        PyMem_Free(self.offsets)
        PyMem_Free(self.window)
        PyMem_Free(self.widths)

    cdef int size(self) noexcept nogil:
        return self.width + self.n_near * self.n_offsets + self.n_window * self.n_widths + 2


def stage_one(Forest forest, list own, int width, near, offsets, window, widths,
              double log_lines, double page_prose):
    """Stage one's probability of every line: ``own`` holds each line's own features
    (``width`` each); its vector is those, the ``near`` columns of the lines at ``offsets``
    (0 beyond the page), the means of the ``window`` columns over the lines within each of
    ``widths`` (the line left out), ``log_lines`` and ``page_prose``."""
    cdef _Layout layout = _Layout(width, near, offsets, window, widths)
    cdef Py_ssize_t n = len(own)
    cdef double* rows = _matrix(own, width)
    cdef int size = layout.size()
    cdef double* sums = <double*> PyMem_Malloc(max(1, (n + 1) * layout.n_window) * sizeof(double))
    cdef double* vector = <double*> PyMem_Malloc(max(1, size) * sizeof(double))
    cdef list out = [0.0] * n
    try:
        if not (sums and vector):
            raise MemoryError()
        if size < forest._width:
            raise ValueError("stage one's vectors are narrower than its trees read")
        _prefix_sums(rows, n, width, layout, sums)
        for i in range(n):
            _stage_one_vector(rows, n, i, layout, sums, log_lines, page_prose, vector)
            out[i] = _logistic(forest._margin(vector))
        return out
    finally:
        PyMem_Free(rows)
        PyMem_Free(sums)
        PyMem_Free(vector)


cdef void _prefix_sums(const double* rows, Py_ssize_t n, int width, _Layout layout,
                       double* sums) noexcept:
    cdef Py_ssize_t i
    cdef int k, m = layout.n_window
    for k in range(m):
        sums[k] = 0.0
    for i in range(n):
        for k in range(m):
            sums[(i + 1) * m + k] = sums[i * m + k] + rows[i * width + layout.window[k]]


cdef void _stage_one_vector(const double* rows, Py_ssize_t n, Py_ssize_t i, _Layout layout,
                            const double* sums, double log_lines, double page_prose,
                            double* vector) noexcept:
    cdef int width = layout.width, m = layout.n_window
    cdef int k, o, w, at = 0
    cdef Py_ssize_t j, low, high, count
    cdef const double* row = rows + i * width
    for k in range(width):
        vector[at] = row[k]
        at += 1
    for o in range(layout.n_offsets):
        j = i + layout.offsets[o]
        for k in range(layout.n_near):
            vector[at] = rows[j * width + layout.near[k]] if 0 <= j < n else 0.0
            at += 1
    for w in range(layout.n_widths):
        low = i - layout.widths[w] if i > layout.widths[w] else 0
        high = i + layout.widths[w] + 1
        if high > n:
            high = n
        count = high - low - 1
        for k in range(m):
            if count <= 0:
                vector[at] = 0.0
            else:
                vector[at] = (sums[high * m + k] - sums[low * m + k] - row[layout.window[k]]) / <double> count
            at += 1
    vector[at] = log_lines
    vector[at + 1] = page_prose


def stage_two(Forest forest, list own, int width, list first, offsets, widths, int reach,
              own_cols):
    """Stage two's probability of every line from stage one's (``first``): each line's
    vector is its probability, those at ``offsets`` (0 beyond the page), the means over the
    lines within each of ``widths`` (the line left out), the page's mean, the means before
    and after it, the highest of the ``reach`` lines before and after it, and its
    ``own_cols`` own features."""
    cdef Py_ssize_t n = len(first), i
    if len(own) != n:
        raise ValueError("stage one's probabilities and the own features differ in length")
    cdef int n_off = len(offsets), n_wid = len(widths), n_own = len(own_cols)
    cdef int size = 1 + n_off + n_wid + 5 + n_own
    if size < forest._width:
        raise ValueError("stage two's vectors are narrower than its trees read")
    cdef double* rows = _matrix(own, width)
    cdef double* p = <double*> PyMem_Malloc(max(1, n) * sizeof(double))
    cdef double* prefix = <double*> PyMem_Malloc((n + 1) * sizeof(double))
    cdef double* vector = <double*> PyMem_Malloc(size * sizeof(double))
    cdef int* off = NULL
    cdef int* wid = NULL
    cdef int* cols = NULL
    cdef list out = [0.0] * n
    try:
        if not (p and prefix and vector):
            raise MemoryError()
        off, wid, cols = _ints(offsets), _ints(widths), _ints(own_cols)
        for k in range(n_own):
            if not 0 <= cols[k] < width:
                raise ValueError("a column outside the own features")
        prefix[0] = 0.0
        for i in range(n):
            p[i] = first[i]
            prefix[i + 1] = prefix[i] + p[i]
        for i in range(n):
            _stage_two_vector(p, prefix, n, i, off, n_off, wid, n_wid, reach,
                              rows + i * width, cols, n_own, vector)
            out[i] = _logistic(forest._margin(vector))
        return out
    finally:
        PyMem_Free(rows)
        PyMem_Free(p)
        PyMem_Free(prefix)
        PyMem_Free(vector)
        PyMem_Free(off)
        PyMem_Free(wid)
        PyMem_Free(cols)


cdef void _stage_two_vector(const double* p, const double* prefix, Py_ssize_t n,
                            Py_ssize_t i, const int* off, int n_off, const int* wid,
                            int n_wid, int reach, const double* row, const int* cols,
                            int n_own, double* vector) noexcept:
    cdef int at = 0, k
    cdef Py_ssize_t j, low, high, count
    vector[at] = p[i]
    at += 1
    for k in range(n_off):
        j = i + off[k]
        vector[at] = p[j] if 0 <= j < n else 0.0
        at += 1
    for k in range(n_wid):
        low = i - wid[k] if i > wid[k] else 0
        high = i + wid[k] + 1
        if high > n:
            high = n
        count = high - low - 1
        vector[at] = (prefix[high] - prefix[low] - p[i]) / <double> count if count > 0 else 0.0
        at += 1
    vector[at] = prefix[n] / <double> n
    vector[at + 1] = prefix[i] / <double> i if i else 0.0
    vector[at + 2] = (prefix[n] - prefix[i + 1]) / <double> (n - i - 1) if i < n - 1 else 0.0
    vector[at + 3] = _highest(p, i - reach if i > reach else 0, i)
    vector[at + 4] = _highest(p, i + 1, i + 1 + reach if i + 1 + reach < n else n)
    at += 5
    for k in range(n_own):
        vector[at + k] = row[cols[k]]


cdef inline double _highest(const double* p, Py_ssize_t low, Py_ssize_t high) noexcept:
    # As ``max(p[low:high], default=0.0)``: the first of the highest values.
    cdef double best
    cdef Py_ssize_t j
    if low >= high:
        return 0.0
    best = p[low]
    for j in range(low + 1, high):
        if p[j] > best:
            best = p[j]
    return best
