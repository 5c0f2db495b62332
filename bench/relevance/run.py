"""Relevance benchmark: nDCG@10 of netra, SQLite FTS5 and Lucene's
IndonesianAnalyzer on the same articles and the same judged queries.

    bench/relevance/run.py                  # build, index, search, score: results/relevance.*
    bench/relevance/run.py --pool 20        # also write the pool of unjudged hits to judge
    bench/relevance/run.py --engines netra  # score one engine again (its index is rebuilt)

The collection: the five seeds, the written articles of tests/facets/articles and
the team's corpus of real news (../shared/corpus/scale.jsonl.gz, 28,460 articles,
or --corpus). Queries: bench/relevance/queries.jsonl (written, with their
information needs, before netra was tuned on them); judgments:
bench/relevance/qrels.jsonl (grades 0-3, by judges who did not see which engine
found what). Copies of one story are found here, from the texts: judged-relevant
articles sharing half the five-word shingles of the shorter one; and the written
articles that were written as syndicated copies (bench/relevance/copies.jsonl).

How each engine is asked (what its user would type):
- netra: `netra search QUERY --json --limit 20` with the query's filters as flags;
- SQLite FTS5: unicode61 tokenizer (diacritics removed), bm25 with the title
  weighted 2, the query's words AND-ed (FTS5's default), phrases, OR and NOT;
- Lucene 8 (Debian's liblucene8-java) with IndonesianAnalyzer: BM25, title
  boosted 2, the classic query parser, phrases and -exclusions; twice: with OR
  between words (Elasticsearch's `match` default) and with AND (as netra and
  FTS5 read words). The best of the peers is the bar.
The baselines have no facets: a region, official or pledge filter becomes a
required phrase of its name; date filters are not given to them.

The metric: nDCG@10 with linear gains (trec_eval's ndcg_cut), novelty-aware: a
copy of a story that ranks below another copy gains nothing, and the ideal ranking
holds one copy of each story (a result list that shows one story ten times is not
a good one). The plain nDCG@10 is reported beside it. Unjudged hits count as not
relevant; judged@10 says how many of an engine's top ten were judged.
"""
import argparse
import gzip
import json
import math
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
NETRA = os.path.join(ROOT, "target", "release", "netra")
WORK = os.path.join(ROOT, "target", "bench", "relevance")
RESULTS = os.path.join(ROOT, "bench", "results")
CORPUS = os.path.join(ROOT, "..", "shared", "corpus", "scale.jsonl.gz")
LUCENE_JARS = [f"/usr/share/java/lucene-{j}-8.7.0.jar"
               for j in ("core", "analyzers-common", "queryparser")]
ENGINES = ["netra", "fts5", "lucene", "lucene-and"]
NAMES = {"netra": "netra", "fts5": "SQLite FTS5", "lucene": "Lucene (OR)",
         "lucene-and": "Lucene (AND)"}
DEPTH = 20


