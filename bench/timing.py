"""The query-timing loop the Python baselines share, so that every engine is timed
the same way as bench/engines times netra and raw tantivy: 3 untimed runs, then
up to RUNS timed ones (a class stops after 20 s once it has 10), p50/p95/p99 in
microseconds, one JSON line per query class."""
import json
import time


def time_classes(engine, queries, runs, run, extra=None):
    """Times `run(spec) -> total` for each query class in the file `queries`."""
    for spec in json.load(open(queries, encoding="utf-8")):
        for _ in range(3):
            total = run(spec)
        times = []
        start = time.perf_counter()
        for _ in range(runs):
            t = time.perf_counter()
            run(spec)
            times.append((time.perf_counter() - t) * 1e6)
            if time.perf_counter() - start > 20 and len(times) >= 10:
                break
        times.sort()

        def pct(p):
            return round(times[round((len(times) - 1) * p)], 1)

        print(json.dumps({"engine": engine, "class": spec["class"], "runs": len(times),
                          "total": total, "p50_us": pct(0.5), "p95_us": pct(0.95),
                          "p99_us": pct(0.99), **(extra or {})}))
