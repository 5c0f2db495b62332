"""Whole-index facet counts: how long `netra facets FIELD` takes on an index.

    python3 bench/facets/run.py --index target/bench/export-generated-1000000 --name generated-1000000
    python3 bench/facets/run.py --index index --netra target/release/netra --runs 7

Times each field's whole hierarchy (region: provinces, regencies and cities,
districts; official and leader: roles and people; pledge types) as a user runs it:
process start to printed counts, page cache warm. Medians of --runs. Results:
bench/results/facets-<name>.md.
"""
import argparse
import datetime
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import run as bench  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", required=True)
    ap.add_argument("--netra", default=bench.NETRA)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--name", default="index")
    args = ap.parse_args()
    rows = []
    for field in ("region", "official", "leader", "pledge"):
        cmd = [args.netra, "facets", field, "--index", args.index]
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            times.append((time.perf_counter() - start) * 1000)
        rows.append((field, statistics.median(times)))
        bench.log(f"{field}: {rows[-1][1]:.0f} ms")
    lines = [f"### netra facets, whole hierarchy: {args.name}", "",
             f"{datetime.date.today()}; {bench.machine()}. Medians of {args.runs} runs, "
             "process start to printed counts.", "",
             "| field | ms |", "|---|---:|"]
    lines += [f"| {f} | {ms:.0f} |" for f, ms in rows]
    text = "\n".join(lines) + "\n"
    path = os.path.join(bench.ROOT, "bench", "results", f"facets-{args.name}.md")
    open(path, "w").write(text)
    print(text)


if __name__ == "__main__":
    main()
