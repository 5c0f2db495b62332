"""The ceiling of re-ranking: nDCG@10 if netra's result lists were sorted by the
judged grades.

    python3 bench/relevance/ceiling.py            # after bench/relevance/run.py

For every judged query, netra's whole result list (up to 1,000 hits, the query's
filters as flags) is fetched from the index run.py built, scored as netra ranks it
and as sorted by the judgments (best grade first), with run.py's novelty-aware
nDCG@10. The gap between the two is what ranking alone could still win; the rest
of the way to 1.0 is relevant articles the query does not match.
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as R  # noqa: E402


def main():
    netra = sys.argv[1] if len(sys.argv) > 1 else R.NETRA
    index = os.path.join(R.WORK, "netra-index")
    queries = R.read_jsonl(os.path.join(R.HERE, "queries.jsonl"))
    qrels = R.read_jsonl(os.path.join(R.HERE, "qrels.jsonl"))
    grades = {}
    for r in qrels:
        grades.setdefault(r["q"], {})[r["doc"]] = r["grade"]
    docs = R.read_jsonl(os.path.join(R.WORK, "collection.jsonl"))
    story = R.copies(docs, qrels)
    ranked_sum = sorted_sum = 0.0
    for q in queries:
        args = [a if a != str(R.DEPTH) else "1000" for a in R.netra_args(q)]
        p = subprocess.run([netra, *args, "--index", index], capture_output=True, text=True)
        hits = [h["id"] for h in json.loads(p.stdout)["hits"]] if p.returncode in (0, 1) else []
        g = grades.get(q["id"], {})
        as_ranked = R.ndcg(hits, g, story)
        as_sorted = R.ndcg(sorted(hits, key=lambda d: -g.get(d, 0)), g, story)
        ranked_sum += as_ranked
        sorted_sum += as_sorted
        print(f"{q['id']} {q['kind']:8} ranked {as_ranked:.2f}  sorted {as_sorted:.2f}  hits {len(hits)}")
    n = len(queries)
    print(f"mean nDCG@10: as netra ranks {ranked_sum / n:.3f}; sorted by the judgments {sorted_sum / n:.3f}")


if __name__ == "__main__":
    main()
