#!/usr/bin/env python3
"""Parsing on real pages: body recall and publication dates, over the corpus.

Reads `../shared/corpus/scale.jsonl.gz` (real Indonesian news; not in the repo),
runs `netra extract --json` on it twice and writes `bench/results/parsing.{md,json}`:

- Body recall: for every article, the share of the text's letters and digits that
  the clean body keeps. An article whose body keeps under half of its text is
  listed (the boilerplate rules may have removed the story).
- Publication dates: each row's own `date` is removed and kept as gold; netra
  reads the text alone. Per source: how many articles netra dates, and of those,
  how many agree with the gold within two days (a day for time zones, a day for
  scrapers that store the fetch day). IndoSum's gold is an aggregator timestamp,
  not the publication date: it is reported but not counted in the total.

Usage: python3 bench/parsing/run.py [--netra target/release/netra] [--corpus PATH]
"""
import argparse
import datetime as dt
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MONTHS = {m: i + 1 for i, m in enumerate(
    "jan feb mar apr mei jun jul agu sep okt nov des".split())}
MONTHS.update({"may": 5, "aug": 8, "oct": 10, "dec": 12, "agt": 8, "ags": 8})


def source(row_id):
    head = row_id.split("-")
    return head[0] + ("-" + head[1] if head[0] == "clickid" else "")


