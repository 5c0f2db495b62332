"""How long `netra export` takes and how much memory it holds, at scale.

    cargo build --release --bin netra --example engines
    python3 bench/export/run.py --articles 1000000      # generated corpus
    python3 bench/export/run.py                          # the 28k real corpus

Indexes the corpus with netra (or reuses the index an earlier run left in
target/bench/export-<name>/), then times three exports of it: every article with
the default columns as CSV (newest first), every article with its body as JSON
Lines (what indexes again), and the matches of a common word as CSV, best first.
Figures: wall time, rows per second, output size, peak RSS and peak anonymous
RSS (the process's own memory; file pages of the index it maps are in the first,
not the second). Results: bench/results/export-<name>.md and .json.
"""
import argparse
import datetime
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import run as bench  # noqa: E402  (bench/run.py: corpus, timing, machine facts)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, help="generate this many articles")
    ap.add_argument("--corpus", help="a JSONL(.gz) corpus")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--work", default=os.path.join(bench.ROOT, "target", "bench"))
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    corpus, label, n = bench.prepare_corpus(args, args.work)
    name = f"generated-{args.articles}" if args.articles else "real"
    index = os.path.join(args.work, f"export-{name}")
    stamp = os.path.join(index, "bench.label")
    if os.path.exists(stamp) and open(stamp).read() == label:
        bench.log(f"index: reusing {index}")
    else:
        bench.log(f"index: {n:,} articles into {index}")
        wall, _, _, _ = bench.timed([bench.NETRA, "index", corpus, "--index", index,
                                     "--rebuild", "--quiet", "--memory", "512"], ok=(0, 1))
        bench.log(f"index: {wall:.0f} s")
        open(stamp, "w").write(label)
    out = os.path.join(args.work, "export-out")
    runs = [
        ("every article, default columns, CSV, newest first",
         ["export", "--index", index, "--quiet", "-o", out + ".csv"], out + ".csv"),
        ("every article with its body, JSON Lines",
         ["export", "--index", index, "--quiet", "--format", "jsonl", "--fields", "body",
          "-o", out + ".jsonl"], out + ".jsonl"),
        ("matches of a common word, CSV, best first",
         ["export", "netralitas", "--index", index, "--quiet", "--sort", "relevance",
          "-o", out + "-q.csv"], out + "-q.csv"),
    ]
    results = []
    for what, cmd, path in runs:
        bench.log(f"export: {what}")
        wall, rss, anon, err = bench.timed([bench.NETRA] + cmd)
        rows = int(err.split("exported ")[1].split(" ")[0])
        size = os.path.getsize(path) / 1e6
        results.append({"what": what, "rows": rows, "wall_s": wall, "rows_per_s": rows / wall,
                        "output_mb": size, "peak_rss_mb": rss, "peak_anon_mb": anon})
        os.remove(path)
    m = bench.machine()
    lines = [f"### netra export: {label}", "",
             f"{datetime.date.today()}; {m}. One run each.", "",
             "| export | rows | wall s | rows/s | output MB | peak RSS MB | peak anonymous MB |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r['what']} | {r['rows']:,} | {r['wall_s']:.1f} | {r['rows_per_s']:,.0f} "
                     f"| {r['output_mb']:.0f} | {r['peak_rss_mb']:.0f} | {r['peak_anon_mb']:.0f} |")
    text = "\n".join(lines) + "\n"
    os.makedirs(os.path.join(bench.ROOT, "bench", "results"), exist_ok=True)
    base = os.path.join(bench.ROOT, "bench", "results", f"export-{name}")
    open(base + ".md", "w").write(text)
    json.dump({"label": label, "machine": m, "results": results}, open(base + ".json", "w"), indent=1)
    print(text)


if __name__ == "__main__":
    main()
