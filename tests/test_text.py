"""Normalisation, tokens and analysis, including the edge cases every pipeline must survive."""

from collections import Counter

import pandas as pd
import pytest
import razdel

from model import text as tx
from tests.conftest import DATA


@pytest.mark.parametrize("raw, kind", [
    ("Подробнее: https://gosuslugi.ru/600000/1", tx.URL),
    ("сайт школы school12.edu.ru", tx.URL),
    ("пишите на info@mfc35.ru", tx.EMAIL),
    ("звоните +7 (8172) 55-12-30", tx.PHONE),
    ("т. 89211234567", tx.PHONE),
    ("приём с 9:00 до 18:00", tx.TIME),
    ("начало в 10.00", tx.TIME),
    ("до 15 марта включительно", tx.DATE),
    ("до 12.03.2025 включительно", tx.DATE),
    ("#Череповец", tx.HASHTAG),
    ("спасибо [id123|Ирине Петровне]", tx.MENTION),
    ("праздник 🎉", tx.EMOJI),
])
def test_typed_tokens(raw, kind):
    assert kind in tx.analyze(raw).tokens


@pytest.mark.parametrize("raw, absent", [
    ("12.03 — встреча", tx.TIME),  # a day and month, not a time
    ("в 2024 году", tx.PHONE),
    ("Ленина, 8", tx.PHONE),
    ("тел. 88", tx.PHONE),
])
def test_typed_tokens_not_overmatched(raw, absent):
    assert absent not in tx.analyze(raw).tokens


def test_lemmas_and_grammar():
    doc = tx.analyze("Приходи! Мы провели собрания?")
    assert doc.lemma_text.split() == ["приходить", "zexcl", "мы", "провести", "собрание", "zq"]
    assert doc.grammar_text.split() == ["gimpr", "g1pl", "gpast"]


@pytest.mark.parametrize("raw", ["", "   \n ", "🎉🎉🎉", "Hello world, see you soon!",
                                 "Привет " * 3000, "\x00\u200b", "?!?!"])
def test_edge_cases_analyse(raw):
    doc = tx.analyze(raw)
    assert doc.text == raw
    assert isinstance(doc.lemma_text, str)
    assert len(doc.words) <= len(doc.tokens)


def test_latin_words_are_words():
    doc = tx.analyze("Welcome to the open day")
    assert [w.lemma for w in doc.words] == ["welcome", "to", "the", "open", "day"]


def test_regex_tokens_agree_with_razdel():
    """The hot-path tokenizer yields razdel's alphabetic tokens on corpus texts.

    Known differences: razdel keeps «пн–пт», «МТЗ-82» and «10-летием» whole.
    """
    texts = pd.read_csv(DATA / "posts.csv")["text"].sample(300, random_state=0)
    agree = total = 0
    for text in texts:
        ours = Counter(t for t in tx.tokenize(text) if t[0].isalpha())
        theirs = Counter(t.text for t in razdel.tokenize(text) if t.text[0].isalpha())
        agree += sum((ours & theirs).values())
        total += max(sum(ours.values()), sum(theirs.values()))
    assert agree / total >= 0.99
