"""Text processing: typed-token normalisation, tokens and cached pymorphy3 analyses.

Everything third-party (pymorphy3 parses) is adapted here into znak's own small frozen types,
so the rest of the code never touches library objects.

Tokenisation on the hot path is one compiled regular expression, not razdel: razdel runs at about
1,200 posts/s for 500-character posts on this machine, which alone would cap ``znak classify``
below its target. For a bag of lemmas the razdel behaviours that matter (hyphenated words,
decimal numbers, punctuation and emoji as separate tokens) are reproduced by ``_TOKEN``;
``tests/test_text.py`` checks that its word tokens agree with razdel's. razdel stays where
offsets and sentences matter (the draft check).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pymorphy3

# Typed tokens: what matters for a post's purpose is *that* it has a link, a phone or a date,
# not which one. They are plain words so that TF-IDF treats them like any other lemma.
URL, EMAIL, PHONE, DATE, TIME, HASHTAG, MENTION, EMOJI, NUMBER = (
    "zurl", "zemail", "zphone", "zdate", "ztime", "zhashtag", "zmention", "zemoji", "znum",
)
TYPED_TOKENS = (URL, EMAIL, PHONE, DATE, TIME, HASHTAG, MENTION, EMOJI, NUMBER)

_MONTHS = (
    "январ[яеь]|феврал[яеь]|март[аеь]?|апрел[яеь]|ма[яей]|июн[яеь]|июл[яеь]|август[аеь]?|"
    "сентябр[яеь]|октябр[яеь]|ноябр[яеь]|декабр[яеь]"
)
_EMOJI_CLASS = (
    "\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF\u203C\u2049\u3030\u303D"
    "\u00A9\u00AE\u2122\u2139\u24C2\u2934\u2935\u25AA-\u25FE"
)
_EMOJI_JOINERS = "\uFE0F\u200D\U0001F3FB-\U0001F3FF\u20E3"

# Applied in this order, each to the output of the previous one (an e-mail contains a domain,
# a URL may contain digits and #, so these go first). Every pattern starts with a plain
# character or class so that the regex engine can skip ahead to candidates: these
# substitutions are the hot path of `znak classify`.
_TLDS = "ru|рф|su|com|org|net|online|info"
_TYPED = [
    (EMAIL, r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    (URL, rf"(?:https?://|www\.)\S+|\b(?:[\w-]+\.)+(?:{_TLDS})\b(?:/\S*)?"),
    (MENTION, r"\[(?:id|club|public)\d+\|[^\]]*\]|(?<!\w)@\w{3,}"),
    # +7… or 8…, not inside a word or number; the odd shape keeps a one-character prefix.
    (PHONE, r"[+8](?<![\w+][+8])(?:(?<=\+)7|(?<=8))[\s(-]*\d{3,5}[\s)-]*\d{1,3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)"),  # noqa: E501
    # 10:00 always; 10.00 only where the part after the dot cannot be a month (12.03 is a date).
    (TIME, r"\b\d{1,2}(?::[0-5]\d|\.(?:00|1[3-9]|[2-5]\d))(?:\s*[-–—]\s*\d{1,2}[:.][0-5]\d)?(?![\d.:])"),
    (DATE, rf"\b\d{{1,2}}(?:[./]\d{{1,2}}(?:[./]\d{{2,4}})?(?![\d.])|(?:\s*[-–—]\s*\d{{1,2}})?\s+(?:{_MONTHS})\b)"),  # noqa: E501
    (HASHTAG, r"#\w+"),
    (EMOJI, rf"[{_EMOJI_CLASS}][{_EMOJI_JOINERS}]*"),
]
_TYPED_RES = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _TYPED]
# Cheap tests that let most texts skip a pattern altogether.
_TLD_HINT = re.compile(rf"\.(?:{_TLDS})\b|http|www\.", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_NEEDS = {
    EMAIL: lambda text: "@" in text,
    URL: _TLD_HINT.search,
    MENTION: lambda text: "@" in text or "[" in text,
    PHONE: _DIGIT.search,
    TIME: _DIGIT.search,
    DATE: _DIGIT.search,
    HASHTAG: lambda text: "#" in text,
    EMOJI: lambda text: not text.isascii(),
}

# Words (with inner hyphens), numbers (with decimal part), typed tokens, or one non-space symbol.
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+(?:[.,]\d+)?|\S")


def normalise(text: str) -> str:
    """Replace links, contacts, dates, times, hashtags, mentions and emoji by typed tokens.

    A hashtag keeps its word after the typed token (#викторина is a strong purpose cue).

    >>> normalise("Звоните 8 (8172) 55-12-30 до 15 марта в 10:00 🎉 #конкурс")
    'Звоните  zphone  до  zdate  в  ztime   zemoji   zhashtag конкурс '
    >>> normalise("")
    ''
    """

    for kind, pattern in _TYPED_RES:
        if _NEEDS[kind](text):
            text = pattern.sub(_hashtag_keeping_word if kind == HASHTAG else f" {kind} ", text)
    return text


def _hashtag_keeping_word(match: re.Match[str]) -> str:
    return f" {HASHTAG} {match.group()[1:]} "


@dataclass(frozen=True, slots=True)
class WordInfo:
    """What znak needs of one word form's most likely pymorphy3 parse."""

    lemma: str
    pos: str  # pymorphy3 part of speech, '' when unknown
    case: str  # pymorphy3 case (nomn, gent…), '' when none
    known: bool  # in the dictionary (not guessed by a predictor)
    imperative: bool
    second_person: bool
    first_plural: bool
    past: bool
    future: bool
    infinitive: bool
    grammar: tuple[str, ...]  # the flags above as tokens (gpast, gfut, gimpr, g2per, g1pl, ginf)
    surface: str  # the form and its endings as tokens (=состоится ~тся ~ится)


@dataclass(frozen=True, slots=True)
class Doc:
    """One text analysed once: everything features and vectorisers read."""

    text: str
    normalised: str
    tokens: tuple[str, ...]  # lower-cased tokens of the normalised text, typed tokens included
    words: tuple[WordInfo, ...]  # one per alphabetic token that is not a typed token
    lemma_text: str  # lemmas, typed tokens and zq/zexcl for ?/!: what the vectoriser reads
    grammar_text: str  # one token per purpose-bearing verb form (gpast, gfut, gimpr, g2per…)
    surface_text: str  # word forms and their endings (=состоится ~тся ~ится): tense, typos, dialect


@lru_cache(maxsize=1)
def morph() -> pymorphy3.MorphAnalyzer:
    """The process-wide analyser: loading the dictionaries takes ~0.5 s, so do it once."""
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=500_000)
def word_info(word: str) -> WordInfo:
    """Analyse one lower-cased word form (cached: real texts repeat a small vocabulary)."""
    parse = morph().parse(word)[0]
    tag = parse.tag
    grammemes = tag.grammemes  # a plain frozenset: `in` on the tag itself validates every name
    flags = {
        "imperative": "impr" in grammemes,
        "second_person": "2per" in grammemes,
        "first_plural": "1per" in grammemes and "plur" in grammemes,
        "past": "past" in grammemes,
        "future": "futr" in grammemes,
        "infinitive": "INFN" in grammemes,
    }
    return WordInfo(
        lemma=parse.normal_form.replace("ё", "е"),
        pos=str(tag.POS or ""),  # plain str: pymorphy3 grammemes compare slowly
        case=str(tag.case or ""),
        known=parse.is_known,
        grammar=tuple(_GRAMMAR_TOKENS[name] for name, on in flags.items() if on),
        surface=_surface_tokens(word),
        **flags,
    )


