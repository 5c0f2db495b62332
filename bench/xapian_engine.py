"""Xapian baseline, through Debian's python3-xapian, with Xapian's Snowball
Indonesian stemmer (1.4 has one; English otherwise, and the output says so).

    xapian_engine.py index CORPUS.jsonl DIR
    xapian_engine.py query DIR QUERIES.json RUNS   # one JSON line per query class

Terms are stemmed as Xapian does by default (STEM_SOME: unstemmed terms with
positions for phrases, stemmed ones for words). The outlet is value slot 0, counted
with a ValueCountMatchSpy for the facet class. Totals are exact (check_at_least =
all documents), as the other engines' are.
"""
import json
import os
import shutil
import sys

import xapian

from timing import time_classes

_LANGS = xapian.Stem.get_available_languages()
if isinstance(_LANGS, bytes):
    _LANGS = _LANGS.decode()
LANG = "indonesian" if "indonesian" in _LANGS.split() else "english"


def index(corpus, path):
    if os.path.exists(path):
        shutil.rmtree(path)
    db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem(LANG))
    n = 0
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            try:
                d = json.loads(line)
            except ValueError:
                continue
            doc = xapian.Document()
            tg.set_document(doc)
            title = d.get("title") or ""
            body = d.get("text") or ""
            tg.index_text(title)
            tg.increase_termpos()
            tg.index_text(body)
            doc.set_data(json.dumps({"id": d.get("id"), "title": title, "body": body}))
            doc.add_value(0, d.get("outlet") or "")
            db.add_document(doc)
            n += 1
    db.commit()
    db.close()
    print(f"xapian ({LANG} stemmer): {n} articles indexed", file=sys.stderr)


def query(path, queries, runs):
    db = xapian.Database(path)
    qp = xapian.QueryParser()
    qp.set_stemmer(xapian.Stem(LANG))
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_default_op(xapian.Query.OP_AND)
    qp.set_database(db)
    n_docs = db.get_doccount()

    def run(spec):
        enquire = xapian.Enquire(db)
        if spec.get("facets"):
            spy = xapian.ValueCountMatchSpy(0)
            enquire.add_matchspy(spy)
            enquire.set_query(xapian.Query.MatchAll)
            enquire.get_mset(0, 0, n_docs)
            return sum(1 for _ in spy.values())
        q = qp.parse_query(spec.get("baseline") or spec["query"],
                           xapian.QueryParser.FLAG_DEFAULT | xapian.QueryParser.FLAG_PHRASE)
        enquire.set_query(q)
        mset = enquire.get_mset(0, 10, n_docs)
        for m in mset:
            data = json.loads(m.document.get_data())
            mset.snippet(data["body"], 200)
        return mset.get_matches_estimated()

    time_classes("xapian", queries, runs, run, {"stemmer": LANG})


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "index":
        index(sys.argv[2], sys.argv[3])
    elif cmd == "query":
        query(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        sys.exit(__doc__)