def log(msg):
    print(f"[relevance {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def read_jsonl(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# The collection ------------------------------------------------------------

def collection(corpus):
    """Every article as {id, title, date, outlet, url, text}: seeds and written
    articles by file name (their text whole, as netra reads a .txt file), corpus
    rows with their metadata."""
    docs = []
    for folder, prefix in (("seeds", "seed/"), (os.path.join("tests", "facets", "articles"), "written/")):
        for name in sorted(os.listdir(os.path.join(ROOT, folder))):
            if name.endswith(".txt"):
                with open(os.path.join(ROOT, folder, name), encoding="utf-8") as f:
                    docs.append({"id": prefix + name[:-4], "text": f.read()})
    opener = gzip.open if corpus.endswith(".gz") else open
    with opener(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs.append({k: d.get(k) for k in ("id", "title", "date", "outlet", "url", "text")})
    return docs


# Queries as each engine's user types them -----------------------------------

TOKEN = re.compile(r'\s*(?:("[^"]*"(?:~\d+)?)|(\()|(\))|(-?)([^\s()"]+))')


def tokens(query):
    """The query's pieces: ('phrase', text), ('open',), ('close',), ('or',),
    ('word', text, negated)."""
    out = []
    for m in TOKEN.finditer(query):
        phrase, opened, closed, minus, word = m.groups()
        if phrase:
            out.append(("phrase", re.sub(r'~\d+$', "", phrase).strip('"'), False))
        elif opened:
            out.append(("open",))
        elif closed:
            out.append(("close",))
        elif word and word.lower() == "or" and not minus:
            out.append(("or",))
        elif word and word.upper() == "AND" and not minus:
            continue
        elif word:
            negated = bool(minus)
            if word.startswith('"'):
                out.append(("phrase", word.strip('"'), negated))
            else:
                out.append(("word", word, negated))
    return out


def region_words(value, aliases):
    """The name a baseline user types for a region filter value."""
    name = aliases.get(value.lower(), value)
    name = name.strip("/").split("/")[-1]
    for prefix in ("Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def filter_phrases(filters, aliases):
    phrases = [region_words(r, aliases) for r in filters.get("region", [])]
    phrases += filters.get("official", []) + filters.get("pledge", [])
    return phrases


def fts5_query(query, filters, aliases):
    def quote(text):
        return '"' + text.replace('"', ' ') + '"'
    positive, negative = [], []
    for t in tokens(query):
        if t[0] in ("phrase", "word"):
            if not re.search(r"\w", t[1]):
                continue
            (negative if t[2] else positive).append(quote(t[1]))
        elif t[0] == "or":
            positive.append("OR")
        elif t[0] == "open":
            positive.append("(")
        elif t[0] == "close":
            positive.append(")")
    text = " ".join(positive).replace("( ", "(").replace(" )", ")")
    extra = [quote(p) for p in filter_phrases(filters, aliases)]
    if extra:
        text = f"({text}) AND " + " AND ".join(extra) if text else " AND ".join(extra)
    for n in negative:
        text = f"{text} NOT {n}"
    return text


def lucene_query(query, filters, aliases):
    special = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
    parts = []
    for t in tokens(query):
        if t[0] == "word":
            parts.append(("-" if t[2] else "") + special.sub(r"\\\1", t[1]))
        elif t[0] == "phrase":
            parts.append(("-" if t[2] else "") + '"' + t[1].replace('"', " ") + '"')
        elif t[0] == "or":
            parts.append("OR")
        elif t[0] == "open":
            parts.append("(")
        elif t[0] == "close":
            parts.append(")")
    text = " ".join(parts)
    extra = ['+"' + p + '"' for p in filter_phrases(filters, aliases)]
    if extra:
        text = f"+({text}) " + " ".join(extra) if text else " ".join(extra)
    return text


def netra_args(q):
    args = ["search", q["query"], "--json", "--limit", str(DEPTH)]
    f = q.get("filters") or {}
    for flag in ("region", "official", "pledge"):
        for value in f.get(flag, []):
            args += [f"--{flag}", value]
    for flag in ("since", "until"):
        if f.get(flag):
            args += [f"--{flag}", f[flag]]
    return args


def read_aliases():
    aliases = {}
    with open(os.path.join(ROOT, "src", "extract", "region_aliases.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                alias, name = line.split("=", 1)
                aliases[alias.strip().lower()] = name.strip()
    return aliases


# Engines -------------------------------------------------------------------

def run_netra(netra, docs_path, queries, rebuild):
    index = os.path.join(WORK, "netra-index")
    if rebuild or not os.path.exists(os.path.join(index, "meta.json")):
        subprocess.run([netra, "index", docs_path, "--index", index, "--rebuild", "--quiet"],
                       check=False, stderr=subprocess.DEVNULL)
    runs, extra = {}, {}
    for q in queries:
        p = subprocess.run([netra, *netra_args(q), "--index", index],
                           capture_output=True, text=True)
        if p.returncode not in (0, 1):
            log(f"netra {q['id']}: {p.stderr.strip()}")
            runs[q["id"]] = []
            continue
        out = json.loads(p.stdout)
        runs[q["id"]] = [h["id"] for h in out["hits"]]
        extra[q["id"]] = {k: out[k] for k in ("understood", "relaxed") if k in out}
    return runs, extra


def run_fts5(docs, queries, aliases, any_word=False):
    db = os.path.join(WORK, "fts5.db")
    if not os.path.exists(db):
        con = sqlite3.connect(db)
        con.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, "
                    "tokenize='unicode61 remove_diacritics 2')")
        with con:
            con.executemany("INSERT INTO docs VALUES (?, ?, ?)",
                            ((d["id"], d.get("title") or "", d["text"]) for d in docs))
        con.close()
    con = sqlite3.connect(db)
    runs = {}
    for q in queries:
        match = fts5_query(q["query"], q.get("filters") or {}, aliases)
        if any_word:
            words = [t[1] for t in tokens(q["query"]) if t[0] in ("word", "phrase") and not t[2]]
            match = " OR ".join('"' + w.replace('"', " ") + '"' for w in words if re.search(r"\w", w))
        try:
            rows = con.execute("SELECT id FROM docs WHERE docs MATCH ? "
                               "ORDER BY bm25(docs, 0.0, 2.0, 1.0) LIMIT ?", (match, DEPTH)).fetchall()
        except sqlite3.Error as e:
            log(f"fts5 {q['id']}: {match}: {e}")
            rows = []
        runs[q["id"]] = [r[0] for r in rows]
    return runs


def run_lucene(docs, queries, aliases, operator="or"):
    classes = os.path.join(WORK, "lucene-classes")
    cp = ":".join(LUCENE_JARS + [classes])
    if not os.path.exists(os.path.join(classes, "LuceneEngine.class")):
        os.makedirs(classes, exist_ok=True)
        subprocess.run(["javac", "-cp", cp, "-d", classes, os.path.join(HERE, "LuceneEngine.java")],
                       check=True)
    index = os.path.join(WORK, "lucene-index")
    if not os.path.exists(index):
        tsv = os.path.join(WORK, "docs.tsv")
        with open(tsv, "w", encoding="utf-8") as f:
            for d in docs:
                clean = lambda s: re.sub(r"[\t\r\n]+", " ", s or "")
                f.write(f"{d['id']}\t{clean(d.get('title'))}\t{clean(d['text'])}\n")
        subprocess.run(["java", "-cp", cp, "LuceneEngine", "index", tsv, index], check=True)
    qtsv = os.path.join(WORK, "queries.tsv")
    with open(qtsv, "w", encoding="utf-8") as f:
        for q in queries:
            f.write(f"{q['id']}\t{lucene_query(q['query'], q.get('filters') or {}, aliases)}\n")
    out = subprocess.run(["java", "-cp", cp, "LuceneEngine", "search", index, qtsv, str(DEPTH),
                          operator], capture_output=True, text=True, check=True).stdout
    runs = {q["id"]: [] for q in queries}
    for line in out.splitlines():
        qid, doc, _ = line.split("\t")
        runs[qid].append(doc)
    return runs


# The metric ----------------------------------------------------------------

def ndcg(ranked, grades, story, k=10, novelty=True):
    """nDCG@k with linear gains; with novelty, only the first copy of a story gains."""
    seen, dcg = set(), 0.0
    for i, doc in enumerate(ranked[:k]):
        g = grades.get(doc, 0)
        s = story.get(doc, doc)
        if novelty and s in seen:
            g = 0
        seen.add(s)
        dcg += g / math.log2(i + 2)
    if novelty:
        best = {}
        for doc, g in grades.items():
            s = story.get(doc, doc)
            best[s] = max(best.get(s, 0), g)
        ideal_gains = sorted(best.values(), reverse=True)[:k]
    else:
        ideal_gains = sorted(grades.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal_gains))
    return dcg / idcg if idcg else 0.0


def shingles(text, n=5):
    words = re.findall(r"\w+", text.lower())
    return {hash(tuple(words[i:i + n])) for i in range(max(len(words) - n + 1, 0))}


def copies(docs, qrels, containment=0.5):
    """Copies of one story among the judged-relevant articles: five-word shingles
    shared with the shorter text at least `containment` (a syndicated copy, a
    shortened one). article -> the first article of its story."""
    relevant = sorted({r["doc"] for r in qrels if r["grade"] > 0})
    by_id = {d["id"]: d for d in docs}
    sets = {doc: shingles(by_id[doc]["text"]) for doc in relevant if doc in by_id}
    story = {}
    for i, a in enumerate(relevant):
        for b in relevant[i + 1:]:
            sa, sb = sets.get(a, set()), sets.get(b, set())
            if min(len(sa), len(sb)) >= 20 and len(sa & sb) >= containment * min(len(sa), len(sb)):
                root = story.get(a, a)
                story[b] = story.get(b, root)
                story.setdefault(a, root)
    return story


def score(queries, runs, qrels, story):
    grades = {}
    for r in qrels:
        grades.setdefault(r["q"], {})[r["doc"]] = r["grade"]
    table = {}
    for engine, run in runs.items():
        for q in queries:
            ranked, g = run.get(q["id"], []), grades.get(q["id"], {})
            judged = sum(1 for d in ranked[:10] if d in g)
            table.setdefault(engine, {})[q["id"]] = {
                "ndcg": ndcg(ranked, g, story), "plain": ndcg(ranked, g, story, novelty=False),
                "judged": judged, "returned": min(len(ranked), 10)}
    return table


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return (xs[n // 2] + xs[(n - 1) // 2]) / 2 if xs else 0.0


def report(queries, table, engines, label):
    kinds = sorted({q["kind"] for q in queries})
    mean = lambda xs: sum(xs) / len(xs) if xs else 0.0
    lines = [f"# Relevance: nDCG@10 on {len(queries)} judged queries", "", label, "",
             "| query kind | queries | " + " | ".join(NAMES[e] for e in engines) + " |",
             "|---|---:|" + "---:|" * len(engines)]
    for kind in kinds + ["all"]:
        qs = [q for q in queries if kind == "all" or q["kind"] == kind]
        cells = [f"{mean([table[e][q['id']]['ndcg'] for q in qs]):.3f}" for e in engines]
        name = "**all**" if kind == "all" else kind
        lines.append(f"| {name} | {len(qs)} | " + " | ".join(cells) + " |")
    lines += ["", "Mean over queries of the novelty-aware nDCG@10 (a second copy of a story gains "
              "nothing). Plain nDCG@10 (every copy gains), all queries: " +
              ", ".join(f"{NAMES[e]} {mean([table[e][q['id']]['plain'] for q in queries]):.3f}"
                        for e in engines) + ".",
              "Judged share of the top ten: " +
              ", ".join(f"{NAMES[e]} {sum(table[e][q['id']]['judged'] for q in queries)}"
                        f"/{sum(table[e][q['id']]['returned'] for q in queries)}" for e in engines) + ".",
              "", "## Per query", "",
              "| id | kind | query | filters | " + " | ".join(NAMES[e] for e in engines) + " |",
              "|---|---|---|---|" + "---:|" * len(engines)]
    for q in queries:
        f = ", ".join(f"{k}={v}" for k, v in (q.get("filters") or {}).items())
        cells = [f"{table[e][q['id']]['ndcg']:.2f}" for e in engines]
        lines.append(f"| {q['id']} | {q['kind']} | `{q['query']}` | {f} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


HINTED = re.compile(r"(?:articles|seeds)/[\w.-]+\.txt|[a-z]+-[\w-]+")


def hinted_docs(q, by_id):
    """The articles the query's author named in its hint (to be judged like any)."""
    found = []
    for ref in HINTED.findall(q.get("relevant_hint", "")):
        if ref.startswith("articles/"):
            ref = "written/" + ref[len("articles/"):-4]
        elif ref.startswith("seeds/"):
            ref = "seed/" + ref[len("seeds/"):-4]
        if ref in by_id:
            found.append(ref)
    return found


def pool(queries, runs, qrels, docs, path, k):
    """The hits in any engine's top k that are not judged yet, and the articles
    the query's author named, for the judges (who are not told which engine found
    what)."""
    judged = {(r["q"], r["doc"]) for r in qrels}
    by_id = {d["id"]: d for d in docs}
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for q in queries:
            wanted = []
            for run in runs.values():
                wanted += run.get(q["id"], [])[:k]
            wanted += hinted_docs(q, by_id)
            for doc in dict.fromkeys(wanted):
                if (q["id"], doc) in judged:
                    continue
                d = by_id[doc]
                f.write(json.dumps({"q": q["id"], "doc": doc, "title": d.get("title"),
                                    "text": d["text"][:3500]}, ensure_ascii=False) + "\n")
                n += 1
    log(f"pool: {n} unjudged (query, article) pairs in {path}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=CORPUS)
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--pool", type=int, metavar="K", help="write the unjudged hits of every top K")
    ap.add_argument("--no-build", action="store_true", help="use the netra binary as it is")
    ap.add_argument("--netra", default=NETRA, help="the netra binary [target/release/netra]")
    ap.add_argument("--name", default="relevance")
    args = ap.parse_args()
    engines = args.engines.split(",")
    os.makedirs(WORK, exist_ok=True)
    if "netra" in engines and not args.no_build and args.netra == NETRA:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    queries = read_jsonl(os.path.join(HERE, "queries.jsonl"))
    qrels = read_jsonl(os.path.join(HERE, "qrels.jsonl"))
    aliases = read_aliases()
    docs = collection(args.corpus)
    story = copies(docs, qrels)
    for group in read_jsonl(os.path.join(HERE, "copies.jsonl")):
        for doc in group["docs"]:
            story[doc] = group["docs"][0]
    log(f"{len(story)} judged-relevant articles are copies of another's story")
    docs_path = os.path.join(WORK, "collection.jsonl")
    with open(docs_path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    log(f"{len(docs)} articles, {len(queries)} queries, {len(qrels)} judgments")
    runs, extra = {}, {}
    if "netra" in engines:
        runs["netra"], extra = run_netra(args.netra, docs_path, queries, rebuild=True)
    if "fts5" in engines:
        if os.path.exists(os.path.join(WORK, "fts5.db")):
            os.remove(os.path.join(WORK, "fts5.db"))
        runs["fts5"] = run_fts5(docs, queries, aliases)
    if "lucene" in engines or "lucene-and" in engines:
        shutil.rmtree(os.path.join(WORK, "lucene-index"), ignore_errors=True)
    if "lucene" in engines:
        runs["lucene"] = run_lucene(docs, queries, aliases)
    if "lucene-and" in engines:
        runs["lucene-and"] = run_lucene(docs, queries, aliases, "and")
    if args.pool:
        pool_runs = dict(runs)
        pool_runs["fts5-any"] = run_fts5(docs, queries, aliases, any_word=True)
        pool(queries, pool_runs, qrels, docs, os.path.join(WORK, "pool.jsonl"), args.pool)
    table = score(queries, runs, qrels, story)
    label = (f"{len(docs):,} articles (5 seeds, {sum(1 for d in docs if d['id'].startswith('written/'))} "
             f"written, the rest real news from {os.path.basename(args.corpus)}); "
             f"{len(qrels)} judgments; one run, {time.strftime('%Y-%m-%d')}.")
    os.makedirs(RESULTS, exist_ok=True)
    with open(os.path.join(RESULTS, f"{args.name}.md"), "w", encoding="utf-8") as f:
        f.write(report(queries, table, list(runs), label))
    with open(os.path.join(RESULTS, f"{args.name}.json"), "w", encoding="utf-8") as f:
        json.dump({"label": label, "runs": runs, "scores": table, "netra": extra}, f, indent=1,
                  ensure_ascii=False)
    print(open(os.path.join(RESULTS, f"{args.name}.md"), encoding="utf-8").read().split("## Per query")[0])


if __name__ == "__main__":
    main()
