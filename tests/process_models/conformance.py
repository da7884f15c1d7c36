"""One conformance check every process model passes (CONVENTIONS.md #8).

``check_model(func, kwargs, bounds)`` calls ``func`` with scalar keyword
arguments and with the same arguments broadcast to arrays (and perturbed
arrays), and asserts:

* scalar and array calls agree element-wise (vectorisation),
* no NaN or inf in any output,
* every named output lies inside its physical bounds (e.g. densities in
  (0, 1], thicknesses > 0),
* two identical calls give identical results (determinism, no hidden state).

``func`` may return an array, a float, or a NamedTuple of arrays. ``bounds``
maps an output field name (or ``"value"`` for a bare array) to
``(low, high, low_inclusive, high_inclusive)``; ``None`` means unbounded.
"""

from __future__ import annotations

import numpy as np


def _fields(result):
    if hasattr(result, "_asdict"):
        return {k: np.asarray(v) for k, v in result._asdict().items()}
    return {"value": np.asarray(result)}


def _check_bounds(name, arr, bound):
    low, high, low_inc, high_inc = bound
    if arr.dtype.kind in "fc":
        assert np.all(np.isfinite(arr)), f"{name}: non-finite values {arr}"
    if low is not None:
        ok = arr >= low if low_inc else arr > low
        assert np.all(ok), f"{name}: values below {low}: {arr[~ok]}"
    if high is not None:
        ok = arr <= high if high_inc else arr < high
        assert np.all(ok), f"{name}: values above {high}: {arr[~ok]}"


def check_model(func, kwargs, bounds, n=5, rel_spread=0.05, static=()):
    """Run the conformance check on ``func``.

    Parameters
    ----------
    func : callable
        The model.
    kwargs : dict
        Scalar keyword arguments giving a physically sensible operating point.
    bounds : dict
        Output name -> (low, high, low_inclusive, high_inclusive).
    n : int
        Array length for the vectorised call.
    rel_spread : float
        Relative perturbation applied across the array of numeric inputs [-].
    static : iterable of str
        Keyword names that are not broadcast (strings, parameter sets, flags).
    """
    scalar = _fields(func(**kwargs))
    for name, arr in scalar.items():
        if name in bounds:
            _check_bounds(name, arr, bounds[name])

    # Perturbed arrays: element i uses factor f_i; each element must equal the
    # scalar call at that factor.
    factors = 1.0 + rel_spread * np.linspace(-1.0, 1.0, n)
    arr_kwargs = {}
    for k, v in kwargs.items():
        if k in static or isinstance(v, (str, bool, np.bool_)) or v is None or not np.isscalar(v):
            arr_kwargs[k] = v
        else:
            arr_kwargs[k] = np.full(n, float(v)) * factors
    vec = _fields(func(**arr_kwargs))
    vec2 = _fields(func(**arr_kwargs))
    for name in vec:
        np.testing.assert_array_equal(vec[name], vec2[name], err_msg=f"{name}: not deterministic")
        if name in bounds:
            _check_bounds(name, vec[name], bounds[name])
    for i, f in enumerate(factors):
        one = {
            k: (float(v) * f if k in arr_kwargs and isinstance(arr_kwargs[k], np.ndarray) else v)
            for k, v in kwargs.items()
        }
        single = _fields(func(**one))
        for name in single:
            np.testing.assert_allclose(
                np.broadcast_to(vec[name], (n,))[i], single[name], rtol=1e-10, atol=0,
                err_msg=f"{name}: array element {i} differs from the scalar call",
            )
    return scalar
