"""Reference implementation of Workbench feature specs: numpy only.

Applies the JSON form of a ``FeatureSpec`` (``FeatureSpec.canonicalJSON`` in Swift, the
string a model file stores) to a table exactly as the Swift ``Features`` library does, so a
model trained by ``workbench train --feature-spec`` can be scored from Python. The transforms
and their definitions are documented in docs/features.md; the parity test
(Tests/FeaturesTests/PythonParityTests.swift) checks every transform against Swift.

    import workbench_features as wf
    spec = wf.load_spec(json_text)                       # dict form, defaults filled in
    names, matrix = wf.apply(spec, columns)              # columns: {name: numpy array or list of str}

Command line (writes the feature columns as CSV, in input row order):

    python3 workbench_features.py SPEC.json DATA.csv OUTPUT.csv [--exclude COLUMN ...]

Semantics (identical to Swift):
- rows are ordered by (group, time), ties keeping input order; outputs return in input order;
- a row's trailing window is (t - w, t] within its group, in that order: the first row j of the
  group with ``t[j] > t[i] - w`` up to the row itself; NaN and +-inf are ignored;
- mean/std/min/max/median/robust z need ``min_count`` finite values (std at least 2);
- robust z = (x - median) / max(1.4826 * MAD, epsilon * max(|median|, 1));
- seasonal residual: x minus the value of the latest earlier row of the group with time in
  [t - period - tolerance, t - period];
- calendar: UTC hour of day (fractional) and day of week (Monday 0) as sin/cos of the angle
  ``2 * pi * value / period``; ratio: NaN where the denominator is 0.
"""

import argparse
import csv
import json
import math
import re
import sys
import warnings

import numpy as np

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_KINDS = ("raw", "lag", "diff", "rolling", "seasonal_residual", "robust_z", "calendar", "ratio")
_CHUNK_CELLS = 1 << 22


class FeatureSpecError(ValueError):
    """The spec or the data does not fit (the Swift FeatureError)."""


def duration_seconds(text):
    """Seconds of a duration such as ``5m``, ``1h``, ``1d``, ``1w``."""
    match = re.fullmatch(r"([0-9]{1,8})([smhdw])", str(text))
    if not match or int(match.group(1)) < 1:
        raise FeatureSpecError(f"'{text}' is not a duration like 5m, 1h, 1d")
    return int(match.group(1)) * _UNITS[match.group(2)]


def duration_text(seconds):
    """Canonical text of a duration: the largest unit dividing it evenly."""
    for suffix, size in sorted(_UNITS.items(), key=lambda item: -item[1]):
        if seconds % size == 0:
            return f"{seconds // size}{suffix}"
    raise AssertionError("unreachable")


def load_spec(text):
    """Parses the JSON form (text or its dict) and fills every default (as Swift does)."""
    raw = json.loads(text) if isinstance(text, (str, bytes)) else text
    if raw.get("loaded"):
        return raw
    spec = {"time": raw["time"], "group": raw.get("group"), "exclude": list(raw.get("exclude", [])),
            "transforms": [], "loaded": True}
    for index, item in enumerate(raw["transforms"]):
        kind = item.get("kind")
        if kind not in _KINDS:
            raise FeatureSpecError(f"transforms[{index}].kind: '{kind}' is not one of {', '.join(_KINDS)}")
        t = {"kind": kind, "columns": item.get("columns")}
        if kind in ("lag", "diff"):
            t["rows"] = int(item.get("rows", 1))
        elif kind == "rolling":
            t["stats"] = list(item["stats"])
            t["window"] = duration_seconds(item["window"])
            t["min_count"] = int(item.get("min_count", 1))
        elif kind == "seasonal_residual":
            t["period"] = duration_seconds(item["period"])
            t["tolerance"] = duration_seconds(item["tolerance"]) if item.get("tolerance") else 0
        elif kind == "robust_z":
            t["window"] = duration_seconds(item["window"])
            t["min_count"] = int(item.get("min_count", 1))
            t["epsilon"] = float(item.get("epsilon", 1e-6))
        elif kind == "calendar":
            t["fields"] = list(item.get("fields", ["hour_of_day", "day_of_week"]))
        elif kind == "ratio":
            t["numerator"], t["denominator"] = item["numerator"], item["denominator"]
        spec["transforms"].append(t)
    return spec


# ---------------------------------------------------------------- time and order

