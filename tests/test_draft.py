"""The draft check: every hint code on a text that has the defect and one that does not."""

import pytest

from model.draft import check_draft
from model.style_dictionary import StyleDictionary, default_dictionary, parse_dictionary

CLEAN = ("Вчера глава района провёл приём граждан. Пришли 14 человек. "
         "Главные вопросы — дороги и вывоз мусора.")


def codes(report) -> set[str]:
    return {issue.code for issue in report.issues}


def spans(text: str, report, code: str) -> list[str]:
    return [text[i.start:i.end] for i in report.issues if i.code == code]


@pytest.mark.parametrize("code, bad, fragment", [
    ("kantselyarit", "Администрацией осуществлялось проведение проверки готовности котельных.",
     "осуществлялось проведение"),
    ("kantselyarit", "В целях обеспечения порядка вход закрыт.", "В целях обеспечения"),
    ("stamp", "Праздник прошёл на высоком уровне, гости получили незабываемые впечатления.",
     "на высоком уровне"),
    ("passive_chain", "Продолжается проведение мероприятий по обеспечению безопасности дорожного "
     "движения.", "проведение мероприятий по обеспечению безопасности дорожного движения"),
    ("caps", "СРОЧНО! Завтра воды не будет.", "СРОЧНО"),
    ("typo", "Завтра в школе будет сабрание родителей.", "сабрание"),
])
def test_located_hint(code, bad, fragment):
    report = check_draft(bad)
    assert fragment in spans(bad, report, code) or any(fragment in s for s in spans(bad, report, code))
    assert code not in codes(check_draft(CLEAN))


def test_inflections_match_one_entry():
    dictionary = StyleDictionary(parse_dictionary(
        ["## kantselyarit test", "# пустой глагол", "осуществлять проведение\tпроводить"]))
    for form in ("осуществляется проведение", "осуществлял проведения", "осуществлять проведением"):
        assert codes(check_draft(f"Мы {form} работ.", dictionary=dictionary)) >= {"kantselyarit"}


def test_long_sentence_and_wall_of_text():
    sentence = ("Сотрудники центра вместе с волонтёрами и родителями учеников трёх школ района "
                "в течение всей прошлой недели помогали пожилым жителям посёлка убирать снег во "
                "дворах, приносили дрова и продукты, а также проверяли печи и проводку в домах.")
    report = check_draft(sentence)
    assert spans(sentence, report, "long_sentence") == [sentence]
    wall = " ".join([sentence] * 4)
    assert "wall_of_text" in codes(check_draft(wall))
    assert "wall_of_text" not in codes(check_draft("\n\n".join([sentence] * 4)))
    assert not codes(check_draft(CLEAN)) & {"long_sentence", "wall_of_text"}


def test_emoji_and_hashtag_spam():
    assert "emoji_spam" in codes(check_draft("Ура 🎉🎉🎉🎉🎉🎉🎉 праздник"))
    assert "emoji_spam" not in codes(check_draft("Ура, праздник 🎉"))
    tags = "Субботник в парке. " + " ".join(f"#тег{i}" for i in range(8))
    assert "hashtag_spam" in codes(check_draft(tags))
    assert "hashtag_spam" not in codes(check_draft("Субботник в парке. #Вологда #субботник"))


def test_abbreviations_are_not_shouting():
    assert "caps" not in codes(check_draft("МФЦ и ГИБДД работают по новому графику."))


def test_announcement_without_specifics():
    bad = "Приглашаем всех на праздник двора!"
    good = "Приглашаем всех на праздник двора 12 июня в 15:00 у дома 5 на ул. Ленина. Тел. 8 (8172) 55-12-30."
    assert "no_specifics" in codes(check_draft(bad))
    assert "no_specifics" not in codes(check_draft(good))


class FixedLabel:
    """A stand-in classifier that always says one label (the checks depend on the type)."""

    def __init__(self, label):
        self.labels = ["official", "useful", "interactive", "entertaining"]
        self.label = label

    def predict_proba(self, texts):
        return [[1.0 if lab == self.label else 0.0 for lab in self.labels] for _ in texts]


def test_interactive_needs_a_question_and_a_call():
    poll = FixedLabel("interactive")
    bad = "Опрос про новую площадку во дворе школы."
    assert {"no_question", "no_call_to_action"} <= codes(check_draft(bad, poll))
    good = "Какую площадку построить во дворе школы? Голосуйте в опросе!"
    assert not {"no_question", "no_call_to_action"} & codes(check_draft(good, poll))
    report = "Глава провёл совещание про новую площадку во дворе школы."
    assert "no_question" not in codes(check_draft(report, FixedLabel("official")))
    # a poll is a poll whatever the classifier says
    assert "no_question" in codes(check_draft(bad, FixedLabel("official")))


@pytest.mark.parametrize("text", ["", "🎉", "Hello world", "а" * 20_000, "?!"])
def test_edge_cases(text):
    report = check_draft(text)
    assert 0 <= report.score <= 10
    for issue in report.issues:
        assert 0 <= issue.start <= issue.end <= len(text)


def test_offsets_point_into_the_original_text():
    text = "🎉 Уважаемые жители!\n\nВ целях обеспечения порядка парк закрыт."
    issue = next(i for i in check_draft(text).issues if i.code == "kantselyarit")
    assert text[issue.start:issue.end] == "В целях обеспечения"


def test_clean_text_scores_higher():
    bad = ("В целях обеспечения безопасности администрацией осуществляется проведение мероприятий, "
           "которые проходят на высоком уровне в тёплой и дружественной атмосфере.")
    assert check_draft(CLEAN).score > check_draft(bad).score
    assert check_draft(CLEAN).score >= 8


def test_stats():
    stats = check_draft(CLEAN).stats
    assert stats.words == 14 and stats.sentences == 3
    assert stats.mean_sentence_length == 4.7
    assert 0 < stats.readability < 120


def test_dictionary_size_and_categories():
    dictionary = default_dictionary()
    assert len(dictionary.entries) >= 600
    assert {e.code for e in dictionary.entries} == {"kantselyarit", "stamp"}
    assert all(e.rationale for e in dictionary.entries)
    phrases = [e.lemmas for e in dictionary.entries]
    assert len(phrases) == len(set(phrases)), "two entries match the same lemmas"


def test_bad_dictionary_line_is_reported():
    with pytest.raises(ValueError, match=":1:"):
        parse_dictionary(["## nonsense category"])


def test_useful_notice_without_contact():
    notice = FixedLabel("useful")
    bad = "В морозы утеплите трубы и оставляйте кран приоткрытым на ночь."
    assert "no_specifics" in codes(check_draft(bad, notice))
    good = bad + " Если трубы замёрзли, звоните в аварийную службу: 8 (3412) 60-10-10."
    assert "no_specifics" not in codes(check_draft(good, notice))
