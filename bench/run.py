"""netra's benchmark against raw tantivy, SQLite FTS5 and Xapian, in one run on one
machine. Started by `bench/run` (which builds and installs what it needs); see
bench/README.md.

Every engine indexes the same JSONL corpus and answers the same queries
(bench/queries.json). Results: a markdown table (medians, and netra's ratio to each
baseline) in bench/results/<name>.md, and the raw figures beside it as JSON.
"""
import argparse
import datetime
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NETRA = os.path.join(ROOT, "target", "release", "netra")
ENGINES = os.path.join(ROOT, "target", "release", "examples", "engines")
QUERIES = os.path.join(ROOT, "bench", "queries.json")
FTS5 = os.path.join(ROOT, "bench", "fts5_engine.py")
XAPIAN = os.path.join(ROOT, "bench", "xapian_engine.py")
SYSTEM_PYTHON = "/usr/bin/python3"
SHARED_CORPUS = os.path.join(ROOT, "..", "shared", "corpus", "scale.jsonl.gz")
ALL = ["netra", "raw", "fts5", "xapian"]
NAMES = {"netra": "netra", "raw": "raw tantivy", "fts5": "SQLite FTS5", "xapian": "Xapian"}


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def timed(cmd, ok=(0,)):
    """Runs cmd; returns (wall seconds, peak RSS in MB, peak anonymous RSS in MB,
    stderr). Peak RSS is the kernel's high-water mark, file pages mapped by the
    process included (an index's segments while tantivy merges them: page cache
    the kernel may take back); anonymous RSS, the process's own heap, is sampled
    from /proc every 20 ms."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    anon_kb = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            try:
                with open(f"/proc/{p.pid}/status") as f:
                    for line in f:
                        if line.startswith("RssAnon:"):
                            anon_kb[0] = max(anon_kb[0], int(line.split()[1]))
                            break
            except OSError:
                return
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = p.stderr.read()
    done.set()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    sampler.join()
    code = os.waitstatus_to_exitcode(status)
    p.returncode = code
    if code not in ok:
        sys.exit(f"{' '.join(cmd)} failed ({code}):\n{stderr.decode(errors='replace')[-2000:]}")
    return wall, usage.ru_maxrss / 1024, anon_kb[0] / 1024, stderr.decode(errors="replace")


def size_mb(path):
    if os.path.isfile(path):
        return os.path.getsize(path) / 1e6
    total = 0
    for d, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(d, f)) for f in files)
    return total / 1e6


def prepare_corpus(args, work):
    path = os.path.join(work, "corpus.jsonl")
    if args.corpus:
        src = args.corpus
        label = os.path.basename(src)
    elif args.articles:
        src = None
        label = f"generated, {args.articles:,} articles (seed {args.seed})"
    elif os.path.exists(SHARED_CORPUS):
        src = SHARED_CORPUS
        label = "scale.jsonl.gz (28,460 real articles)"
    else:
        args.articles = 28460
        src = None
        label = f"generated, {args.articles:,} articles (seed {args.seed}; no shared corpus here)"
    stamp = os.path.join(work, "corpus.label")
    if os.path.exists(path) and os.path.exists(stamp) and open(stamp).read() == label:
        log(f"corpus: reusing {path}")
    elif src is None:
        log(f"corpus: generating {args.articles:,} articles")
        subprocess.run([ENGINES, "gen", "--articles", str(args.articles), "--seed",
                        str(args.seed), "--out", path], check=True)
    else:
        log(f"corpus: {src}")
        opener = gzip.open if src.endswith(".gz") else open
        with opener(src, "rb") as f, open(path, "wb") as out:
            shutil.copyfileobj(f, out, 1 << 20)
    open(stamp, "w").write(label)
    with open(path, "rb") as f:
        n = sum(1 for _ in f)
    return path, label, n


def index_cmd(engine, corpus, out, memory):
    if engine == "netra":
        return [NETRA, "index", corpus, "--index", out, "--rebuild", "--quiet",
                "--memory", str(memory)]
    if engine == "raw":
        return [ENGINES, "raw-index", "--input", corpus, "--index", out, "--memory", str(memory)]
    if engine == "fts5":
        return [sys.executable, FTS5, "index", corpus, out]
    return [SYSTEM_PYTHON, XAPIAN, "index", corpus, out]


def query_cmd(engine, out, runs):
    if engine in ("netra", "raw"):
        return [ENGINES, "query", "--engine", engine, "--index", out, "--queries", QUERIES,
                "--runs", str(runs)]
    if engine == "fts5":
        return [sys.executable, FTS5, "query", out, QUERIES, str(runs)]
    return [SYSTEM_PYTHON, XAPIAN, "query", out, QUERIES, str(runs)]


def cold(work, paths, runs):
    """Process start to printed hits: netra's CLI against the sqlite3 CLI, in turn."""
    out = {}
    specs = [s for s in json.load(open(QUERIES)) if s["class"] in ("phrase", "3 words")]
    for spec in specs:
        netra = [NETRA, "search", spec["query"], "--index", paths["netra"], "--limit", "10"]
        sql = subprocess.run([sys.executable, FTS5, "sql", spec["query"]], check=True,
                             capture_output=True, text=True).stdout.strip()
        sqlite = ["sqlite3", paths["fts5"], sql]
        p = subprocess.run([ENGINES, "cold", "--runs", str(runs), "--a", json.dumps(netra),
                            "--b", json.dumps(sqlite)], check=True, capture_output=True, text=True)
        t = json.loads(p.stdout)
        out[spec["class"]] = {"netra": t["a_ms"], "sqlite3": t["b_ms"]}
    return out


