"""Synthetic corpus for the build benchmark: bilingual records as plain data.

Text generators over two small word lists (English, French) make titles, summaries
and Markdown descriptions of realistic lengths; :func:`make_records` turns them into
records that use every term of the shipped vocabularies, about one in ten English
only; :func:`shipped_records` gives the project's own records in the same form.
"""

from __future__ import annotations

import random
import re

import yaml

from benchkit.common import ROOT
from resource_library.load.vocabularies import load_pillars, load_vocabularies

#: The words of the synthetic texts, one list a language.
EN_WORDS = [
    "school",
    "mental",
    "health",
    "students",
    "staff",
    "families",
    "community",
    "wellbeing",
    "support",
    "practice",
    "evidence",
    "implementation",
    "team",
    "leadership",
    "district",
    "board",
    "classroom",
    "educators",
    "strategy",
    "plan",
    "guide",
    "framework",
    "approach",
    "program",
    "services",
    "partners",
    "youth",
    "voice",
    "equity",
    "culturally",
    "responsive",
    "prevention",
    "promotion",
    "early",
    "identification",
    "anxiety",
    "resilience",
    "coping",
    "skills",
    "social",
    "emotional",
    "learning",
    "trauma",
    "informed",
    "care",
    "pathway",
    "referral",
    "collaboration",
    "capacity",
    "building",
    "coaching",
    "training",
    "data",
    "monitoring",
    "quality",
    "improvement",
    "sustainability",
    "scale",
    "protocol",
    "system",
    "alignment",
    "engagement",
    "consistent",
    "universal",
    "targeted",
    "intensive",
    "tier",
    "assessment",
    "needs",
    "review",
    "cycle",
    "action",
    "meeting",
    "routine",
    "check-in",
    "transition",
    "return",
    "learning",
    "environment",
    "safe",
    "caring",
    "inclusive",
    "belonging",
    "relationships",
    "principals",
    "counsellors",
    "clinicians",
    "nurses",
    "psychologists",
    "social",
    "workers",
    "teachers",
    "secondary",
    "elementary",
    "grades",
    "regional",
    "provincial",
    "local",
    "rural",
    "urban",
    "northern",
    "francophone",
    "Indigenous",
    "newcomer",
    "students",
    "resources",
    "tools",
    "templates",
    "toolkit",
    "webinar",
    "session",
    "series",
]
FR_WORDS = [
    "santé",
    "mentale",
    "en",
    "milieu",
    "scolaire",
    "élèves",
    "personnel",
    "familles",
    "communauté",
    "bien-être",
    "soutien",
    "pratique",
    "données",
    "probantes",
    "mise",
    "en",
    "œuvre",
    "équipe",
    "leadership",
    "conseil",
    "scolaire",
    "classe",
    "enseignantes",
    "enseignants",
    "stratégie",
    "plan",
    "guide",
    "cadre",
    "approche",
    "programme",
    "services",
    "partenaires",
    "jeunes",
    "voix",
    "équité",
    "culturellement",
    "adaptée",
    "prévention",
    "promotion",
    "repérage",
    "précoce",
    "anxiété",
    "résilience",
    "habiletés",
    "d'adaptation",
    "apprentissage",
    "socioémotionnel",
    "traumatismes",
    "soins",
    "trajectoire",
    "aiguillage",
    "collaboration",
    "renforcement",
    "des",
    "capacités",
    "accompagnement",
    "formation",
    "suivi",
    "amélioration",
    "de",
    "la",
    "qualité",
    "durabilité",
    "déploiement",
    "protocole",
    "système",
    "cohérence",
    "engagement",
    "universel",
    "ciblé",
    "intensif",
    "palier",
    "évaluation",
    "des",
    "besoins",
    "examen",
    "cycle",
    "action",
    "réunion",
    "routine",
    "transition",
    "retour",
    "apprentissage",
    "milieu",
    "sécuritaire",
    "bienveillant",
    "inclusif",
    "appartenance",
    "relations",
    "directions",
    "d'école",
    "conseillères",
    "cliniciens",
    "infirmières",
    "psychologues",
    "travailleurs",
    "sociaux",
    "secondaire",
    "élémentaire",
    "années",
    "régional",
    "provincial",
    "local",
    "rural",
    "urbain",
    "nord",
    "francophone",
    "autochtones",
    "nouveaux",
    "arrivants",
    "ressources",
    "outils",
    "modèles",
    "trousse",
    "webinaire",
    "séance",
    "série",
    "à",
    "é",
    "è",
    "ç",
]
FR_WORDS = [w for w in FR_WORDS if len(w) > 1]


