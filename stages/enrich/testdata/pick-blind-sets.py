#!/usr/bin/env python3
"""Draw the blind sets 17-19 from ../shared/corpus (run from the repository root).

The cables no gold set holds (stages/enrich/testdata, ../shared/eval), in sorted
order, shuffled with random.seed(17). Truncated pages (under 100 words) and
cables over 2,000 words (annotation time) are left out. Each set takes the
next older (before 2007) cable and the next three others. Sets 17 and 18
were drawn first; set 19 was drawn after them, with their cables counted as
used (the same seed, so its draw is old[2] and rest[6:9] of that second list). No all-capitals
cable is left unused: the six pages whose text is mostly capitals are
truncated (under 50 words).
"""
import glob, html, json, os, random, re, sys

SECOND = "--set19" in sys.argv  # the second draw

used = set()
for f in glob.glob("stages/enrich/testdata/*.jsonl") + glob.glob("../shared/eval/*.jsonl"):
    if re.search(r"holdout1[789]\.jsonl$", f) and not (SECOND and re.search(r"holdout1[78]\.jsonl$", f)):
        continue
    for line in open(f):
        if line.strip():
            used.add(json.loads(line)["ref_id"])
files = {}
for p in sorted(glob.glob("../shared/corpus/**/*.*", recursive=True)):
    files.setdefault(os.path.splitext(os.path.basename(p))[0], p)
unused = sorted(r for r in files if r not in used)


def body(p):
    b = open(p, "rb").read()
    if p.endswith(".html"):
        pres = re.findall(r"<pre>(.*?)</pre>", b.decode("utf-8", "replace"), re.S)
        return html.unescape(re.sub("<[^>]+>", "", pres[-1])) if pres else ""
    return b.decode("cp1252", "replace")


def caps(r):
    letters = [c for c in body(files[r]) if c.isalpha()]
    return bool(letters) and sum(c.islower() for c in letters) / len(letters) < 0.2


random.seed(17)
random.shuffle(unused)
ok = lambda r: 100 <= len(body(files[r]).split()) <= 2000
old = [r for r in unused if not caps(r) and (int(r[:2]) > 50 or int(r[:2]) < 7) and ok(r)]
capsl = [r for r in unused if caps(r)]
rest = [r for r in unused if not caps(r) and r not in old and ok(r)]
print("all-capitals (all truncated):", [(r, len(body(files[r]).split())) for r in capsl])
if SECOND:
    print(19, [old[2]] + rest[6:9])
else:
    print(17, [old[0]] + rest[0:3])
    print(18, [old[1]] + rest[3:6])