_ISO = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
    r"(?:[Tt ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]{1,9}))?)?"
    r"(?:([Zz])|([+-])([0-9]{2})(?::?([0-9]{2}))?)?)?")


def _days_from_civil(year, month, day):
    y = year - 1 if month <= 2 else year
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (month - 3 if month > 2 else month + 9) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def parse_iso8601(text):
    """Seconds since the epoch for ISO 8601 text (UTC without a zone), or None."""
    match = _ISO.fullmatch(text)
    if not match:
        return None
    year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days_in = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    if not 1 <= month <= 12 or not 1 <= day <= days_in[month - 1]:
        return None
    seconds = _days_from_civil(year, month, day) * 86400
    fraction = 0.0
    if match.group(4) is not None:
        hour, minute = int(match.group(4)), int(match.group(5))
        second = int(match.group(6)) if match.group(6) else 0
        if hour >= 24 or minute >= 60 or second >= 60:
            return None
        seconds += hour * 3600 + minute * 60 + second
        if match.group(7):
            fraction = int(match.group(7)) / 10 ** len(match.group(7))
        if match.group(9):
            hours, minutes = int(match.group(10)), int(match.group(11) or 0)
            if hours > 23 or minutes >= 60:
                return None
            seconds -= (1 if match.group(9) == "+" else -1) * (hours * 3600 + minutes * 60)
    return float(seconds) + fraction


def _is_numeric(values):
    return isinstance(values, np.ndarray) and values.dtype.kind in "fiu"


def time_seconds(values, name):
    """The time column as float64 epoch seconds."""
    if _is_numeric(values):
        times = np.asarray(values, dtype=np.float64)
        bad = np.flatnonzero(~np.isfinite(times))
        if bad.size:
            raise FeatureSpecError(f"Time column '{name}' is empty at row {bad[0] + 1}; every row needs a time.")
        return times
    times = np.empty(len(values))
    for row, text in enumerate(values):
        parsed = parse_iso8601(text) if text is not None else None
        if parsed is None:
            raise FeatureSpecError(f"Time column '{name}' row {row + 1} is {text!r}; expected epoch seconds or ISO 8601.")
        times[row] = parsed
    return times


def row_order(times, group_values):
    """(order, group ranges): rows sorted by (group, time, input position)."""
    n = len(times)
    if group_values is None:
        ids = np.zeros(n, dtype=np.int64)
    else:
        numbers = {}
        ids = np.empty(n, dtype=np.int64)
        numeric = _is_numeric(group_values)
        for row, value in enumerate(group_values):
            if numeric:
                value = float(value)
                key = "nan" if math.isnan(value) else value + 0.0
            else:
                key = value
            ids[row] = numbers.setdefault(key, len(numbers))
    order = np.lexsort((np.arange(n), times, ids))
    sorted_ids = ids[order]
    edges = np.flatnonzero(np.diff(sorted_ids)) + 1
    bounds = np.concatenate(([0], edges, [n])) if n else np.array([0])
    return order, [(int(bounds[k]), int(bounds[k + 1])) for k in range(len(bounds) - 1)]


def window_starts(times, groups, window):
    """First sorted position of each row's window (t - window, t] within its group."""
    starts = np.empty(len(times), dtype=np.int64)
    for lo, hi in groups:
        t = times[lo:hi]
        starts[lo:hi] = lo + np.searchsorted(t, t - float(window), side="right")
    return starts


# ---------------------------------------------------------------- kernels (sorted order)

def _windows(x, starts, rows):
    """A (len(rows), width) matrix of each row's window values, NaN-padded (non-finite -> NaN)."""
    width = int((rows - starts[rows]).max()) + 1 if rows.size else 1
    index = rows[:, None] - np.arange(width)[None, :]
    valid = index >= starts[rows][:, None]
    values = x[np.where(valid, index, 0)]
    values = np.where(valid & np.isfinite(values), values, np.nan)
    return values


