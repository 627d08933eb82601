"""Draft check: a 0–10 text-quality score in the spirit of Главред, with located hints.

Every check is one small function of an analysed draft returning issues with character offsets
into the original text; ``CHECKS`` is their ordered registry. The score follows Главред's shape:
10 × (1 − weighted issues / words)³, so a few stamps in a long text cost little and the same
stamps in a short text cost a lot.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import NamedTuple

import razdel

from model.style_dictionary import Match, StyleDictionary, default_dictionary, match_keys
from model.text import WordInfo, word_info

LONG_SENTENCE_WORDS = 25
WALL_OF_TEXT_CHARS = 600
MAX_HASHTAGS = 5
SEVERITY_WEIGHT = {"error": 1.5, "warning": 1.0, "info": 0.5}

# Abbreviations written in capitals by rule, not shouting.
_ABBREVIATIONS = frozenset(
    "мфц гибдд мчс жкх црб гто фап омвд умвд мвд рф рб рк нко снт тос сош оош моу мбоу маоу мбдоу "
    "мадоу гбуз гауз кцсон пфр сфр фнс фсс фссп огэ егэ впр дк цдк рдк мбук мкук мук сдк сво ссср "
    "вов гимс еддс ук тко мкд ип ооо пао оао зао вк ок цур гку гбу мку муп оау ао пмпк дод цдт днт".split()
)
_NAMES_OK = frozenset("госуслуги вконтакте телеграм пушкинская".split())
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # the tokens razdel would give, without offsets work
_HASHTAG = re.compile(r"#\w+")
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF]")
_DATE = re.compile(r"\b\d{1,2}[./]\d{1,2}|\b\d{1,2}\s+(?:январ|феврал|март|апрел|ма[яй]|июн|июл|август|"
                   r"сентябр|октябр|ноябр|декабр)|\b(?:сегодня|завтра|понедельник|вторник|сред[уа]|"
                   r"четверг|пятниц|суббот|воскресень)", re.IGNORECASE)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*(?:ч\.|час)|\bс\s+\d{1,2}\s+до\s+\d{1,2}", re.IGNORECASE)
# A place is an address, or a venue after a locative preposition («в Доме культуры», «на стадионе»),
# or an online venue; a venue word alone («Клуб настольных игр собирается…») says nothing of where.
_PLACE = re.compile(r"\b(?:ул\.|улиц[аеы]\s|пр-т|просп|пер\.|по адресу|каб\.|кабинет|этаж|"
                    r"онлайн|в прямом эфире|https?://|(?:в|во|на|у|возле|около)\s+(?:[\w-]+\s+){0,2}?"
                    r"(?:зал|площад|дк\b|дом[а-я]* культуры|библиотек|школ|гимнази|лице|стадион|парк|"
                    r"сквер|музе|клуб|центр|администраци|мфц|актов|фойе|холл|спортзал|бассейн|храм|"
                    r"сельсовет|поликлиник|больниц|сад[уа]?\b|мемориал|памятник|обелиск))",
                    re.IGNORECASE)
_CONTACT = re.compile(r"(?:\+7|\b8)[\s(-]*\d{3}|@\w|\bтел\.|\bтелефон|https?://|\.ru\b", re.IGNORECASE)
_ANNOUNCEMENT = re.compile(r"\b(?:приглаша\w*|состоится|состоятся|пройд[её]т|пройдут|ждём|ждем|"
                           r"начн[её]тся|открывается|анонс\w*|начало в|приходите|вход свободный|"
                           r"участие бесплатное|собирается по|собираемся)", re.IGNORECASE)
_POLL = re.compile(r"\b(?:опрос|голосу|голосов|выбирае|выберите|какой вариант)", re.IGNORECASE)
_CALL_TO_ACTION = re.compile(r"\b(?:приглаша|ждём|ждем|записывайтесь|приходите|голосуйте|пишите|"
                             r"присылайте|звоните|участвуйте|регистрируйтесь|подписывайтесь|"
                             r"делитесь|отвечайте|оставляйте)", re.IGNORECASE)


@dataclass(frozen=True)
class Issue:
    code: str
    message: str  # in Russian: what is wrong and what to do
    start: int  # character offsets into the original text
    end: int
    severity: str  # error | warning | info


@dataclass(frozen=True)
class Stats:
    words: int
    sentences: int
    mean_sentence_length: float
    readability: float  # Flesch for Russian (Оборнева): 206.835 − 1.3·ASL − 60.1·ASW
    stopword_share: float  # share of words inside dictionary matches


@dataclass(frozen=True)
class DraftReport:
    score: float
    label: str | None
    probabilities: dict[str, float]
    issues: list[Issue]
    stats: Stats

    def to_dict(self) -> dict:
        return asdict(self)


class Word(NamedTuple):  # a named tuple: drafts have hundreds of words, dataclass init is slow
    text: str
    start: int
    end: int
    info: WordInfo


@dataclass
class Draft:
    """A draft analysed once for all checks."""

    text: str
    words: list[Word]
    sentences: list[tuple[int, int]]  # (start, stop) of each sentence
    label: str | None
    dictionary: StyleDictionary
    matched_words: set[int] = field(default_factory=set)

    @cached_property
    def dictionary_matches(self) -> list[Match]:
        return self.dictionary.find([match_keys(w.info) for w in self.words])

    @cached_property
    def announcement(self) -> re.Match[str] | None:
        """The first word that makes the draft an announcement of something to come, if any."""
        return _ANNOUNCEMENT.search(self.text)

    @cached_property
    def word_starts(self) -> list[int]:
        return [w.start for w in self.words]


def analyse(text: str, label: str | None, dictionary: StyleDictionary) -> Draft:
    words = [Word(m.group(), m.start(), m.end(), word_info(m.group().lower().replace("ё", "е")))
             for m in _WORD.finditer(text)]
    sentences = [(s.start, s.stop) for s in razdel.sentenize(text) if s.text.strip()]
    return Draft(text, words, sentences, label, dictionary)


def _dictionary_issues(draft: Draft, code: str) -> list[Issue]:
    issues = []
    for match in draft.dictionary_matches:
        entry = match.entry
        if entry.code != code:
            continue
        draft.matched_words.update(range(match.first, match.last + 1))
        start, end = draft.words[match.first].start, draft.words[match.last].end
        advice = f" Лучше: {entry.advice}." if entry.advice else ""
        kind = "Канцелярит" if code == "kantselyarit" else "Штамп"
        issues.append(Issue(code, f"{kind}: «{draft.text[start:end]}». {entry.rationale}{advice}".strip(),
                            start, end, "warning"))
    return issues


def kantselyarit(draft: Draft) -> list[Issue]:
    return _dictionary_issues(draft, "kantselyarit")


def stamp(draft: Draft) -> list[Issue]:
    return _dictionary_issues(draft, "stamp")


def _is_verbal_noun(word: Word) -> bool:
    return word.info.pos == "NOUN" and word.info.lemma.endswith(("ние", "тие", "ция", "ство"))


def _continues_chain(word: Word, after_po: bool) -> bool:
    return word.info.pos == "NOUN" and (word.info.case == "gent" or after_po)


def passive_chain(draft: Draft) -> list[Issue]:
    """Three or more nouns linked by the genitive or «по» («проведение мероприятий по обеспечению
    безопасности дорожного движения»), at least two of them verbal nouns. Adjectives between the
    nouns do not break the chain."""
    issues: list[Issue] = []
    run: list[Word] = []
    after_po = False

    def flush() -> None:
        if len(run) >= 3 and sum(_is_verbal_noun(w) for w in run) >= 2:
            start, end = run[0].start, run[-1].end
            issues.append(Issue("passive_chain", f"Цепочка существительных «{draft.text[start:end]}»: "
                                "замените отглагольное существительное глаголом.", start, end, "warning"))

    for word in draft.words:
        if run and word.info.pos in ("ADJF", "PRTF"):
            continue
        if run and word.text.lower() == "по":
            after_po = True
            continue
        if run and _continues_chain(word, after_po):
            run.append(word)
        else:
            flush()
            run = [word] if word.info.pos == "NOUN" else []
        after_po = False
    flush()
    return issues


def long_sentence(draft: Draft) -> list[Issue]:
    issues = []
    for start, stop in draft.sentences:
        n = bisect_left(draft.word_starts, stop) - bisect_left(draft.word_starts, start)
        if n > LONG_SENTENCE_WORDS:
            severity = "error" if n > 2 * LONG_SENTENCE_WORDS else "warning"
            issues.append(Issue("long_sentence", f"Предложение из {n} слов: разбейте его на два-три "
                                f"коротких (до {LONG_SENTENCE_WORDS} слов).", start, stop, severity))
    return issues


def wall_of_text(draft: Draft) -> list[Issue]:
    issues, offset = [], 0
    for paragraph in re.split(r"(\n\s*\n|\n)", draft.text):
        if len(paragraph.strip()) > WALL_OF_TEXT_CHARS:
            start = offset + len(paragraph) - len(paragraph.lstrip())
            issues.append(Issue("wall_of_text", f"Абзац из {len(paragraph.strip())} знаков без разрывов: "
                                "разбейте текст на абзацы по одной мысли.", start,
                                start + len(paragraph.strip()), "warning"))
        offset += len(paragraph)
    return issues


def caps(draft: Draft) -> list[Issue]:
    issues = []
    shouting = [w for w in draft.words if len(w.text) >= 4 and w.text.isupper()
                and w.text.lower() not in _ABBREVIATIONS]
    for word in shouting:
        issues.append(Issue("caps", f"«{word.text}» написано капслоком: в ленте это читается как крик. "
                            "Выделите главное первой строкой.", word.start, word.end, "warning"))
    return issues


def emoji_spam(draft: Draft) -> list[Issue]:
    found = list(_EMOJI.finditer(draft.text))
    limit = max(4, len(draft.words) // 15)
    if len(found) <= limit:
        return []
    return [Issue("emoji_spam", f"Эмодзи: {len(found)} на {len(draft.words)} слов. Оставьте один-два "
                  "там, где они помогают найти главное.", found[limit].start(), found[-1].end(), "warning")]


def hashtag_spam(draft: Draft) -> list[Issue]:
    found = list(_HASHTAG.finditer(draft.text))
    if len(found) <= MAX_HASHTAGS:
        return []
    return [Issue("hashtag_spam", f"Хештегов {len(found)}: оставьте до {MAX_HASHTAGS} — "
                  "по ним действительно ищут.", found[MAX_HASHTAGS].start(), found[-1].end(), "info")]


def typo(draft: Draft) -> list[Issue]:
    """Lower-case Cyrillic words that pymorphy3 only guesses: capitalised words may be names."""
    issues = []
    for word in draft.words:
        text = word.text
        if (len(text) >= 4 and text[0].islower() and not word.info.known
                and re.fullmatch(r"[а-яё-]+", text) and text not in _NAMES_OK):
            issues.append(Issue("typo", f"Проверьте написание: «{text}» нет в словаре.",
                                word.start, word.end, "info"))
    return issues


def no_contact(draft: Draft) -> list[Issue]:
    """Practical advice and notices should say where to turn (a phone, a link, an address)."""
    if draft.label != "useful" or draft.announcement or _CONTACT.search(draft.text):
        return []
    end = len(draft.text.rstrip())
    return [Issue("no_specifics", "Добавьте, куда обращаться: телефон, сайт или адрес.",
                  max(0, end - 1), end, "info")]


def no_specifics(draft: Draft) -> list[Issue]:
    """An announcement must say when, where and how to get there or ask."""
    if not draft.announcement:
        return []
    missing = [name for name, pattern in (("даты", _DATE), ("времени", _TIME), ("места", _PLACE))
               if not pattern.search(draft.text)]
    if not _CONTACT.search(draft.text) and not _PLACE.search(draft.text):
        missing.append("контакта")
    if not missing:
        return []
    match = draft.announcement
    return [Issue("no_specifics", f"В анонсе не хватает: {', '.join(missing)}. Читатель должен понять, "
                  "когда, где и как прийти или записаться.", match.start(), match.end(), "error")]


def _asks_to_respond(draft: Draft) -> bool:
    return draft.label == "interactive" or bool(_POLL.search(draft.text))


def no_question(draft: Draft) -> list[Issue]:
    if "?" in draft.text or not _asks_to_respond(draft):
        return []
    end = len(draft.text.rstrip())
    return [Issue("no_question", "Пост зовёт к участию, но ни о чём не спрашивает: задайте "
                  "подписчикам прямой вопрос.", max(0, end - 1), end, "error")]


def no_call_to_action(draft: Draft) -> list[Issue]:
    """An interactive post or an announcement must say what to do; a question is a call too."""
    needs = draft.label == "interactive" or (draft.label == "useful" and draft.announcement)
    if (not needs or "?" in draft.text or _CALL_TO_ACTION.search(draft.text)
            or any(w.info.imperative for w in draft.words)):
        return []
    end = len(draft.text.rstrip())
    return [Issue("no_call_to_action", "Скажите прямо, что сделать читателю: прийти, записаться, "
                  "проголосовать, написать.", max(0, end - 1), end, "warning")]


Check = Callable[[Draft], list[Issue]]
CHECKS: tuple[Check, ...] = (
    kantselyarit, stamp, passive_chain, long_sentence, wall_of_text, caps, emoji_spam,
    hashtag_spam, typo, no_specifics, no_contact, no_question, no_call_to_action,
)


_VOWEL = re.compile("[аеёиоуыэюяaeiouy]", re.IGNORECASE)


def stats_of(draft: Draft) -> Stats:
    n_words, n_sentences = len(draft.words), max(1, len(draft.sentences))
    asl = n_words / n_sentences
    # one syllable per vowel; a word without vowels (an abbreviation) still counts as one
    asw = max(n_words, len(_VOWEL.findall(" ".join(w.text for w in draft.words)))) / n_words if n_words else 0.0
    return Stats(
        words=n_words,
        sentences=len(draft.sentences),
        mean_sentence_length=round(asl, 1),
        readability=round(206.835 - 1.3 * asl - 60.1 * asw, 1) if n_words else 0.0,
        stopword_share=round(len(draft.matched_words) / n_words, 3) if n_words else 0.0,
    )


def score_of(issues: list[Issue], n_words: int) -> float:
    """Главред's shape: 10 × (1 − weighted issues / words)³, one decimal."""
    if n_words == 0:
        return 0.0
    weighted = sum(SEVERITY_WEIGHT[i.severity] for i in issues)
    return round(10 * max(0.0, 1 - weighted / n_words) ** 3, 1)


def check_draft(text: str, classifier=None, dictionary: StyleDictionary | None = None) -> DraftReport:
    """Check a draft: type (when a classifier is given), score, located issues and stats."""
    label, probabilities = None, {}
    if classifier is not None:
        proba = classifier.predict_proba([text])[0]
        probabilities = {str(k): round(float(p), 4) for k, p in zip(classifier.labels, proba, strict=True)}
        label = max(probabilities, key=probabilities.get)
    draft = analyse(text, label, dictionary or default_dictionary())
    issues = sorted((issue for check in CHECKS for issue in check(draft)), key=lambda i: (i.start, i.code))
    stats = stats_of(draft)
    score = score_of(issues, stats.words)
    if not math.isfinite(score):
        score = 0.0
    return DraftReport(score, label, probabilities, issues, stats)
