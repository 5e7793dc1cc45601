"""Build ``data/taxonomy/skills.jsonl`` from the open sources plus ``curation.yaml``.

Sources (see ``data/taxonomy/SOURCES.md`` for licences and attributions):
O*NET technology skills (hot / in-demand / used by data occupations),
Stack Overflow tags (the frequent ones) and tag synonyms, ESCO digital
knowledge concepts. Entries are merged on a normalised key
("Node.js" = "nodejs" = "node-js"); the curation file names the core data/ML
skills, their categories, aliases, related groups and ambiguity rules, and
drops ordinary words that sources list as technologies.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from rolefit.skills.taxonomy import TAXONOMY_DIR, Skill, norm_key, slug

WORDS_FILE = Path("/usr/share/dict/american-english")  # Debian's wamerican
SO_MIN_QUESTIONS = 3000  # tags rarer than this are mostly libraries nobody asks for in a job ad
ESCO_MAX_WORDS = 4

_ONET_CATEGORY = [
    (r"database|data base", "database"),
    (r"operating system", "platform"),
    (r"web platform|web page creation", "framework"),
    (r"object or component oriented|development environment|program testing|compiler", "tool"),
    (r"analytical or scientific|business intelligence|data mining", "tool"),
]


def _clean_name(name: str) -> str:
    name = re.sub(r"\s*\((computer programming|software|programming language)\)\s*$", "", name.strip(), flags=re.I)
    name = re.sub(r"\s+software$", "", name, flags=re.I)
    return " ".join(name.split())


def _ordinary(alias: str, english: set[str]) -> bool:
    """A spelling too common to name a skill on its own: an English word, or two letters."""
    return len(alias) <= 2 or (alias.isalpha() and alias.lower() in english)


def _onet_category(commodity: str) -> str:
    for pat, cat in _ONET_CATEGORY:
        if re.search(pat, commodity, re.I):
            return cat
    return "tool"


_VENDOR = re.compile(
    r"^(microsoft|adobe|atlassian|autodesk|ibm|sap|oracle|google|amazon|salesforce|tableau|sas)\s+(.+)$", re.I
)


def _vendorless(name: str, english: set[str]) -> list[str]:
    """ "PowerPoint" for "Microsoft PowerPoint": postings drop the vendor. Not when what is left
    is an ordinary word ("Microsoft Word", "Microsoft Teams", "Google Analytics")."""
    m = _VENDOR.match(name.strip())
    if not m:
        return []
    rest = m.group(2).strip()
    if len(rest) < 4 or (len(rest.split()) == 1 and rest.lower() in english):
        return []
    return [rest]


def build(shared: Path, out_dir: Path | None = None) -> dict[str, int]:
    """Build the taxonomy files; return counts by source."""
    import yaml

    out_dir = Path(out_dir) if out_dir else TAXONOMY_DIR
    src = Path(shared) / "data" / "taxonomy"
    cur = yaml.safe_load((TAXONOMY_DIR / "curation.yaml").read_text(encoding="utf-8"))
    drop = {norm_key(d) for d in cur.get("drop", [])}
    # Single words that are ordinary lower-case English ("button", "branch", "react") are
    # skills only when curated (with an ambiguity rule where needed).
    english = set()
    if WORDS_FILE.exists():
        english = {w for w in WORDS_FILE.read_text(encoding="utf-8", errors="ignore").split() if w.islower()}
    else:
        print(f"warning: {WORDS_FILE} not found (apt-get install wamerican); ordinary words are not filtered")

    by_key: dict[str, Skill] = {}
    counts = {"curated": 0, "onet": 0, "stackoverflow": 0, "esco": 0}

    def add(
        name: str, category: str, source: str, aliases=(), hot=False, curated=False, merge_on_aliases=True
    ) -> Skill | None:
        name = _clean_name(name)
        key = norm_key(name)
        if not key or (key in drop and not curated):
            return None
        if not curated and name.isalpha() and name.lower() in english and norm_key(name) not in by_key:
            return None
        s = by_key.get(key)
        if s is None and merge_on_aliases:
            for a in aliases:
                s = by_key.get(norm_key(a))
                if s:
                    break
        if not curated:
            # a source's spelling that is an ordinary word ("for" for For loop, "span" for HTML,
            # "market" for Google Play) or two letters ("IT", "RS") would find the skill in any
            # sentence: it may still merge two entries (above), but is not matched. Curated
            # aliases of that kind carry ambiguity rules instead.
            aliases = [a for a in aliases if not _ordinary(_clean_name(str(a)), english)]
        if s is None:
            s = Skill(id=slug(name), name=name, category=category, sources=[source], hot=hot)
            by_key[key] = s
            counts[source] += 1
        else:
            if source not in s.sources:
                s.sources.append(source)
            if key not in by_key:  # merged through an alias: its own name is one more spelling
                s.aliases.append(name)
                by_key[key] = s
        s.hot = s.hot or hot
        for a in aliases:
            a = _clean_name(str(a))
            ak = norm_key(a)
            if ak in by_key and by_key[ak] is not s:
                continue  # a spelling that already names another skill
            if ak and a.lower() != s.name.lower() and a not in s.aliases and (ak not in drop or curated):
                s.aliases.append(a)
                by_key.setdefault(ak, s)
        return s

    for e in cur["skills"]:
        add(e["name"], e["category"], "curated", e.get("aliases", []), curated=True)

    with open(src / "onet_tech_examples.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["hot_technology"] == "Y" or row["in_demand_any"] == "Y" or int(row["n_data_occupations"] or 0) > 0:
                name = row["example"]
                add(
                    name,
                    _onet_category(row["commodity_title"]),
                    "onet",
                    _vendorless(name, english),
                    row["hot_technology"] == "Y",
                )

    so_tags = {}
    with open(src / "so_tags.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if int(row["question_count"]) >= SO_MIN_QUESTIONS:
                so_tags[row["tag"]] = int(row["question_count"])
    synonyms: dict[str, list[str]] = {}
    with open(src / "so_tag_synonyms.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["approved"] == "Y":
                synonyms.setdefault(row["target_tag"], []).append(row["source_tag"])
    for tag in so_tags:
        spaced = tag.replace("-", " ")
        aliases = [spaced] if spaced != tag else []
        aliases += [s for s in synonyms.get(tag, []) if len(s) > 2]
        add(tag, "technology", "stackoverflow", aliases)

    with open(src / "esco_digital_skills.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["skillType"] != "knowledge":
                continue
            name = _clean_name(row["preferredLabel"])
            if len(name.split()) > ESCO_MAX_WORDS:
                continue
            alts = [a for a in (row["altLabels"] or "").split(" | ") if a and len(a.split()) <= ESCO_MAX_WORDS]
            # ESCO alt labels are broader than synonyms ("agile project management" under
            # "project management"): they never merge two concepts, only add spellings
            add(name, "method", "esco", alts, merge_on_aliases=False)

    skills = list({id(s): s for s in by_key.values()}.values())
    # ids must be unique: a later entry with the same slug gets a suffix
    seen: dict[str, int] = {}
    for s in skills:
        n = seen.get(s.id, 0)
        seen[s.id] = n + 1
        if n:
            s.id = f"{s.id}-{n + 1}"
    by_name = {s.name: s for s in skills}
    for group in cur.get("related", []):
        members = [by_name[g] for g in group if g in by_name]
        for m in members:
            m.related = sorted({o.id for o in members if o is not m} | set(m.related))

    _readable_tag_names(skills)
    corpus = Path(shared) / "data" / "postings" / "corpus.parquet"
    if corpus.exists():
        _display_casing(skills, _corpus_texts(corpus))
    else:
        print(f"warning: {corpus} not found; lower-case source names are shown as the sources spell them")
    out_dir.mkdir(parents=True, exist_ok=True)
    skills.sort(key=lambda s: (s.sources[0] != "curated", s.name.lower()))
    with open(out_dir / "skills.jsonl", "w", encoding="utf-8") as f:
        for s in skills:
            f.write(json.dumps(s.__dict__, ensure_ascii=False) + "\n")
    ambiguous = {}
    for name, rule in (cur.get("ambiguous") or {}).items():
        s = by_name.get(name)
        if s is not None and rule:
            ambiguous[s.id] = rule
    (out_dir / "ambiguous.json").write_text(json.dumps(ambiguous, indent=1, ensure_ascii=False))
    write_patterns(out_dir)
    counts["total"] = len(skills)
    return counts


def _readable_tag_names(skills: list[Skill]) -> None:
    """Show a Stack Overflow tag of plain words spaced: "data-structures" -> "data structures".

    Only the name shown changes: the tag's spelling stays an alias, so the spellings matched
    (and every merge made above) are the same. "objective-c" or "pl-sql" stay as tagged.
    """
    for s in skills:
        words = s.name.split("-")
        if s.sources != ["stackoverflow"] or len(words) < 2 or not all(len(w) >= 3 and w.isalpha() for w in words):
            continue
        spaced = " ".join(words)
        s.aliases = [s.name] + [a for a in s.aliases if a.lower() != spaced.lower()]
        s.name = spaced


def _corpus_texts(path: Path) -> list[str]:
    import pandas as pd

    return [str(d) for d in pd.read_parquet(path, columns=["description"]).description.dropna()]


_PLAIN_NAME = re.compile(r"^[a-z0-9]+( [a-z0-9]+){0,3}$")


def _display_casing(skills: list[Skill], texts: list[str], min_seen: int = 5) -> None:
    """Show lower-case source names as postings write them: Stack Overflow tags and ESCO labels
    are lower case ("dax", "jenkins", "gnu make", "data science"); postings write "DAX",
    "Jenkins", "GNU make".

    Spellings are counted in real postings. A name's own spelling with capitals inside a word
    ("GraphQL", "Power BI") wins when most postings use it. Otherwise each word is spelt as
    postings spell it: capitals inside ("GPU", "jQuery") when most do; a one-word name with a
    capital first letter when nearly all do ("Jenkins"); else lower case, and a name of several
    words in sentence case ("Data science", "jQuery mobile"). Only the name shown changes: names are
    matched in lower case.
    """
    from collections import Counter

    wanted = {s.name: s for s in skills if "curated" not in s.sources and _PLAIN_NAME.match(s.name)}
    words = {w for n in wanted for w in n.split()}
    firsts = {n.split()[0] for n in wanted}
    phrase: dict[str, Counter] = {n: Counter() for n in wanted}
    single: dict[str, Counter] = {w: Counter() for w in words}
    token = re.compile(r"[A-Za-z0-9]+")
    for text in texts:
        toks = token.findall(text)
        low = [t.lower() for t in toks]
        for i, t in enumerate(low):
            if t in words:
                single[t][toks[i]] += 1
            if t in firsts:
                for n in range(1, 5):
                    key = " ".join(low[i : i + n])
                    if key in phrase:
                        phrase[key][" ".join(toks[i : i + n])] += 1

    def inner(form: str) -> bool:
        return any(w[1:] != w[1:].lower() for w in form.split())

    def spelt(word: str, alone: bool) -> str:
        seen = single[word]
        total = sum(seen.values())
        if total < min_seen:
            return word
        form, n = max(((f, c) for f, c in seen.items() if inner(f)), key=lambda fc: fc[1], default=(word, 0))
        if n / total >= 0.5:
            return form
        # a capital first letter is a name's only alone: inside a phrase it is as often another
        # name's ("Active Directory" makes "directory" capitalised)
        capital = seen.get(word[:1].upper() + word[1:], 0) / total >= 0.8
        return word[:1].upper() + word[1:] if alone and capital else word

    for name, s in wanted.items():
        seen = phrase[name]
        total = sum(seen.values())
        form, n = max(((f, c) for f, c in seen.items() if inner(f)), key=lambda fc: fc[1], default=(name, 0))
        if total >= min_seen and n / total >= 0.5:
            s.name = form
            continue
        parts = name.split()
        new = [spelt(w, len(parts) == 1) for w in parts]
        if len(new) > 1 and new[0] == parts[0]:
            new[0] = new[0][:1].upper() + new[0][1:]  # sentence case, as the curated names
        s.name = " ".join(new)


def write_patterns(out_dir: Path) -> int:
    """Every name and alias, tokenised once by spaCy's blank English tokenizer (``patterns.json``).

    Tokenising ~12k names costs 0.3 s, which every ``rolefit classify`` would otherwise pay.
    """
    import hashlib

    import spacy

    from rolefit.skills.taxonomy import Taxonomy, _read_jsonl

    skills_file = out_dir / "skills.jsonl"
    tax = Taxonomy(_read_jsonl(skills_file))
    forms = list(tax.surface_forms())
    nlp = spacy.blank("en")
    patterns = [
        [sid, form, [t.lower_ for t in doc]]
        for (form, sid), doc in zip(forms, nlp.tokenizer.pipe(f for f, _ in forms), strict=True)
        if len(doc)
    ]
    (out_dir / "patterns.json").write_text(
        json.dumps(
            {
                "skills_sha256": hashlib.sha256(skills_file.read_bytes()).hexdigest(),
                "spacy": spacy.__version__,
                "patterns": patterns,
            },
            ensure_ascii=False,
        )
    )
    return len(patterns)
