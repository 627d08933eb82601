"""The канцелярит and штампы dictionary, matched on lemmas so that every inflection matches.

The data file is ``model/data/style_dictionary.tsv``: ``## <code> <category>`` starts a category,
the ``#`` line after it gives the category's rationale, and each entry is
``<phrase in any form>\\t<advice>``. Phrases are lemmatised once when the dictionary loads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from model.text import WordInfo, word_info

DICTIONARY_FILE = Path(__file__).with_name("data") / "style_dictionary.tsv"
CODES = ("kantselyarit", "stamp")


@dataclass(frozen=True)
class Entry:
    phrase: str
    lemmas: tuple[str, ...]
    code: str  # kantselyarit | stamp
    category: str
    rationale: str
    advice: str


@dataclass(frozen=True)
class Match:
    entry: Entry
    first: int  # index of the first matched word
    last: int  # index of the last matched word (inclusive)


@lru_cache(maxsize=200_000)
def _keys_of_lemma(lemma: str, verb: bool) -> tuple[str, ...]:
    if verb and lemma.endswith(("ся", "сь")):
        return (lemma, lemma[:-2])
    return (lemma,)


def match_keys(info: WordInfo) -> tuple[str, ...]:
    """The lemmas a text word matches: its own, and for a reflexive verb also the plain one, so
    that «осуществляется проведение» matches the entry «осуществлять проведение» (while the
    entry «иметься» still does not match «имеет»)."""
    return _keys_of_lemma(info.lemma, info.pos in ("VERB", "INFN"))


def phrase_lemmas(phrase: str) -> tuple[str, ...]:
    return tuple(word_info(word).lemma for word in phrase.lower().replace("ё", "е").split())


def parse_dictionary(lines: Sequence[str], source: str = "dictionary") -> list[Entry]:
    """Entries of a dictionary file; a malformed line raises ValueError with its number."""
    entries: list[Entry] = []
    code = category = rationale = ""
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\n")
        if not line.strip():
            continue
        if line.startswith("## "):
            parts = line[3:].split(maxsplit=1)
            if len(parts) != 2 or parts[0] not in CODES:
                raise ValueError(f"{source}:{number}: ожидается «## <{'|'.join(CODES)}> <категория>»")
            code, category = parts
            rationale = ""
        elif line.startswith("#"):
            rationale = line.lstrip("# ").strip()
        else:
            if not code:
                raise ValueError(f"{source}:{number}: запись до первой категории")
            phrase, _, advice = line.partition("\t")
            entries.append(Entry(phrase.strip(), phrase_lemmas(phrase), code, category, rationale,
                                 advice.strip()))
    return entries


class StyleDictionary:
    """Finds dictionary phrases in a sequence of lemmas, longest match first."""

    def __init__(self, entries: Sequence[Entry]):
        self.entries = list(entries)
        # Indexed by the first two lemmas (single words by the first): a text position looks at a
        # handful of candidates, not at every phrase starting with «в».
        self._by_two: dict[tuple[str, str], list[Entry]] = {}
        self._single: dict[str, list[Entry]] = {}
        for entry in sorted(self.entries, key=lambda e: -len(e.lemmas)):
            if len(entry.lemmas) >= 2:
                self._by_two.setdefault(entry.lemmas[:2], []).append(entry)
            elif entry.lemmas:
                self._single.setdefault(entry.lemmas[0], []).append(entry)

    def find(self, keys: Sequence[tuple[str, ...]]) -> list[Match]:
        """Matches in a text given, per word, the lemmas it may stand for (see match_keys)."""
        matches, i = [], 0
        while i < len(keys):
            following = keys[i + 1] if i + 1 < len(keys) else ()
            candidates = [e for k in keys[i] for k2 in following for e in self._by_two.get((k, k2), ())]
            candidates.sort(key=lambda e: -len(e.lemmas))
            candidates += [e for k in keys[i] for e in self._single.get(k, ())]
            for entry in candidates:
                n = len(entry.lemmas)
                if i + n <= len(keys) and all(lemma in keys[i + j] for j, lemma in enumerate(entry.lemmas)):
                    matches.append(Match(entry, i, i + n - 1))
                    i += n - 1
                    break
            i += 1
        return matches


@lru_cache(maxsize=1)
def default_dictionary() -> StyleDictionary:
    lines = DICTIONARY_FILE.read_text(encoding="utf-8").splitlines()
    return StyleDictionary(parse_dictionary(lines, str(DICTIONARY_FILE)))