def _chunks(n, starts):
    """Row blocks whose padded window matrices hold about _CHUNK_CELLS values."""
    widest = int((np.arange(n) - starts).max()) + 1 if n else 1
    step = max(1, _CHUNK_CELLS // widest)
    for position in range(0, n, step):
        yield np.arange(position, min(n, position + step))


def _median_rows(w, count):
    """Median of each row's finite values (NaN sorts last): the middle value, or the mean of the
    middle two, as Swift computes it; rows with count 0 give garbage that callers mask."""
    ordered = np.sort(w, axis=1)
    rows = np.arange(w.shape[0])
    low = np.maximum(count - 1, 0) // 2
    high = np.maximum(count, 1) // 2
    odd = count % 2 == 1
    return np.where(odd, ordered[rows, low], (ordered[rows, low] + ordered[rows, high]) / 2)


def rolling(x, starts, stat, min_count, epsilon=None):
    """Rolling statistic in sorted order; stat in mean, std, min, max, median, robust_z."""
    n = len(x)
    out = np.full(n, np.nan)
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        for rows in _chunks(n, starts):
            w = _windows(x, starts, rows)
            count = np.isfinite(w).sum(axis=1)
            if stat == "mean":
                value = np.nansum(w, axis=1) / count
                need = min_count
            elif stat == "std":
                mean = np.nansum(w, axis=1) / count
                value = np.sqrt(np.nansum((w - mean[:, None]) ** 2, axis=1) / (count - 1))
                need = max(2, min_count)
            elif stat == "min":
                value, need = np.nanmin(w, axis=1), min_count
            elif stat == "max":
                value, need = np.nanmax(w, axis=1), min_count
            elif stat == "median":
                value, need = _median_rows(w, count), min_count
            elif stat == "robust_z":
                median = _median_rows(w, count)
                mad = _median_rows(np.abs(w - median[:, None]), count)
                scale = np.maximum(1.4826 * mad, epsilon * np.maximum(np.abs(median), 1.0))
                current = x[rows]
                value = np.where(np.isfinite(current), (current - median) / scale, np.nan)
                need = min_count
            else:
                raise FeatureSpecError(f"unknown rolling statistic '{stat}'")
            out[rows] = np.where(count >= max(need, 1), value, np.nan)
    return out


def shift(x, groups, rows, difference):
    out = np.full(len(x), np.nan)
    for lo, hi in groups:
        if hi - lo > rows:
            earlier = x[lo:hi - rows]
            out[lo + rows:hi] = x[lo + rows:hi] - earlier if difference else earlier
    return out


def seasonal_residual(x, times, groups, period, tolerance):
    out = np.full(len(x), np.nan)
    for lo, hi in groups:
        t = times[lo:hi]
        target = t - float(period)
        j = np.searchsorted(t, target, side="right") - 1
        ok = (j >= 0) & (t[np.maximum(j, 0)] >= target - float(tolerance))
        idx = np.flatnonzero(ok)
        out[lo + idx] = x[lo + idx] - x[lo + j[idx]]
    return out


def calendar(times, field):
    days = np.floor(times / 86400)
    if field == "hour_of_day":
        angle = 2 * np.pi * ((times - days * 86400) / 3600) / 24
    else:
        angle = 2 * np.pi * np.mod(days + 3, 7) / 7
    return np.sin(angle), np.cos(angle)


# ---------------------------------------------------------------- apply

def plan(spec, columns, excluding=()):
    """[(name, kind, inputs, transform)] for the columns at hand, checked as Swift checks them."""
    available = list(columns)
    for role, name in (("time", spec["time"]), ("group", spec.get("group"))):
        if name is not None and name not in columns:
            raise FeatureSpecError(f"The feature spec names {role} column '{name}', which the data set lacks.")
    skipped = set(excluding) | set(spec["exclude"]) | {spec["time"]} | ({spec["group"]} if spec.get("group") else set())
    defaults = [name for name in available if _is_numeric(columns[name]) and name not in skipped]
    outputs = []
    for index, t in enumerate(spec["transforms"]):
        kind = t["kind"]
        if kind == "calendar":
            for field in t["fields"]:
                for part in ("sin", "cos"):
                    outputs.append((f"{spec['time']}:{field}_{part}", kind, [], dict(t, field=field, part=part)))
            continue
        inputs = [t["numerator"], t["denominator"]] if kind == "ratio" else (t["columns"] or defaults)
        if not inputs:
            raise FeatureSpecError(f"transforms[{index}] ({kind}) has no numeric columns to read.")
        for name in inputs:
            if name not in columns:
                raise FeatureSpecError(f"The feature spec names input column '{name}', which the data set lacks.")
            if not _is_numeric(columns[name]) or name in skipped:
                raise FeatureSpecError(f"transforms[{index}] ({kind}) cannot read column '{name}'.")
        if kind == "ratio":
            outputs.append((f"{inputs[0]}:ratio_to:{inputs[1]}", kind, inputs, t))
        for name in inputs if kind != "ratio" else []:
            if kind == "raw":
                outputs.append((name, kind, [name], t))
            elif kind in ("lag", "diff"):
                outputs.append((f"{name}:{kind}_{t['rows']}", kind, [name], t))
            elif kind == "rolling":
                for stat in t["stats"]:
                    outputs.append((f"{name}:rolling_{stat}_{duration_text(t['window'])}", kind, [name],
                                    dict(t, stat=stat)))
            elif kind == "seasonal_residual":
                outputs.append((f"{name}:seasonal_residual_{duration_text(t['period'])}", kind, [name], t))
            elif kind == "robust_z":
                outputs.append((f"{name}:robust_z_{duration_text(t['window'])}", kind, [name], t))
    names = [output[0] for output in outputs]
    if len(set(names)) != len(names):
        raise FeatureSpecError("Two transforms produce the same feature name.")
    return outputs


def apply(spec, columns, excluding=()):
    """(names, matrix): the feature columns of ``columns`` (a dict of numpy arrays or lists of
    str/None), one row per input row, in input order. ``spec``: JSON text, its dict, or
    ``load_spec``'s result."""
    spec = load_spec(spec)
    outputs = plan(spec, columns, excluding)
    times = time_seconds(columns[spec["time"]], spec["time"])
    group = columns.get(spec["group"]) if spec.get("group") else None
    order, groups = row_order(times, group)
    sorted_times = times[order]
    n = len(times)
    sorted_columns, starts_cache = {}, {}

    def sorted_values(name):
        if name not in sorted_columns:
            sorted_columns[name] = np.asarray(columns[name], dtype=np.float64)[order]
        return sorted_columns[name]

    def starts(window):
        if window not in starts_cache:
            starts_cache[window] = window_starts(sorted_times, groups, window)
        return starts_cache[window]

    def unsort(values):
        result = np.empty(n)
        result[order] = values
        return result

    matrix = np.empty((n, len(outputs)))
    for k, (name, kind, inputs, t) in enumerate(outputs):
        if kind == "raw":
            matrix[:, k] = np.asarray(columns[inputs[0]], dtype=np.float64)
        elif kind in ("lag", "diff"):
            matrix[:, k] = unsort(shift(sorted_values(inputs[0]), groups, t["rows"], kind == "diff"))
        elif kind == "rolling":
            matrix[:, k] = unsort(rolling(sorted_values(inputs[0]), starts(t["window"]), t["stat"], t["min_count"]))
        elif kind == "robust_z":
            matrix[:, k] = unsort(rolling(sorted_values(inputs[0]), starts(t["window"]), "robust_z",
                                          t["min_count"], t["epsilon"]))
        elif kind == "seasonal_residual":
            matrix[:, k] = unsort(seasonal_residual(sorted_values(inputs[0]), sorted_times, groups,
                                                    t["period"], t["tolerance"]))
        elif kind == "calendar":
            sine, cosine = calendar(times, t["field"])
            matrix[:, k] = sine if t["part"] == "sin" else cosine
        elif kind == "ratio":
            numerator = np.asarray(columns[inputs[0]], dtype=np.float64)
            denominator = np.asarray(columns[inputs[1]], dtype=np.float64)
            with np.errstate(divide="ignore", invalid="ignore"):
                matrix[:, k] = np.where(denominator == 0, np.nan, numerator / denominator)
    return [output[0] for output in outputs], matrix


def read_csv(path):
    """{name: column}: a column is numeric (float64, empty = NaN) when every non-empty cell parses."""
    with open(path, newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        cells = [[] for _ in header]
        for row in reader:
            for j, value in enumerate(row):
                cells[j].append(value)
    columns = {}
    for name, values in zip(header, cells):
        try:
            columns[name] = np.array([float(v) if v != "" else np.nan for v in values], dtype=np.float64)
        except ValueError:
            columns[name] = [v if v != "" else None for v in values]
    return columns


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec", help="feature spec JSON file")
    parser.add_argument("data", help="CSV file")
    parser.add_argument("output", help="CSV file to write")
    parser.add_argument("--exclude", action="append", default=[], help="column no transform may read")
    args = parser.parse_args(argv)
    with open(args.spec) as handle:
        spec = load_spec(handle.read())
    names, matrix = apply(spec, read_csv(args.data), args.exclude)
    with open(args.output, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        for row in matrix:
            writer.writerow(["" if math.isnan(v) else repr(float(v)) for v in row])


if __name__ == "__main__":
    sys.exit(main())
