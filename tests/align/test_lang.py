"""The shared tokenizer is cached (the builder's passes tokenize the same sentences hundreds of
thousands of times): a caller that changes its list must not change what the next caller gets."""

from harness.align.lang import content_words, words


def test_words_and_content_words_on_real_text() -> None:
    line = "Die 23.000 Pakete werden mit dpkg-deb gebaut, nicht mit tar’s Hilfe."
    assert words(line) == ["Die", "23.000", "Pakete", "werden", "mit", "dpkg-deb", "gebaut", "nicht", "mit", "tar’s", "Hilfe"]
    assert content_words(line, "de") == ["23.000", "Pakete", "dpkg-deb", "gebaut", "tar’s", "Hilfe"]


def test_a_caller_changing_its_list_leaves_the_cache_alone() -> None:
    line = "Das Paket wird installiert."
    first = words(line)
    first.append("junk")
    first[0] = "Der"
    assert words(line) == ["Das", "Paket", "wird", "installiert"]
    mine = content_words(line, "de")
    mine.clear()
    assert content_words(line, "de") == ["Paket", "installiert"]
