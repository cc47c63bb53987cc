from __future__ import annotations

from harness.align.pullquotes import find_pull_quotes

BODY_DE = [
    "Die Ursprünge der Zusammenarbeit datieren weiter zurück.",
    "2015 beteiligte sich Kolumbien erstmals erfolgreich an der NATO-geführten Mission Ocean Shield zur Bekämpfung der Piraterie.",
    "2017 unterzeichneten Kolumbien und die NATO ein Programm.",
]
BODY_EN = [
    "The global partnership between Colombia and NATO is far from being a paper tiger.",
    "On the contrary, the security cooperation is both substantial and concrete.",
    "Since 2013, the relationship has been steadily developing and deepening.",
]


def test_short_restatement_of_a_body_sentence_is_a_pull_quote() -> None:
    blocks = [BODY_DE, ["2015 beteiligte sich Kolumbien erstmals an einer NATO-geführten Mission."]]
    assert find_pull_quotes(blocks, "de") == {1: 0}


def test_identical_sentence_the_short_block_is_the_pull_quote() -> None:
    blocks = [["The global partnership between Colombia and NATO is far from being a paper tiger."], BODY_EN]
    assert find_pull_quotes(blocks, "en") == {0: 1}


def test_short_paragraph_with_new_content_is_not_a_pull_quote() -> None:
    blocks = [BODY_DE, ["Auf dem Papier liegt damit eine ambitionierte Agenda für die weitere Zusammenarbeit vor."]]
    assert find_pull_quotes(blocks, "de") == {}


def test_heading_and_fragment_are_not_pull_quotes() -> None:
    blocks = [BODY_EN, ["Global partnership between Colombia and NATO"], ["and deepening of the partnership between Colombia and NATO."]]
    assert find_pull_quotes(blocks, "en") == {}