def incremental(args, work, corpus_n, netra_index):
    """Adds 1,000 new articles to a copy of the big index, then re-indexes them
    unchanged; indexing the same 1,000 into an empty index is the yardstick. The
    benchmark's index itself stays as the corpus made it, for --queries-only."""
    extra = os.path.join(work, "extra-1000.jsonl")
    subprocess.run([ENGINES, "gen", "--articles", "1000", "--start", str(10**9),
                    "--seed", str(args.seed), "--out", extra], check=True)
    small = os.path.join(work, "netra-small")
    shutil.rmtree(small, ignore_errors=True)
    empty, _, _, _ = timed([NETRA, "index", extra, "--index", small, "--quiet"], ok=(0, 2))
    grown = os.path.join(work, "netra-grown")
    shutil.rmtree(grown, ignore_errors=True)
    shutil.copytree(netra_index, grown)
    add, _, _, _ = timed([NETRA, "index", extra, "--index", grown, "--quiet"], ok=(0, 2))
    again, _, _, err = timed([NETRA, "index", extra, "--index", grown, "--quiet"], ok=(0, 2))
    shutil.rmtree(grown, ignore_errors=True)
    return {"empty_s": empty, "add_s": add, "unchanged_s": again, "on_copy": True,
            "unchanged_report": err.strip().splitlines()[-2:] if err.strip() else []}


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    sqlite = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True).stdout.split()[:1]
    return (f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.system()} "
            f"{platform.release()}, {rustc}, sqlite3 {' '.join(sqlite)}")


def ratio(a, b):
    return f"{a / b:.2f}×" if a and b else "—"


def targets(res):
    """The issue's targets, each with its measured ratio and whether it is met."""
    rows = []
    idx = res["index"]
    if "netra" in idx and "raw" in idx:
        r = idx["raw"]["wall_s"] / idx["netra"]["wall_s"]
        rows.append(("indexing throughput ≥ 0.6× raw tantivy's", f"{r:.2f}×", r >= 0.6))
    if "netra" in idx and "fts5" in idx:
        r = idx["netra"]["wall_s"] / idx["fts5"]["wall_s"]
        rows.append(("indexing time ≤ SQLite FTS5's", f"{r:.2f}×", r <= 1.0))
    q = res["query"]
    if "netra" in q and "raw" in q:
        # Plain queries at 1.2x; a query netra reads as a place or an acronym
        # (searching every name of it) at 2x (the query-understanding issue).
        for c, bar in (("phrase", 1.2), ("plain 3 words", 1.2), ("3 words", 2.0),
                       ("expanded", 2.0), ("region filter", 1.2)):
            if c in q["netra"] and c in q["raw"]:
                r = q["netra"][c]["p50_us"] / q["raw"][c]["p50_us"]
                rows.append((f"{c} p50 ≤ {bar}× raw tantivy's", f"{r:.2f}×", r <= bar))
    for c, t in (res.get("cold") or {}).items():
        r = t["netra"] / t["sqlite3"]
        rows.append((f"cold CLI, {c}, ≤ sqlite3 CLI", f"{r:.2f}×", r <= 1.0))
    if "netra" in idx:
        rows.append((f"indexing peak RSS, anonymous (writer budget {res.get('memory', 256)} MB)",
                     f"{idx['netra']['rss_mb']:.0f} MB ({idx['netra'].get('anon_mb', 0):.0f} MB)",
                     None))
    i = res.get("incremental")
    if i:
        r = i["add_s"] / i["empty_s"]
        rows.append(("adding 1,000 articles: time ÷ the same into an empty index", f"{r:.2f}×",
                     None))
        rows.append(("re-indexing the 1,000 unchanged", f"{i['unchanged_s']:.2f} s", None))
    if not rows:
        return []
    out = ["", "**Targets** (from the speed issue; ratios of medians in this run)", "",
           "| target | measured | met |", "|---|---:|:---:|"]
    for name, value, met in rows:
        out.append(f"| {name} | {value} | {'—' if met is None else ('yes' if met else 'no')} |")
    return out


