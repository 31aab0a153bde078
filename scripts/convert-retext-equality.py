#!/usr/bin/env python3
"""Converts retext-equality's English YAML rule lists into Belonging's JSON rule-pack format, once.

Usage:
  python3 scripts/convert-retext-equality.py \
      ../shared/reference-data/inclusive-language/retext-equality-7.1.0-data-en \
      src/Belonging.Core/TextAudit/Packs/retext-equality-en.rules.json

Input: retext-equality data/en/*.yml at commit 192deddf13bc2823540b0d9a0a6e17fb6d995bcd (MIT, (c) Titus Wormer).
Only the small YAML subset those files use is parsed (a list of maps; values are scalars, lists of scalars, or maps
of scalar to scalar); no PyPI package is needed.

Rule ids follow retext-equality's own scheme (checked against its rules.md): for each category of an `or` rule
(or the one list of a `basic` rule) take the first shortest inconsiderate phrase, slugify it (lower case, spaces to
hyphens), sort the slugs and join them with hyphens.

What this script adds on top of the upstream data (documented in docs/methods/text-audit.md):
- category (from the file name) and a default severity (condescending: info; everything else: warning);
- `enabled: false` for the upstream rules that the curated HR pack replaces with a context-aware rule, or that are
  style advice for tutorials rather than HR text (see DISABLED below, each with its reason);
- context exceptions for a few rules that fire on ordinary HR wording (see EXCEPTIONS below).
"""
import json
import os
import sys

COMMIT = "192deddf13bc2823540b0d9a0a6e17fb6d995bcd"
REPO = "https://github.com/retextjs/retext-equality"

CATEGORY = {
    "ablist": "ableist",
    "condescending": "condescending",
    "gender": "gendered",
    "lgbtq": "lgbtq",
    "misc": "exclusionary",
    "press": "racial",
    "race": "racial",
    "slogans": "exclusionary",
    "suicide": "ableist",
}

# Upstream rules switched off by default (an organisation can switch them back on). Reason per group.
DISABLED = {
    # Replaced by hr-en `generic-pronoun` (needs a generic antecedent such as "the employee") and `he-or-she`
    # (info with a neutral rewrite): upstream flags every pronoun, including people's stated pronouns ("she/her").
    "her-him": "replaced by hr-en generic-pronoun",
    "he-she": "replaced by hr-en generic-pronoun",
    "herself-himself": "replaced by hr-en generic-pronoun",
    # "special" alone fires on "special projects", "special events", "special forms of compensation"; the
    # euphemism "special needs" stays flagged through hr-en `special-needs`.
    # "maternity leave" and "paternity leave" are statutory names; hr-en `maternity-only` flags maternity leave when it
    # is the only parental leave on offer.
    "maternity-paternity": "replaced by hr-en maternity-only",
    "special": "replaced by hr-en special-needs (upstream flags every 'special')",
}

# Kinship words in HR text name actual family members (bereavement and leave lists, childcare job ads: "a 6 month
# old daughter"); a neutral word is a style choice there, not a fix of an exclusion.
KINSHIP = [
    "aunt-uncle", "aunts-uncles", "boyfriend-girlfriend", "boyfriends-girlfriends", "bride-groom", "brother-sister",
    "brothers-sisters", "dad-mom", "dads-moms", "daughter-son", "daughters-sons", "granddaughter-grandson",
    "granddaughters-grandsons", "gramps-granny", "grandfathers-grandmothers", "husband-wife", "husbands-wives",
    "nephew-niece", "nephews-nieces", "stepbrother-stepsister", "stepbrothers-stepsisters", "stepdad-stepmom",
    "stepfathers-stepmothers", "widow-widower",
]
DISABLED.update({k: "kinship word: in HR text it names actual family members" for k in KINSHIP})

# Every rule of condescending.yml is educational-writing style advice (source: css-tricks "words to avoid in
# educational writing"); in policies "just", "simple", "clearly", "of course" are ordinary words.
DISABLED_CATEGORIES = {"condescending": "tutorial style advice (css-tricks), not exclusionary in HR text"}

# Regular expressions (.NET syntax, case-insensitive) tested against the text right after / right before a match.
EXCEPTIONS = {
    # "master's degree", "Master of Science", "masters degree", "master's" are qualifications.
    "master": {"notFollowedBy": r"^(?:['’]s\b|s?\s+(?:degree|level|of\s+\p{Lu}|in\s+\p{Lu}|programme|program|student))"},
    "masters": {"notFollowedBy": r"^(?:['’]\s|\s+(?:degree|level|of\s+\p{Lu}|in\s+\p{Lu}|programme|program|student))"},
    # "mental health", "mental illness", "physical or mental" describe conditions, not people.
    "nuts": {"notFollowedBy": r"^\s+(?:health|illness|wellbeing|well-being|disabilit|condition|impairment)",
               "notPrecededBy": r"(?:physical|and|or)\s*$"},
    # "mother-in-law", "mother- and father-in-law": kinship terms in bereavement-leave lists.
    "dad-mom": {"notFollowedBy": r"^(?:-in-law|-?\s+and\s+\w+-in-law)"},
    "brother-sister": {"notFollowedBy": r"^(?:-in-law|-?\s+and\s+\w+-in-law)"},
    "brothers-sisters": {"notFollowedBy": r"^(?:-in-law)"},
    "daughter-son": {"notFollowedBy": r"^(?:-in-law|-?\s+and\s+\w+-in-law)"},
}

