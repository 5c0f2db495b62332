"""Load on `netra serve`: many concurrent clients, mixed searches with facets.

    cargo build --release --bin netra
    python3 bench/serve/load.py --index target/bench/netra --name real-28k
    python3 bench/serve/load.py --index target/bench/export-generated-1000000 --name generated-1000000

Starts `netra serve` on a free loopback port, then runs --clients threads (64) for
--seconds (20), each sending requests from a fixed mix over one kept-alive
connection: the search page (hits, facet sidebar, timeline, map), /api/search with
facet counts, /api/facets for the official tree, filters by region and pledge.
`--mix fixed` (the default) repeats eight requests; `--mix wide` draws each request
anew from the 48 judged queries of bench/relevance/queries.jsonl, a province or
pledge filter or none, a month range or none, page 1-3 and either order (thousands
of distinct requests: what a team of analysts sends, and what no cache of answers
would serve). Reports throughput, errors and p50/p95/p99 latency per kind and
overall, into bench/results/serve-<name>.md. Not part of CI: a benchmark, run by
hand.
"""
import argparse
import datetime
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import run as bench  # noqa: E402

MIX = [
    ("page", "/?q=netralitas+ASN"),
    ("page", "/?q=ikrar&region=Jatim"),
    ("page", "/?q=%22politik+uang%22&sort=date"),
    ("api search", "/api/search?q=deklarasi+netralitas"),
    ("api search", "/api/search?q=pilkada&pledge=ikrar"),
    ("api search", "/api/search?q=camat&region=NTB&sort=date"),
    ("api facets", "/api/facets?field=official"),
    ("api facets", "/api/facets?field=region&q=netralitas"),
]


PROVINCES = ["Jatim", "Jabar", "Jateng", "NTB", "NTT", "Kalbar", "Sumut", "Bali", "Aceh",
             "Papua", "Sulsel", "Banten", "Lampung", "Riau", "DKI Jakarta"]
PLEDGES = ["ikrar", "deklarasi", "pakta integritas", "apel", "komitmen bersama"]
MONTHS = ["2024-0%d" % m for m in range(6, 10)] + ["2024-10", "2024-11"]


def wide_mix(rnd, queries):
    """One request drawn anew: a judged query, maybe a filter and a month range, a
    page and an order."""
    q = rnd.choice(queries)
    params = [("q", q)]
    roll = rnd.random()
    if roll < 0.3:
        params.append(("region", rnd.choice(PROVINCES)))
    elif roll < 0.5:
        params.append(("pledge", rnd.choice(PLEDGES)))
    if rnd.random() < 0.2:
        since = rnd.choice(MONTHS)
        params += [("since", since), ("until", max(since, rnd.choice(MONTHS)))]
    kind = rnd.choices(["page", "api search", "api facets"], [0.5, 0.35, 0.15])[0]
    if kind == "api facets":
        params.append(("field", rnd.choice(["official", "region"])))
        return kind, "/api/facets?" + urllib.parse.urlencode(params)
    if rnd.random() < 0.3:
        params.append(("sort", "date"))
    page = rnd.choices([1, 2, 3], [0.7, 0.2, 0.1])[0]
    if page > 1:
        params.append(("page", str(page)))
    base = "/?" if kind == "page" else "/api/search?"
    return kind, base + urllib.parse.urlencode(params)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def client(port, deadline, out, seed, queries):
    rnd = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while time.perf_counter() < deadline:
        kind, path = wide_mix(rnd, queries) if queries else rnd.choice(MIX)
        start = time.perf_counter()
        try:
            conn.request("GET", path)
            resp = conn.getresponse()
            resp.read()
            ok = resp.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        out.append((kind, (time.perf_counter() - start) * 1000, ok, path))


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))] if xs else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", required=True)
    ap.add_argument("--netra", default=bench.NETRA)
    ap.add_argument("--clients", type=int, default=64)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--name", default="index")
    ap.add_argument("--mix", choices=["fixed", "wide"], default="fixed")
    args = ap.parse_args()
    queries = None
    if args.mix == "wide":
        rel = os.path.join(bench.ROOT, "bench", "relevance", "queries.jsonl")
        queries = [json.loads(line)["query"] for line in open(rel) if line.strip()]
    port = free_port()
    server = subprocess.Popen([args.netra, "serve", "--index", args.index,
                               "--addr", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    # Warm: every request of the mix once.
    for _, path in MIX:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        c.request("GET", path)
        c.getresponse().read()
    results = []
    deadline = time.perf_counter() + args.seconds
    threads = [threading.Thread(target=client, args=(port, deadline, results, i, queries))
               for i in range(args.clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    server.terminate()
    server.wait(timeout=30)
    lines = [f"### netra serve under load: {args.name}", "",
             f"{datetime.date.today()}; {bench.machine()}. {args.clients} clients for "
             f"{args.seconds:.0f} s (client and server on the same 2 cores), kept-alive "
             "connections, "
             + ("requests drawn anew from the 48 judged queries with filters, months, pages "
                "and orders (--mix wide): "
                f"{len({r[3] for r in results}):,} distinct of {len(results):,}."
                if queries else "requests drawn from a fixed mix of eight (--mix fixed).")
             + " Server: " + os.path.relpath(args.netra, bench.ROOT) + ".", "",
             "| requests | count | errors | p50 ms | p95 ms | p99 ms |",
             "|---|---:|---:|---:|---:|---:|"]
    kinds = sorted({r[0] for r in results})
    for kind in kinds + ["all"]:
        rs = [r for r in results if kind == "all" or r[0] == kind]
        ms = [r[1] for r in rs]
        errors = sum(1 for r in rs if not r[2])
        lines.append(f"| {kind} | {len(rs):,} | {errors} | {pct(ms, .5):.1f} | {pct(ms, .95):.1f} "
                     f"| {pct(ms, .99):.1f} |")
    lines += ["", f"Throughput: {len(results) / wall:,.0f} requests/s."]
    text = "\n".join(lines) + "\n"
    path = os.path.join(bench.ROOT, "bench", "results", f"serve-{args.name}.md")
    open(path, "w").write(text)
    print(text)


if __name__ == "__main__":
    main()