def table(res):
    engines = [e for e in ALL if e in res["index"]]
    base = [e for e in engines if e != "netra"]
    lines = [f"### {res['corpus']}: {res['articles']:,} articles, {res['input_mb']:.1f} MB",
             "", f"{res['date']}; {res['machine']}. Medians of {res['runs']} run{'' if res['runs'] == 1 else 's'}.", ""]
    if res.get("requeried"):
        lines += [f"Queries and cold CLI timed again on {res['requeried']} on the same indexes "
                  "(`--queries-only`)" + ("; netra's also holds the 1,000 articles of the "
                                          "incremental step." if res.get("incremental")
                                          and not res["incremental"].get("on_copy") else "."),
                  ""]
    lines += ["**Indexing**", "",
             "| engine | wall s | MB/s | articles/s | peak RSS MB (anonymous) | index MB (× input) | netra's time ÷ engine's |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    n_wall = res["index"]["netra"]["wall_s"] if "netra" in res["index"] else None
    for e in engines:
        r = res["index"][e]
        lines.append(
            f"| {NAMES[e]} | {r['wall_s']:.2f} | {res['input_mb'] / r['wall_s']:.1f} | "
            f"{res['articles'] / r['wall_s']:,.0f} | {r['rss_mb']:.0f} ({r.get('anon_mb', 0):.0f}) | {r['size_mb']:.0f} "
            f"({r['size_mb'] / res['input_mb']:.2f}) | {ratio(n_wall, r['wall_s']) if e != 'netra' else ''} |")
    lines += ["", "**Queries in-process** (p50 / p95 / p99 in ms: the total, the top 10 with "
              "stored fields and a highlighted snippet each; facet counts: one level over all "
              "articles, by region for netra, by outlet for the baselines)", "",
              "| query | " + " | ".join(NAMES[e] for e in engines) + " | "
              + " | ".join(f"netra ÷ {NAMES[e]} (p50)" for e in base) + " |",
              "|---|" + "---:|" * (len(engines) + len(base))]
    for spec in json.load(open(QUERIES)):
        c = spec["class"]
        cells, p50 = [], {}
        for e in engines:
            q = res["query"].get(e, {}).get(c)
            if q:
                p50[e] = q["p50_us"]
                cells.append(f"{q['p50_us']/1000:.2f} / {q['p95_us']/1000:.2f} / "
                             f"{q['p99_us']/1000:.2f} ({q['total']:,})")
            else:
                cells.append("—")
        ratios = [ratio(p50.get("netra"), p50.get(e)) for e in base]
        lines.append(f"| {c} | " + " | ".join(cells) + " | " + " | ".join(ratios) + " |")
    lines += ["", "(In brackets: articles matched; for facet counts, values counted. netra's "
              "region filter covers every place inside the province; the baselines match the "
              "phrase \"jawa barat\".)"]
    if res.get("cold"):
        lines += ["", "**Cold CLI** (process start to printed hits, page cache warm; median ms)",
                  "", "| query | netra | sqlite3 CLI | netra ÷ sqlite3 |", "|---|---:|---:|---:|"]
        for c, t in res["cold"].items():
            lines.append(f"| {c} | {t['netra']:.1f} | {t['sqlite3']:.1f} | "
                         f"{ratio(t['netra'], t['sqlite3'])} |")
    lines += targets(res)
    if res.get("incremental"):
        i = res["incremental"]
        lines += ["", "**Incremental** (netra, 1,000 new articles)", "",
                  "| into an empty index | added to this index | the same 1,000 again (unchanged) |",
                  "|---:|---:|---:|",
                  f"| {i['empty_s']:.2f} s | {i['add_s']:.2f} s | {i['unchanged_s']:.2f} s |"]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", help="a JSONL(.gz) corpus [default: ../shared/corpus/scale.jsonl.gz, "
                    "else 28,460 generated articles]")
    ap.add_argument("--articles", type=int, help="generate this many articles instead")
    ap.add_argument("--seed", type=int, default=2024, help="generator seed [2024]")
    ap.add_argument("--engines", default=",".join(ALL), help="comma-separated subset of " + ",".join(ALL))
    ap.add_argument("--runs", type=int, default=3, help="indexing runs per engine [3]")
    ap.add_argument("--query-runs", type=int, default=200, help="timed runs per query class [200]")
    ap.add_argument("--query-rounds", type=int, default=3, help="rounds of all engines' queries [3]")
    ap.add_argument("--cold-runs", type=int, default=20, help="runs per cold CLI query [20]")
    ap.add_argument("--memory", type=int, default=256, help="writer memory in MB, netra and raw [256]")
    ap.add_argument("--incremental", action="store_true", help="also time adding 1,000 articles")
    ap.add_argument("--work", default=os.path.join(ROOT, "target", "bench"), help="scratch folder")
    ap.add_argument("--name", help="result file name [from the corpus]")
    ap.add_argument("--queries-only", action="store_true",
                    help="time the queries (and cold CLI) again on the indexes an earlier run "
                    "left in --work, keeping that run's indexing figures")
    args = ap.parse_args()
    engines = [e for e in args.engines.split(",") if e]
    for e in engines:
        if e not in ALL:
            sys.exit(f"unknown engine {e}: pick from {','.join(ALL)}")
    os.makedirs(args.work, exist_ok=True)
    corpus, label, n = prepare_corpus(args, args.work)
    paths = {e: os.path.join(args.work, {"netra": "netra", "raw": "raw", "fts5": "fts5.db",
                                          "xapian": "xapian"}[e]) for e in engines}
    res = {"corpus": label, "articles": n, "input_mb": os.path.getsize(corpus) / 1e6,
           "runs": args.runs, "machine": machine(),
           "date": datetime.date.today().isoformat(), "index": {}, "query": {},
           "memory": args.memory}
    name = args.name or (f"generated-{n}" if args.articles else "scale-28k")
    out_dir = os.path.join(ROOT, "bench", "results")
    if args.queries_only:
        earlier = json.load(open(os.path.join(out_dir, f"{name}.json")))
        missing = [e for e in engines if e not in earlier["index"] or not os.path.exists(paths[e])]
        if missing:
            sys.exit(f"--queries-only: no index of {', '.join(missing)} from an earlier run")
        earlier["requeried"] = datetime.date.today().isoformat()
        earlier["machine"] = res["machine"]
        res = earlier
        res["query"] = {}
        res.pop("cold", None)
    # Interleaved (netra, raw, fts5, xapian, netra, ...) so drift hits all alike.
    walls = {e: [] for e in engines}
    rss = {e: [] for e in engines}
    anon = {e: [] for e in engines}
    for r in range(0 if args.queries_only else args.runs):
        for e in engines:
            if e == "xapian" and r > 0 and walls[e] and walls[e][0] > 120:
                continue  # one run of a slow baseline is enough to report it
            log(f"index {e}, run {r + 1}/{args.runs}")
            if os.path.isdir(paths[e]) and e != "netra":
                shutil.rmtree(paths[e])
            wall, peak, peak_anon, _ = timed(index_cmd(e, corpus, paths[e], args.memory),
                                             ok=(0, 2))
            walls[e].append(wall)
            rss[e].append(peak)
            anon[e].append(peak_anon)
    for e in [] if args.queries_only else engines:
        res["index"][e] = {"wall_s": statistics.median(walls[e]), "walls": walls[e],
                           "rss_mb": max(rss[e]), "anon_mb": max(anon[e]),
                           "size_mb": size_mb(paths[e])}
    # Rounds of every engine in turn; each figure is the median over the rounds, so
    # a slow minute of a shared machine does not land on one engine only.
    rounds = {e: [] for e in engines}
    for r in range(args.query_rounds):
        for e in engines:
            log(f"queries {e}, round {r + 1}/{args.query_rounds}")
            p = subprocess.run(query_cmd(e, paths[e], args.query_runs), check=True,
                               capture_output=True, text=True)
            rounds[e].append({json.loads(l)["class"]: json.loads(l)
                              for l in p.stdout.splitlines() if l.strip()})
    for e in engines:
        res["query"][e] = {}
        for c in rounds[e][0]:
            first = dict(rounds[e][0][c])
            for k in ("p50_us", "p95_us", "p99_us"):
                first[k] = statistics.median(r[c][k] for r in rounds[e])
            first["rounds"] = len(rounds[e])
            res["query"][e][c] = first
    if "netra" in engines and "fts5" in engines and shutil.which("sqlite3"):
        log("cold CLI")
        res["cold"] = cold(args.work, paths, args.cold_runs)
    if args.incremental and "netra" in engines and not args.queries_only:
        log("incremental")
        res["incremental"] = incremental(args, args.work, n, paths["netra"])
    os.makedirs(out_dir, exist_ok=True)
    md = table(res)
    open(os.path.join(out_dir, f"{name}.md"), "w").write(md)
    json.dump(res, open(os.path.join(out_dir, f"{name}.json"), "w"), indent=1)
    print(md)
    log(f"written: bench/results/{name}.md and .json")


if __name__ == "__main__":
    main()
