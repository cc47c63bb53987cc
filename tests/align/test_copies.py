"""Copy segments (the same text on both sides) are set aside from a built reference set by default."""

from __future__ import annotations

import pytest

from harness.align.copies import copy_reason, is_copy, set_aside_copies
from harness.align.model import AlignedPair, Alignment, SetAside, Unit
from harness.build_reference import drop_copies
from harness.errors import HarnessError

CODE = "copy: source and target are the same command, path, name or table cell (case, whitespace and punctuation aside)"
PROSE = "copy: source and target are the same untranslated text (case, whitespace and punctuation aside)"


def _pair(src: str, *tgt: str) -> AlignedPair:
    return AlignedPair((Unit(src, "1", "body"),), tuple(Unit(t, "2", "body") for t in tgt), "body", 0.9)


@pytest.mark.parametrize(
    ("src", "tgt", "copy"),
    [
        ("/etc/passwd", "/etc/passwd", True),
        ('"/etc/passwd"', "«/etc/passwd»", True),  # quotes differ: punctuation aside
        ("-rw-r----- shadow", "-rw-r-----  shadow", True),  # whitespace aside
        ("$ sudo chown my_name some_file", "$ sudo chown my_name some_file", True),
        ("smtp (mail)", "mail smtp", True),  # the same words in another order (a table row)
        ("Systemd.", "systemd", True),
        ("/etc/pam.d/program_name", "/etc/pam.d/nombre_de_programa", False),
        ("4.5. PAM and NSS", "4.5. PAM y NSS", False),
        ("Capítulo 4. Authentication", "Chapter 4. Authentication", False),
    ],
)
def test_what_counts_as_a_copy(src: str, tgt: str, copy: bool) -> None:
    assert is_copy(src, tgt) is copy


def test_the_reason_tells_code_from_untranslated_text() -> None:
    assert copy_reason("/etc/security/limits.conf", "en") == CODE
    assert copy_reason("Lock UEFI/BIOS and prevent booting from the removable media", "en") == PROSE


def test_copies_leave_the_pairs_for_the_set_aside_units_with_their_reason() -> None:
    kept = _pair("4.5. PAM and NSS", "4.5. PAM y NSS")
    cell = _pair("/etc/nologin", "/etc/nologin")
    prose = _pair("Move the hard disk to a PC with CD bootable UEFI/BIOS.", "Move the hard disk", "to a PC with CD bootable UEFI/BIOS.")
    earlier = SetAside("src", Unit("left over", "9", "body"), "no counterpart in the translation")
    result = set_aside_copies(Alignment([cell, kept, prose], [earlier]), "en")
    assert result.pairs == [kept]
    assert result.unaligned == [
        earlier,
        SetAside("src", cell.src[0], CODE),
        SetAside("tgt", cell.tgt[0], CODE),
        SetAside("src", prose.src[0], PROSE),
        SetAside("tgt", prose.tgt[0], PROSE),
        SetAside("tgt", prose.tgt[1], PROSE),
    ]


def test_copies_keep_and_bad_values() -> None:
    both = Alignment([_pair("/etc/nologin", "/etc/nologin"), _pair("4.5. PAM and NSS", "4.5. PAM y NSS")])
    assert drop_copies(both, "en", "keep") is both
    assert len(drop_copies(both, "en", "drop").pairs) == 1  # type: ignore[attr-defined]
    with pytest.raises(HarnessError, match=r"^copies must be 'drop' or 'keep'"):
        drop_copies(both, "en", "yes")
    with pytest.raises(HarnessError, match=r"^every aligned pair is a copy"):
        drop_copies(Alignment([_pair("/etc/nologin", "/etc/nologin")]), "en", "drop")
