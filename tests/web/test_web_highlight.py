"""Highlighting: text cut at every mark boundary, and every piece escaped."""

from __future__ import annotations

from dyad.web.highlight import Mark, render, segments


def test_highlight_segments_cut_at_every_boundary_of_overlapping_marks() -> None:
    text = "Russia met Ukraine today."
    evidence = Mark(0, 25, "evid", "ev0")
    trigger = Mark(7, 10, "trig", "ev0", "CONSULT")
    actor = Mark(11, 18, "act", "a1", "Ukraine")
    segs = segments(text, [actor, trigger, evidence])
    assert "".join(s.text for s in segs) == text
    assert [(s.text, s.refs) for s in segs] == [
        ("Russia ", "ev0"), ("met", "ev0"), (" ", "ev0"), ("Ukraine", "ev0 a1"),
        (" today.", "ev0")]
    assert segs[1].css == "evid trig" and segs[1].label == "CONSULT"


def test_highlight_marks_outside_the_text_are_clipped_and_empty_ones_dropped() -> None:
    segs = segments("abc", [Mark(-5, 1, "x", "r0"), Mark(2, 99, "y", "r1"), Mark(2, 2, "z", "r2")])
    assert [(s.text, s.refs) for s in segs] == [("a", "r0"), ("b", ""), ("c", "r1")]
    assert segments("", [Mark(0, 3, "x", "r0")]) == []


def test_highlight_render_escapes_text_and_attributes() -> None:
    text = '<script>alert(1)</script> said "x"'
    html = str(render(segments(text, [Mark(0, 8, 'a" onmouseover="x', "r0", '"><b>')])))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'onmouseover="x' not in html and "&#34;&gt;&lt;b&gt;" in html
    assert html.endswith("said &#34;x&#34;")
