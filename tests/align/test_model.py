"""Line spans: written by line_spans, read back by span_numbers/span_ends/first_line, which every
pass that asks where a unit stands in the document uses."""

from harness.align.model import first_line, line_spans, span_ends, span_numbers


def test_spans_are_read_back_in_reading_order() -> None:
    lines = line_spans((186, 187, 92, 93, 40))
    assert lines == "186-187,92-93,40"
    assert span_numbers(lines) == [186, 187, 92, 93, 40]
    assert span_ends(lines) == (186, 40)  # a stitched unit: its first and last line, not its lowest and highest
    assert first_line(lines) == 186


def test_a_unit_without_line_numbers_has_no_ends() -> None:
    assert span_numbers("") == []
    assert span_ends("") is None
    assert first_line("") == 0
    assert span_ends("12") == (12, 12)