# Tense, mood and person as words, so that a linear model weighs them like lemmas.
_GRAMMAR_TOKENS = {"past": "gpast", "future": "gfut", "imperative": "gimpr",
                   "second_person": "g2per", "first_plural": "g1pl", "infinitive": "ginf"}


def _surface_tokens(word: str) -> str:
    """The form itself and its last 3 and 4 letters: what lemmas lose (состоится vs состоялся).

    >>> _surface_tokens("состоится")
    '=состоится ~тся ~ится'
    """
    return " ".join([f"={word}"] + [f"~{word[-n:]}" for n in (3, 4) if len(word) > n])


def tokenize(text: str) -> list[str]:
    """Regex tokens of a text, original case.

    >>> tokenize("Приём граждан — 12.5 тыс. заявок!")
    ['Приём', 'граждан', '—', '12.5', 'тыс', '.', 'заявок', '!']
    """
    return _TOKEN.findall(text)


def analyze(text: str) -> Doc:
    """Normalise, tokenise and look up every word of a text once."""
    normalised = normalise(text)
    tokens = tuple(_TOKEN.findall(normalised.lower()))
    words: list[WordInfo] = []
    lemmas: list[str] = []
    grammar: list[str] = []
    surface: list[str] = []
    for token in tokens:
        if token in _TYPED_SET:
            lemmas.append(token)
        elif token[0].isalpha():  # _TOKEN makes every token starting with a letter a word
            info = word_info(token)
            words.append(info)
            lemmas.append(info.lemma)
            grammar.extend(info.grammar)
            surface.append(info.surface)
        elif token in _PUNCT_TOKENS:
            lemmas.append(_PUNCT_TOKENS[token])
    return Doc(text=text, normalised=normalised, tokens=tokens, words=tuple(words),
               lemma_text=" ".join(lemmas), grammar_text=" ".join(grammar),
               surface_text=" ".join(surface))


_TYPED_SET = frozenset(TYPED_TOKENS)
_PUNCT_TOKENS = {"?": "zq", "!": "zexcl"}
