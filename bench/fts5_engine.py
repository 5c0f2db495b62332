"""SQLite FTS5 baseline (unicode61 tokenizer), through python3's sqlite3 module.

    fts5_engine.py index CORPUS.jsonl DB
    fts5_engine.py query DB QUERIES.json RUNS   # one JSON line per query class
    fts5_engine.py sql DB QUERY                 # the SQL the sqlite3 CLI runs (cold case)

One thread, one transaction. Each query returns what a user sees: the total, the
top 10 by FTS5's BM25 rank with a highlighted body snippet each.
"""
import json
import os
import sqlite3
import sys

from timing import time_classes


def index(corpus, db):
    if os.path.exists(db):
        os.remove(db)
    con = sqlite3.connect(db)
    con.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, outlet UNINDEXED, "
        "tokenize='unicode61 remove_diacritics 2')"
    )

    def rows():
        with open(corpus, encoding="utf-8") as f:
            for line in f:
                try:
                    d = json.loads(line)
                except ValueError:
                    continue
                yield (d.get("id"), d.get("title") or "", d.get("text") or "", d.get("outlet") or "")

    with con:
        con.executemany("INSERT INTO docs(id, title, body, outlet) VALUES (?, ?, ?, ?)", rows())
    n = con.execute("SELECT count(*) FROM docs").fetchone()[0]
    con.close()
    print(f"fts5: {n} articles indexed", file=sys.stderr)


def match_of(spec):
    return spec.get("baseline") or spec["query"]


TOP = ("SELECT id, title, snippet(docs, 2, '[', ']', '…', 24) FROM docs "
       "WHERE docs MATCH ? ORDER BY rank LIMIT 10")
COUNT = "SELECT count(*) FROM docs WHERE docs MATCH ?"
FACETS = "SELECT outlet, count(*) FROM docs GROUP BY outlet"


def run(con, spec):
    if spec.get("facets"):
        return len(con.execute(FACETS).fetchall())
    q = match_of(spec)
    total = con.execute(COUNT, (q,)).fetchone()[0]
    con.execute(TOP, (q,)).fetchall()
    return total


def query(db, queries, runs):
    con = sqlite3.connect(db)
    time_classes("fts5", queries, runs, lambda spec: run(con, spec))


def sql(query_text):
    q = query_text.replace("'", "''")
    return (f"SELECT count(*) FROM docs WHERE docs MATCH '{q}'; "
            + TOP.replace("?", f"'{q}'") + ";")


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "index":
        index(sys.argv[2], sys.argv[3])
    elif cmd == "query":
        query(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif cmd == "sql":
        print(sql(sys.argv[2]))
    else:
        sys.exit(__doc__)