# Upstream `or` rules whose nouns are also surnames or parts of names ("Martin Luther King"): skip capitalised
# words that are not at the start of a sentence.
PROPER_NOUN_SENSITIVE_CATEGORIES = {"gendered", "racial"}


def parse_scalar(text):
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def parse_yaml_list(path):
    """Parses the YAML subset used by retext-equality's data files."""
    entries = []
    current = None
    key = None
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if line.startswith("- "):
                current = {}
                entries.append(current)
                line = "  " + line[2:]
            indent = len(line) - len(line.lstrip(" "))
            body = line.strip()
            if indent == 2:
                name, _, value = body.partition(":")
                key = name.strip()
                value = value.strip()
                current[key] = parse_scalar(value) if value else None
            elif indent == 4 and body.startswith("- "):
                if current[key] is None:
                    current[key] = []
                current[key].append(parse_scalar(body[2:]))
            elif indent == 4:
                if current[key] is None:
                    current[key] = {}
                # keys may be quoted and contain commas: 'frontman, front man': male
                if body[0] in "'\"":
                    end = body.index(body[0], 1)
                    name, value = body[1:end], body[end + 1:].lstrip(":").strip()
                else:
                    name, _, value = body.rpartition(":")
                current[key][name.strip()] = parse_scalar(value)
            else:
                raise ValueError(f"{path}: unexpected line: {raw!r}")
    return entries


def as_list(value):
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def slug(text):
    return text.lower().replace(" ", "-")


def rule_id(entry):
    inconsiderate = entry["inconsiderate"]
    if isinstance(inconsiderate, dict):
        groups = {}
        for phrase, category in inconsiderate.items():
            groups.setdefault(category, []).append(phrase)
        firsts = [min(phrases, key=len) for phrases in groups.values()]
    else:
        firsts = [min(as_list(inconsiderate), key=len)]
    return "-".join(sorted(slug(p) for p in firsts))


def patterns_of(entry):
    inconsiderate = entry["inconsiderate"]
    phrases = list(inconsiderate.keys()) if isinstance(inconsiderate, dict) else as_list(inconsiderate)
    out = []
    for phrase in phrases:
        for part in phrase.split(","):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return out


def explanation(entry, patterns):
    note = entry.get("note")
    base = f"“{patterns[0]}” may be insensitive"
    if entry.get("condition"):
        base += f" ({entry['condition']})"
    base += "."
    return f"{base} {note}" if note else base


def main():
    source_dir, target = sys.argv[1], sys.argv[2]
    rules = []
    seen = {}
    for name in sorted(os.listdir(source_dir)):
        if not name.endswith(".yml"):
            continue
        stem = name[:-4]
        for index, entry in enumerate(parse_yaml_list(os.path.join(source_dir, name))):
            rid = rule_id(entry)
            if rid in seen:
                seen[rid] += 1
                rid = f"{rid}~{seen[rid]}"
            else:
                seen[rid] = 1
            category = CATEGORY[stem]
            patterns = patterns_of(entry)
            upstream_sources = as_list(entry.get("source"))
            rule = {
                "id": rid,
                "category": category,
                "severity": "info" if category == "condescending" else "warning",
                "enabled": rid not in DISABLED,
                "patterns": patterns,
                "explanation": explanation(entry, patterns),
                "suggestions": as_list(entry.get("considerate")),
                "source": f"{REPO}/blob/{COMMIT}/data/en/{name} (entry {index + 1})",
                "licence": "MIT",
            }
            if entry.get("type") == "or":
                rule["pairedFormsAllowed"] = True
            if category in PROPER_NOUN_SENSITIVE_CATEGORIES and entry.get("type") == "or":
                rule["skipProperNouns"] = True
            if upstream_sources:
                rule["references"] = upstream_sources
            if rid in DISABLED:
                rule["disabledReason"] = DISABLED[rid]
            elif category in DISABLED_CATEGORIES:
                rule["enabled"] = False
                rule["disabledReason"] = DISABLED_CATEGORIES[category]
            if rid in EXCEPTIONS:
                rule.update(EXCEPTIONS[rid])
            rules.append(rule)
    unknown = set(DISABLED) - set(seen)
    unknown |= set(EXCEPTIONS) - set(seen)
    if unknown:
        raise SystemExit(f"ids in DISABLED/EXCEPTIONS not found upstream: {sorted(unknown)}")
    pack = {
        "id": "retext-equality-en",
        "language": "en",
        "name": "retext-equality English lists (converted)",
        "source": f"{REPO}/tree/{COMMIT}/data/en",
        "licence": "MIT (c) Titus Wormer; converted by scripts/convert-retext-equality.py",
        "rules": rules,
    }
    with open(target, "w", encoding="utf-8", newline="\n") as handle:
        json.dump(pack, handle, ensure_ascii=False, indent=1)
        handle.write("\n")
    print(f"{len(rules)} rules, {sum(len(r['patterns']) for r in rules)} patterns -> {target}")


if __name__ == "__main__":
    main()