def gold_day(text):
    """The row's own date as a datetime.date, or None."""
    if not text:
        return None
    t = text.strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        return dt.date(*map(int, m.groups()))
    m = re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})", t)  # detiksum: month/day/year
    if m:
        a, b, y = map(int, m.groups())
        return dt.date(y, a, b) if a <= 12 else dt.date(y, b, a)
    m = re.match(r"(\d{1,2})-([A-Za-z]{3})-(\d{2}) ", t)  # tribunnews: 10-Sep-19 23:04
    if m and m.group(2).lower() in MONTHS:
        return dt.date(2000 + int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    m = re.match(r"(\d{1,2}) ([A-Za-z]+)\.? (\d{4})", t)
    if m and m.group(2)[:3].lower() in MONTHS:
        return dt.date(int(m.group(3)), MONTHS[m.group(2)[:3].lower()], int(m.group(1)))
    m = re.match(r"([A-Za-z]+)\.? (\d{1,2}), (\d{4})", t)
    if m and m.group(1)[:3].lower() in MONTHS:
        return dt.date(int(m.group(3)), MONTHS[m.group(1)[:3].lower()], int(m.group(2)))
    return None


def netra_day(value):
    if not value or len(value) != 10:
        return None  # a month or a year: not a day to compare
    return dt.date.fromisoformat(value)


def kept(text):
    return sum(1 for c in text if c.isalnum())


def extract(netra, rows, path):
    with open(path, "w") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    out = subprocess.run([netra, "extract", "--json", path],
                         capture_output=True, text=True, check=False)
    if out.returncode == 2:
        sys.exit(out.stderr)
    return {r["id"]: r for r in map(json.loads, filter(None, out.stdout.split("\n")))}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--netra", default=os.path.join(ROOT, "target/release/netra"))
    ap.add_argument("--corpus", default=os.path.join(ROOT, "../shared/corpus/scale.jsonl.gz"))
    ap.add_argument("--name", default="parsing")
    args = ap.parse_args()
    rows = [json.loads(l) for l in gzip.open(args.corpus, "rt")]
    keep = ("id", "title", "outlet", "url", "text")
    with tempfile.TemporaryDirectory() as tmp:
        dated = extract(args.netra, [{k: r.get(k) for k in keep + ("date",)} for r in rows],
                        os.path.join(tmp, "with-dates.jsonl"))
        undated = extract(args.netra, [{k: r.get(k) for k in keep} for r in rows],
                          os.path.join(tmp, "without-dates.jsonl"))

    # Body recall.
    low = []
    shares = []
    by_source_low = defaultdict(int)
    by_source_n = defaultdict(int)
    for r in rows:
        rec = dated.get(r["id"])
        whole = kept(r["text"])
        share = kept(rec["body"]) / whole if rec and whole else 0.0
        shares.append(share)
        by_source_n[source(r["id"])] += 1
        if share < 0.5:
            low.append((share, r["id"]))
            by_source_low[source(r["id"])] += 1
    low.sort()
    shares.sort()

    # Dates.
    per = defaultdict(lambda: {"articles": 0, "gold": 0, "pub": 0, "pub_right": 0,
                               "event": 0, "event_near": 0})
    wrong = []
    for r in rows:
        s = per[source(r["id"])]
        s["articles"] += 1
        gold = gold_day(r.get("date"))
        rec = undated.get(r["id"]) or {}
        if gold is None:
            continue
        s["gold"] += 1
        pub = netra_day(rec.get("date"))
        if pub:
            s["pub"] += 1
            if abs((pub - gold).days) <= 2:
                s["pub_right"] += 1
            else:
                wrong.append((r["id"], str(gold), str(pub)))
        event = netra_day(rec.get("event_date"))
        if event:
            s["event"] += 1
            if abs((event - gold).days) <= 7:
                s["event_near"] += 1
    counted = {k: v for k, v in per.items() if k != "indosum"}
    pub = sum(v["pub"] for v in counted.values())
    right = sum(v["pub_right"] for v in counted.values())

    result = {
        "articles": len(rows),
        "body_median_share": shares[len(shares) // 2],
        "body_under_half": len(low),
        "body_under_half_ids": [i for _, i in low],
        "empty_bodies": sum(1 for r in rows if not (dated.get(r["id"]) or {}).get("body")),
        "dates": per,
        "pub_dates_given": pub,
        "pub_dates_right": right,
        "pub_wrong_sample": wrong[:40],
    }
    with open(os.path.join(ROOT, "bench/results", args.name + ".json"), "w") as f:
        json.dump(result, f, indent=1, default=dict)
    md = [f"# Parsing real pages: body recall and publication dates\n",
          f"{len(rows):,} real articles from `../shared/corpus/scale.jsonl.gz`; one run, "
          f"{dt.date.today()}.\n",
          "## Body recall\n",
          f"Median share of an article's letters and digits kept in its clean body: "
          f"{result['body_median_share']:.1%}. Empty bodies: {result['empty_bodies']}. "
          f"Bodies keeping under half of the text: {len(low)} "
          f"({len(low) / len(rows):.2%}).\n",
          "| source | articles | body under half |", "|---|---:|---:|"]
    for k in sorted(by_source_n):
        md.append(f"| {k} | {by_source_n[k]:,} | {by_source_low[k]} |")
    if low:
        md.append("\nUnder half (share kept, id), lowest first:\n")
        md += [f"- {s:.0%} `{i}`" for s, i in low[:60]]
        if len(low) > 60:
            md.append(f"- … {len(low) - 60} more in the JSON")
    md += ["\n## Publication dates, from the text alone\n",
           "Each row's `date` removed and used as gold. *Given*: articles netra gives a "
           "publication day for; *right*: within two days of the gold. *Event dated*: "
           "articles with an event date (from the lead), *near*: within a week of the "
           "publication gold.\n",
           "| source | articles with a gold day | pub date given | right | share right | event dated | near |",
           "|---|---:|---:|---:|---:|---:|---:|"]
    for k in sorted(per):
        v = per[k]
        share = f"{v['pub_right'] / v['pub']:.1%}" if v["pub"] else "–"
        md.append(f"| {k}{' (gold is an aggregator time; not counted)' if k == 'indosum' else ''} "
                  f"| {v['gold']:,} | {v['pub']:,} | {v['pub_right']:,} | {share} "
                  f"| {v['event']:,} | {v['event_near']:,} |")
    events = sum(v["event"] for v in counted.values())
    near = sum(v["event_near"] for v in counted.values())
    md.append(f"| **all but indosum** | {sum(v['gold'] for v in counted.values()):,} | {pub:,} "
              f"| {right:,} | {f'{right / pub:.1%}' if pub else '–'} | {events:,} | {near:,} |")
    if wrong:
        md.append("\nPublication dates more than two days off (id, gold, netra), first 20:\n")
        md += [f"- `{i}` {g} → {n}" for i, g, n in wrong[:20]]
    with open(os.path.join(ROOT, "bench/results", args.name + ".md"), "w") as f:
        f.write("\n".join(md) + "\n")
    print("\n".join(md[:12]))


if __name__ == "__main__":
    main()