def _slug(words) -> str:
    return "-".join(re.sub(r"[^a-z0-9]+", "", w.lower()) for w in words if re.sub(r"[^a-z0-9]+", "", w.lower()))


def _phrase(rng: random.Random, words: list, lo: int, hi: int) -> str:
    """Words joined until the length falls in [lo, hi] characters."""
    target = rng.randint(lo, hi)
    out = []
    while len(" ".join(out)) < target:
        out.append(rng.choice(words))
    text = " ".join(out)
    while len(text) > hi and len(out) > 1:
        out.pop()
        text = " ".join(out)
    while len(text) < lo:  # pad with a short word
        text += " " + rng.choice([w for w in words if len(w) <= 4] or words)
    return text[:hi]


def _sentence(rng: random.Random, words: list, lo: int = 60, hi: int = 160) -> str:
    text = _phrase(rng, words, lo - 1, hi - 1).rstrip()
    return text[0].upper() + text[1:] + "."


def _title(rng, words) -> str:
    text = _phrase(rng, words, 40, 90)
    return text[0].upper() + text[1:]


def _summary(rng, words) -> str:
    # One or two sentences, 120 to 250 characters in all.
    target = rng.randint(120, 250)
    if target > 170 and rng.random() < 0.5:
        first = _sentence(rng, words, 60, target // 2)
        rest = target - len(first) - 1
        return first + " " + _sentence(rng, words, max(40, rest - 5), max(45, rest))
    return _sentence(rng, words, target - 5, target)


def _description(rng, words, links: list, lang: str) -> str:
    """Two to four paragraphs of Markdown, sometimes a list, a link or emphasis."""
    paragraphs = []
    for p in range(rng.randint(2, 4)):
        sentences = [_sentence(rng, words) for _ in range(rng.randint(2, 4))]
        if p == 0 and rng.random() < 0.5:
            sentences[0] = "**" + sentences[0][:-1] + "**."
        if links and rng.random() < 0.4:
            rid, label = rng.choice(links)
            sentences.append(f"[{label}]({rid}.md)")
        paragraphs.append(" ".join(sentences))
    if rng.random() < 0.35:
        items = "\n".join(f"- {_sentence(rng, words, 30, 70)}" for _ in range(rng.randint(2, 4)))
        paragraphs.insert(rng.randint(1, len(paragraphs)), items)
    if rng.random() < 0.15:
        see = "See also" if lang == "en" else "Voir aussi"
        paragraphs.append(f"{see}: [{'our approach' if lang == 'en' else 'notre approche'}](../approach.md).")
    return "\n\n".join(paragraphs) + "\n"


def vocabularies() -> dict:
    """``{vocabulary id: [term ids]}`` of the shipped vocabularies and pillars."""
    vocabs, problems = load_vocabularies(ROOT / "data" / "vocabularies.yml", "data/vocabularies.yml")
    pillars, _note, more = load_pillars(ROOT / "data" / "pillars.yml", "data/pillars.yml")
    if [p for p in problems + more if p.is_error]:
        raise SystemExit("bench: the shipped vocabularies do not load; run scripts/library check")
    out = {vid: list(v.terms) for vid, v in vocabs.items()}
    out["pillars"] = list(pillars.terms) if pillars else []
    return out


def make_records(n: int, seed: int = 8) -> list:
    """``n`` synthetic records as plain data (deterministic for a seed).

    Record ``i`` carries term ``i mod len(vocabulary)`` of every vocabulary, so every
    term of every vocabulary is used once ``n`` reaches the largest vocabulary's size;
    about one record in ten is English only.
    """
    rng = random.Random(seed)
    vocab = vocabularies()
    english_titles = [_title(rng, EN_WORDS) for _ in range(n)]
    ids = []
    used = set()
    for i, title in enumerate(english_titles):
        # About as long as the shipped ids (31 characters on average).
        base = _slug(title.split()[:3])[:26].strip("-") or "resource"
        rid = f"{base}-{i:04d}"
        assert rid not in used
        used.add(rid)
        ids.append(rid)
    records = []
    for i in range(n):
        english_only = i % 10 == 3
        rid = ids[i]
        others = [(ids[j], english_titles[j][:40]) for j in rng.sample(range(n), k=min(3, n)) if j != i]

        def pick_terms(vid, lo, hi, i=i):
            terms = vocab[vid]
            chosen = {terms[i % len(terms)]}
            for _ in range(rng.randint(lo, hi) - 1):
                chosen.add(rng.choice(terms))
            return [t for t in terms if t in chosen]

        rtype = vocab["types"][i % len(vocab["types"])]
        title = {"en": english_titles[i]}
        summary = {"en": _summary(rng, EN_WORDS)}
        description = {"en": _description(rng, EN_WORDS, others, "en")}
        if not english_only:
            title["fr"] = _title(rng, FR_WORDS)
            summary["fr"] = _summary(rng, FR_WORDS)
            description["fr"] = _description(rng, FR_WORDS, others, "fr")
        if english_only:
            languages = ["en"]
        else:
            languages = [["en", "fr"], ["en", "fr"], ["en"], ["fr"]][i % 4]
        year = 2015 + i % 11
        published = f"{2018 + i % 8}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        data = {
            "id": rid,
            "type": rtype,
            "title": title,
            "summary": summary,
            "description": description,
            "languages": languages,
            "links": {lang: f"https://example.org/resources/{rid}/{lang}" for lang in languages},
            "tiers": pick_terms("tiers", 1, 2),
            "audiences": pick_terms("audiences", 1, 3),
            "pillars": pick_terms("pillars", 1, 2),
            "core_elements": pick_terms("core_elements", 1, 3),
            "implementation_stages": pick_terms("implementation_stages", 1, 2),
            "grade_bands": pick_terms("grade_bands", 1, 2),
            "topics": pick_terms("topics", 1, 3),
            "keywords": {"en": rng.sample(EN_WORDS, 3)} | ({} if english_only else {"fr": rng.sample(FR_WORDS, 3)}),
            "published": published,
        }
        if i % 3 == 0:
            data["updated"] = f"{2026}-{1 + i % 10:02d}-{1 + i % 27:02d}"
        if i % 2 == 0:
            data["year"] = year
        data["publisher"] = "Synthetic publisher" if i % 2 else {"en": "Synthetic publisher", "fr": "Éditeur fictif"}
        if rtype == "practice" or i % 3 == 1:
            level = vocab["evidence_levels"][i % len(vocab["evidence_levels"])]
            note = {"en": _sentence(rng, EN_WORDS, 40, 90)}
            if not english_only:
                note["fr"] = _sentence(rng, FR_WORDS, 40, 90)
            data["evidence"] = {"level": level, "note": note}
        if rtype == "infographic":
            data["image"] = {"en": "images/bench-infographic.png"}
            data["alt"] = {"en": _summary(rng, EN_WORDS)}
            if not english_only:
                data["alt"]["fr"] = _summary(rng, FR_WORDS)
        records.append(data)
    return records


def shipped_records() -> list:
    """The project's own records, as the data the corpus generator also produces."""
    out = []
    for file in sorted((ROOT / "data" / "resources").glob("*.yml")):
        record = yaml.safe_load(file.read_text(encoding="utf-8"))
        record.pop("translation", None)  # sync markers need data/translations/, not copied
        # The corpus functions read every field the synthetic records always have.
        for key in ("tiers", "audiences", "pillars", "core_elements", "implementation_stages", "grade_bands", "topics"):
            record.setdefault(key, [])
        record.setdefault("links", {})
        record.setdefault("description", {"en": ""})
        for key in ("published", "updated"):
            if key in record:
                record[key] = str(record[key])
        record["_file"] = file  # the generator's copy uses the editor's file as it is
        out.append(record)
    return out
