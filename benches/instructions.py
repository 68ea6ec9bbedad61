#!/usr/bin/env python3
"""Instruction counts of the hand-written and gen_runtime contenders, under callgrind.

Times on a shared machine wander; instruction counts repeat exactly for the same binary
and inputs, so they tell whether a change to the expansion made the generated code do
more or less work. Each contender runs once (`GEN_BENCH_RUN`), with the sizes divided
by `--div` (default 10); callgrind counts only inside the bench's `measured` function,
so building the inputs is not counted.

    python3 benches/instructions.py [--div N]
    python3 benches/instructions.py --expand [--times N]

`--expand` counts the macro instead: the expansion bench's two 300-line bodies, each
expanded `--times` times (default 20), the whole process counted.

Needs valgrind. Builds the bench binary first (`cargo bench --no-run`).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

WORKLOADS = ["a_fibonacci", "b_filter_map", "c_tree_inorder", "d_buffer64", "e_create_many", "f_resume_sum",
             "g_loop_then_tail", "h_tree_then_count", "i_stream_await", "j_lines", "k_select_loop"]


# The other shapes of the same workloads (`shapes` in benches/generators.rs), each against
# its workload's hand-written iterator; for (j) and (k), the peers.
SHAPES = {
    "a_fibonacci": ["gen_runtime_while", "gen_runtime_loop_break"],
    "b_filter_map": ["gen_runtime_while", "gen_runtime_continue"],
    "c_tree_inorder": ["gen_runtime_while_let", "gen_runtime_let_else"],
    "d_buffer64": ["gen_runtime_iter", "gen_runtime_while"],
    "g_loop_then_tail": ["gen_runtime_while"],
    "h_tree_then_count": ["gen_runtime_while_let", "gen_runtime_let_else"],
    # Not shapes: the other contenders of (j) and (k), for their ratios to the same hand.
    "j_lines": ["gen_runtime_stream", "genawaiter", "next_gen", "async_stream"],
    "k_select_loop": ["async_stream"],
}


def bench_binary(name="generators"):
    out = subprocess.run(
        ["cargo", "bench", "-p", "gen-benches", "--bench", name, "--no-run",
         "--message-format=json"],
        check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        msg = json.loads(line)
        if msg.get("reason") == "compiler-artifact" and msg["target"]["name"] == name \
                and msg.get("executable"):
            return msg["executable"]
    sys.exit("instructions.py: no bench executable in cargo's output")


def callgrind_total(exe, env, what, only=None):
    """The instructions callgrind counts running `exe` with `env` added (`only`: a
    function pattern outside which nothing is counted)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "callgrind.out")
        toggle = [f"--toggle-collect={only}"] if only else []
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *toggle, exe],
            check=True, env=dict(os.environ, **env), capture_output=True)
        with open(out) as f:
            for line in f:
                m = re.match(r"summary:\s+(\d+)", line) or re.match(r"totals:\s+(\d+)", line)
                if m:
                    return int(m.group(1))
    sys.exit(f"instructions.py: no total for {what}")


def count_expansion(times):
    exe = bench_binary("expand")
    return callgrind_total(exe, {"GEN_EXPAND_COUNT": str(times)}, "the expansion")


def count(exe, which, div):
    env = {"GEN_BENCH_RUN": which, "GEN_BENCH_DIV": str(div)}
    return callgrind_total(exe, env, which, only="*measured*")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--div", type=int, default=10, help="divide the workload sizes by N")
    ap.add_argument("--expand", action="store_true", help="count the expansion bench instead")
    ap.add_argument("--times", type=int, default=20, help="with --expand: expansions per body")
    args = ap.parse_args()
    if args.expand:
        n = count_expansion(args.times)
        print(f"Instructions (callgrind) to expand each 300-line body {args.times} times: {n:,}")
        return
    exe = bench_binary()
    print(f"Instructions (callgrind), sizes divided by {args.div}:\n")
    print("| workload | hand | gen_runtime | ratio |")
    print("|---|---:|---:|---:|")
    for w in WORKLOADS:
        h = count(exe, f"{w}/hand", args.div)
        g = count(exe, f"{w}/gen_runtime", args.div)
        print(f"| {w} | {h:,} | {g:,} | {g / h:.2f}× |")
        for shape in SHAPES.get(w, []):
            g = count(exe, f"{w}/{shape}", args.div)
            print(f"| {w} ({shape.removeprefix('gen_runtime_').replace('_', ' ')}) | {h:,} | {g:,} | {g / h:.2f}× |")


if __name__ == "__main__":
    main()
