#!/usr/bin/env python3
"""Summarise a `cargo bench -p gen-benches` run as markdown tables.

Reads criterion's output, `<criterion dir>/<group>/<benchmark>/new/estimates.json`
(plus the `benchmark.json` beside it for the real group and benchmark names), and the
`sizes.json` the bench writes next to it, then prints:

1. workload, contender, median time, ratio to the `hand` contender of the same workload;
2. the `size_of` of each contender's generator value, per workload.

Usage: python3 benches/report.py [--dir target/criterion] [--baseline hand] [--readme]

`--readme` prints the README's form instead: one row of ratios per workload, and the
sizes.

The criterion directory defaults to $CRITERION_HOME, else $CARGO_TARGET_DIR/criterion,
else `target/criterion` in the workspace root (the parent of this script's folder).
Standard library only.
"""

import argparse
import datetime
import glob
import json
import os
import sys

# Contenders in the order the tables show them; anything else follows, sorted.
ORDER = [
    "hand", "hand_yield_order", "hand_states", "std", "futures_unfold", "gen_runtime",
    "gen_runtime_update_first", "genawaiter", "next_gen", "corosensei", "async_stream",
]


def default_dir():
    if os.environ.get("CRITERION_HOME"):
        return os.environ["CRITERION_HOME"]
    if os.environ.get("CARGO_TARGET_DIR"):
        return os.path.join(os.environ["CARGO_TARGET_DIR"], "criterion")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return os.path.join(root, "target", "criterion")


def contender_key(name):
    return (ORDER.index(name), "") if name in ORDER else (len(ORDER), name)


def fmt_time(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def load_estimates(crit_dir):
    """{group: {contender: (median_ns, lo_ns, hi_ns, mtime)}}"""
    results = {}
    pattern = os.path.join(crit_dir, "*", "*", "new", "estimates.json")
    for path in sorted(glob.glob(pattern)):
        new_dir = os.path.dirname(path)
        bench_dir = os.path.dirname(new_dir)
        group = os.path.basename(os.path.dirname(bench_dir))
        contender = os.path.basename(bench_dir)
        meta_path = os.path.join(new_dir, "benchmark.json")
        if os.path.exists(meta_path):
            with open(meta_path, encoding="utf-8") as f:
                meta = json.load(f)
            group = meta.get("group_id") or group
            contender = meta.get("function_id") or contender
        with open(path, encoding="utf-8") as f:
            est = json.load(f)
        median = est["median"]
        ci = median.get("confidence_interval", {})
        results.setdefault(group, {})[contender] = (
            median["point_estimate"],
            ci.get("lower_bound"),
            ci.get("upper_bound"),
            os.path.getmtime(path),
        )
    return results


def time_table(results, baseline, run_started=None):
    """Rows written before `run_started` (unix seconds) come from an earlier run: marked †."""
    lines = [
        f"| workload | contender | median | 95% CI of median | ratio to `{baseline}` |",
        "|---|---|---:|---:|---:|",
    ]
    for group in sorted(results):
        rows = results[group]
        base = rows.get(baseline)
        for contender in sorted(rows, key=contender_key):
            median, lo, hi, mtime = rows[contender]
            ci = f"{fmt_time(lo)} – {fmt_time(hi)}" if lo is not None and hi is not None else ""
            ratio = f"{median / base[0]:.2f}×" if base else "n/a"
            stale = run_started is not None and mtime < run_started
            mark = " †" if stale else ""
            lines.append(f"| {group} | {contender}{mark} | {fmt_time(median)} | {ci} | {ratio} |")
    return "\n".join(lines)


def ratio_table(results, baseline, highlight="gen_runtime"):
    """One row per workload, one column per contender but the baseline: the ratios (the
    README's table)."""
    contenders = sorted(
        {c for rows in results.values() for c in rows if c != baseline}, key=contender_key
    )
    lines = [
        "| workload | " + " | ".join(contenders) + " |",
        "|---|" + "---:|" * len(contenders),
    ]
    for group in sorted(results):
        rows = results[group]
        base = rows.get(baseline)
        cells = []
        for c in contenders:
            if c not in rows or not base:
                cells.append("—")
                continue
            cell = f"{rows[c][0] / base[0]:.2f}×"
            cells.append(f"**{cell}**" if c == highlight else cell)
        lines.append(f"| {group} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def size_table(sizes):
    table = sizes.get("sizes", {})
    contenders = sorted({c for row in table.values() for c in row}, key=contender_key)
    lines = [
        "| workload | " + " | ".join(contenders) + " |",
        "|---|" + "---:|" * len(contenders),
    ]
    for workload in sorted(table):
        row = table[workload]
        cells = [str(row[c]) if c in row else "—" for c in contenders]
        lines.append(f"| {workload} | " + " | ".join(cells) + " |")
    notes = sizes.get("notes", {})
    if notes:
        lines.append("")
        for k in sorted(notes, key=contender_key):
            lines.append(f"- `{k}`: {notes[k]}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", default=default_dir(), help="criterion output directory")
    parser.add_argument("--baseline", default="hand", help="contender the ratios divide by")
    parser.add_argument(
        "--readme",
        action="store_true",
        help="print only the ratio table and the sizes, as the README shows them",
    )
    args = parser.parse_args()

    results = load_estimates(args.dir)
    if not results:
        print(f"no criterion estimates under {args.dir}/*/*/new/estimates.json", file=sys.stderr)
        print("run: cargo bench -p gen-benches", file=sys.stderr)
        return 1

    sizes_path = os.path.join(args.dir, "sizes.json")
    sizes = None
    if os.path.exists(sizes_path):
        with open(sizes_path, encoding="utf-8") as f:
            sizes = json.load(f)
    run_started = sizes.get("run_started_unix") if sizes else None

    mtimes = [r[3] for rows in results.values() for r in rows.values()]
    first, last = (datetime.datetime.fromtimestamp(t) for t in (min(mtimes), max(mtimes)))
    stale = run_started is not None and min(mtimes) < run_started

    if args.readme:
        print(ratio_table(results, args.baseline))
        if sizes:
            print()
            print(size_table({"sizes": sizes.get("sizes", {})}))
        return 0

    print("## Time per workload (median of criterion's samples)")
    print()
    print(time_table(results, args.baseline, run_started))
    print()
    print(f"Estimates written between {first:%Y-%m-%d %H:%M} and {last:%Y-%m-%d %H:%M}.")
    if stale:
        began = datetime.datetime.fromtimestamp(run_started)
        print(
            f"† written before the latest run began ({began:%Y-%m-%d %H:%M}):"
            " left over from an earlier run, possibly with other sizes."
        )

    if sizes is not None:
        print()
        print("## `size_of` the generator value, in bytes")
        print()
        print(size_table(sizes))
        divisor = sizes.get("divisor")
        if divisor and divisor != 1:
            print()
            print(f"(sizes.json written by a run with sizes divided by {divisor})")
    else:
        print(f"\n(no {sizes_path}: the size table needs a run of the bench)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
