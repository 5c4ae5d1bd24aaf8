"""Scripts in the plan: right-to-left text in reading order, Arabic joined, CJK in a system
font (or noted when none is installed), the note on the cover, no control characters."""

from __future__ import annotations

import ctypes
import dataclasses
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.graphics.shapes import String
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from scoping_app.paths import resource
from scoping_app.report import fonts, scripts, systemfonts
from scoping_app.report.escape import escape, paragraph
from scoping_app.report.fonts import BOLD, REGULAR, register_fonts
from scoping_app.report.model import PlanReport
from scoping_app.report.pdf import UNDRAWABLE_NOTE
from scoping_app.services.export import write_pdf
from tests.report.conftest import pdf_text

HEBREW = "שלום עולם"
HEBREW_SHOWN = "םלוע םולש"  # left to right on the page
ARABIC = "مساعد الإجابات"
# Joined: initial, medial and final forms, and the lam-alef ligature, left to right.
ARABIC_SHOWN = "\ufe95\ufe8e\ufe91\ufe8e\ufe9f\ufef9\ufe8d \ufeaa\ufecb\ufe8e\ufeb4\ufee3"
ARABIC_ISOLATED_SHOWN = "تاباجإلا دعاسم"  # what an unjoined, merely reversed line holds
MIXED = "Meeting with שרה כהן about the launch"
MIXED_SHOWN = "Meeting with ןהכ הרש about the launch"
CJK = "検索 index 한국어 かな"


def _fontconfig_font() -> bool:
    return shutil.which(systemfonts.FC_LIST) is not None and bool(
        systemfonts.candidates("zh") and systemfonts.candidates("ko")
    )


@pytest.fixture
def no_cjk_font(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """fontconfig finds no font, as on a computer without CJK fonts."""
    monkeypatch.setattr(systemfonts, "fc_list", lambda _pattern: "")
    fonts.forget_fallbacks()
    yield
    monkeypatch.undo()
    fonts.forget_fallbacks()


@pytest.fixture
def cjk_font() -> Iterator[None]:
    fonts.forget_fallbacks()
    if not _fontconfig_font():
        pytest.skip("fontconfig finds no CJK font with TrueType outlines here")
    yield
    fonts.forget_fallbacks()


def _report(hand_report: Callable[..., PlanReport], **cover: str) -> PlanReport:
    report = hand_report(name=cover.pop("project_name", "Hand-built plan"))
    return dataclasses.replace(report, cover=dataclasses.replace(report.cover, **cover))


def _write(report: PlanReport, tmp_path: Path) -> Path:
    target = tmp_path / "plan.pdf"
    write_pdf(report, target)
    return target


def _lines_as_drawn(path: Path, page: int = 0) -> list[str]:
    """The page's lines, each glyph by its place left to right: the order on the page,
    whatever order a text extractor would read it in."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(path)
    try:
        text = document[page].get_textpage()
        lines: dict[float, list[tuple[float, str]]] = {}
        x, y = ctypes.c_double(), ctypes.c_double()
        for index in range(text.count_chars()):
            char = chr(raw.FPDFText_GetUnicode(text.raw, index))
            if char in "\r\n" or not raw.FPDFText_GetCharOrigin(text.raw, index, x, y):
                continue
            lines.setdefault(round(y.value, 1), []).append((x.value, char))
        return [
            "".join(char for _x, char in sorted(lines[key])) for key in sorted(lines, reverse=True)
        ]
    finally:
        document.close()


# The text itself ------------------------------------------------------------------------


def test_right_to_left_lines_in_display_order() -> None:
    assert scripts.visual(HEBREW) == HEBREW_SHOWN
    assert scripts.visual(MIXED) == MIXED_SHOWN
    assert scripts.visual(ARABIC) == ARABIC_SHOWN
    assert scripts.visual("שלום, world") == "world ,םולש"  # a Hebrew line, base right to left
    assert scripts.visual("Release 2.5 של המוצר") == "Release 2.5 רצומה לש"


def test_brackets_in_right_to_left_runs_are_mirrored() -> None:
    # Drawn left to right, the opening bracket (read first, on the right) is ")"-shaped.
    assert scripts.visual("(שלום) world") == "world (םולש)"
    assert scripts.visual("בדיקה (beta) 2.5") == "2.5 (beta) הקידב"


def test_bidi_controls_are_read_then_dropped() -> None:
    assert scripts.visual("abc \u2067שלום (x)\u2069 d") == "abc (x) םולש d"
    assert scripts.visual("x\u202eabc\u202c y") == "xcba y"


def test_arabic_letters_are_joined() -> None:
    shown = scripts.visual("محمد")
    assert shown == "\ufeaa\ufee4\ufea4\ufee3"  # final dal, medial meem and hah, initial meem
    assert all(0xFE70 <= ord(char) <= 0xFEFF for char in shown)
    assert "لا" not in scripts.visual("لا")  # lam-alef is one ligature glyph
    assert scripts.visual("لا") == "\ufefb"


def test_latin_text_takes_the_fast_path_unchanged() -> None:
    for text in ("Ωμέγα Привет", 'R&D <b> "x"', "naïve café – 50 €"):
        assert scripts.is_simple(text)
        assert scripts.visual(text) == text
    assert escape("Ωμέγα Привет") == "Ωμέγα Привет"
    assert not scripts.is_simple(HEBREW)
    assert not scripts.is_simple("abc\u200fdef")  # a bidi mark takes the slow path
    assert not scripts.is_simple("検")


def test_escape_of_right_to_left_text_is_still_literal_markup() -> None:
    register_fonts()
    raw = '<b>R&D</b> עם "ציטוט" & بيانات'
    markup = escape(raw)
    assert "<b>" not in markup and "&amp;" in markup
    paragraph = Paragraph(markup, ParagraphStyle("t", fontName=fonts.FAMILY))
    drawn = "".join(frag.text for frag in paragraph.frags)
    assert "R&D" in drawn and "<b>" in drawn
    assert "טוטיצ" in drawn  # reversed for the page
    assert "\ufe95\ufe8e\ufee7\ufe8e\ufef4\ufe91" in drawn  # بيانات, joined, left to right


def test_clean_drops_control_characters() -> None:
    text = "a\x00b\x07c\x1bd\x7fe\x9bf\ud800g\ufffeh\tx\ny"
    assert scripts.clean(text) == "abcdefgh\tx\ny"
    assert scripts.clean(text, one_line=True) == "abcdefgh x y"
    assert scripts.clean("  two\n\nlines \r\n ", one_line=True) == "two lines"
    assert scripts.clean("next\x85line\u2028too", one_line=True) == "next line too"
    assert escape("nul\x00 and bell\x07") == "nul and bell"


def test_undrawable_knows_hebrew_and_arabic_are_drawn(no_cjk_font: None) -> None:
    assert fonts.undrawable(HEBREW + ARABIC + "лес") == []
    assert fonts.undrawable("検 🙂") == ["検", "🙂"]


# Canvas and drawing strings --------------------------------------------------------------


def test_width_fit_and_wrap_work_in_logical_order() -> None:
    register_fonts()
    assert scripts.text_width(HEBREW, REGULAR, 10) == pytest.approx(
        stringWidth(HEBREW_SHOWN, REGULAR, 10)
    )
    fitted = scripts.fit("שלום עולם ומלואו ועוד הרבה מילים", BOLD, 10, 80)
    assert fitted.startswith("שלום") and fitted.endswith("…")  # the end goes, not the start
    assert scripts.text_width(fitted, BOLD, 10) <= 80
    lines = scripts.wrap("אחת שתיים שלוש ארבע חמש שש", REGULAR, 10, 60)
    assert len(lines) > 1 and lines[0].startswith("אחת")
    assert " ".join(lines) == "אחת שתיים שלוש ארבע חמש שש"
    cut = scripts.wrap("one two three four five six seven", REGULAR, 10, 40, max_lines=2)
    assert len(cut) == 2 and cut[-1].endswith("…")


def test_label_and_draw_string_put_a_line_in_display_order(tmp_path: Path) -> None:
    register_fonts()
    group = scripts.label(5, 5, MIXED, BOLD, 8, fillColor=None)
    strings = [item for item in group.contents if isinstance(item, String)]
    assert "".join(item.text for item in strings) == MIXED_SHOWN
    assert {item.fontName for item in strings} == {BOLD}
    target = tmp_path / "canvas.pdf"
    canvas = Canvas(str(target))
    canvas.setFont(REGULAR, 12)
    width = scripts.draw_string(canvas, 500, 700, HEBREW, REGULAR, 12, align="right")
    assert width == pytest.approx(stringWidth(HEBREW_SHOWN, REGULAR, 12))
    assert (canvas._fontname, canvas._fontsize) == (REGULAR, 12)
    canvas.showPage()
    canvas.save()
    assert HEBREW_SHOWN in _lines_as_drawn(target)


def test_cjk_label_runs_take_the_system_font(cjk_font: None) -> None:
    group = scripts.label(0, 0, CJK, REGULAR, 8)
    faces = [(item.text, item.fontName) for item in group.contents]
    assert ("検索", REGULAR) not in faces
    assert any(text == " index " and face == REGULAR for text, face in faces)
    assert all(face.startswith("Fallback-") for text, face in faces if text.strip() == "検索")


# The plan ---------------------------------------------------------------------------------


def test_hebrew_and_arabic_in_reading_order_in_the_plan(
    hand_report: Callable[..., PlanReport], tmp_path: Path
) -> None:
    report = _report(hand_report, project_name=HEBREW, owner=ARABIC, problem=MIXED)
    target = _write(report, tmp_path)
    drawn = _lines_as_drawn(target)
    assert HEBREW_SHOWN in drawn  # the title: one line, right to left
    assert any(ARABIC_ISOLATED_SHOWN in line for line in drawn)  # pdfium reads base letters
    assert MIXED_SHOWN in drawn
    # pypdf puts lines back in reading order: the text reads as typed.
    text = pdf_text(target)
    assert HEBREW in text
    assert "Meeting with שרה כהן" in text  # pypdf drops the space after the Hebrew
    # and keeps the glyphs' presentation forms: the Arabic was joined.
    assert "\ufee3\ufeb4\ufe8e\ufecb\ufeaa" in text  # مساعد, initial to final
    assert "\ufef9" in text  # lam with alef with hamza below, one glyph


def test_a_wrapped_right_to_left_paragraph_starts_on_its_first_line(tmp_path: Path) -> None:
    register_fonts()
    words = ["אחת", "שתיים", "שלוש", "ארבע", "חמש", "שש", "שבע", "שמונה", "תשע", "עשר"]
    style = ParagraphStyle("t", fontName=fonts.FAMILY, fontSize=12, leading=16)
    target = tmp_path / "wrapped.pdf"
    canvas = Canvas(str(target))
    flowable = paragraph(" ".join(words), style)
    _width, height = flowable.wrapOn(canvas, 120, 500)
    flowable.drawOn(canvas, 50, 700 - height)
    canvas.showPage()
    canvas.save()
    lines = [line for line in _lines_as_drawn(target) if line.strip()]
    assert len(lines) > 2
    assert lines[0].endswith("תחא")  # the first word, on the right of the first line
    assert lines[-1].startswith("רשע")  # the last word, on the left of the last line
    assert paragraph("plain", style).__class__ is Paragraph


def test_cjk_is_drawn_with_an_installed_font(
    cjk_font: None, hand_report: Callable[..., PlanReport], tmp_path: Path
) -> None:
    report = _report(hand_report, project_name=CJK, problem="問題 설명")
    target = _write(report, tmp_path)
    text = pdf_text(target)
    assert CJK in text
    assert "問題 설명" in text
    assert UNDRAWABLE_NOTE not in text
    assert "□" not in pdf_text_of_page(target, 0)
    faces = {
        str(font.get_object()["/BaseFont"])
        for font in PdfReader(target).pages[0]["/Resources"]["/Font"].values()
    }
    assert any("DejaVu" not in face for face in faces), faces


def test_cjk_without_an_installed_font_is_noted(
    no_cjk_font: None, hand_report: Callable[..., PlanReport], tmp_path: Path
) -> None:
    target = _write(_report(hand_report, project_name=CJK), tmp_path)
    first_page = pdf_text_of_page(target, 0)
    assert "□□ index □□□ □□" in first_page
    assert UNDRAWABLE_NOTE in first_page
    assert "U+691C" in first_page and "U+D55C" in first_page


def pdf_text_of_page(path: Path, number: int) -> str:
    return " ".join((PdfReader(path).pages[number].extract_text() or "").split())


def test_the_note_is_on_the_cover_even_when_the_cover_runs_over(
    no_cjk_font: None, hand_report: Callable[..., PlanReport], tmp_path: Path
) -> None:
    long_problem = "\n".join(f"Paragraph {number} of a long problem." * 4 for number in range(60))
    report = _report(hand_report, project_name="検索 assistant", problem=long_problem)
    target = _write(report, tmp_path)
    assert UNDRAWABLE_NOTE in pdf_text_of_page(target, 0)
    rest = " ".join(pdf_text_of_page(target, n) for n in range(1, len(PdfReader(target).pages)))
    assert UNDRAWABLE_NOTE not in rest


def test_no_note_when_everything_is_drawn(
    hand_report: Callable[..., PlanReport], tmp_path: Path
) -> None:
    target = _write(_report(hand_report, project_name=HEBREW, owner=ARABIC), tmp_path)
    assert UNDRAWABLE_NOTE not in pdf_text(target)


def test_control_characters_reach_neither_metadata_nor_text(
    hand_report: Callable[..., PlanReport], tmp_path: Path
) -> None:
    report = dataclasses.replace(
        _report(
            hand_report,
            project_name="Support\x00 assistant\x07\x1b",
            problem="Bell\x07 and\x00 escape\x1b[31m.",
        ),
        author="Ada\x00\x08 Lovelace\n",
    )
    target = _write(report, tmp_path)
    metadata = PdfReader(target).metadata
    assert metadata is not None
    assert metadata.title == "Support assistant: AI scoping plan"
    assert metadata.author == "Ada Lovelace"
    assert metadata.subject and metadata.subject.isprintable()
    text = pdf_text(target)
    assert "Bell and escape[31m." in text
    assert not any(ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 for char in text)


# Finding installed fonts ---------------------------------------------------------------------


def test_only_truetype_outlines_are_taken(tmp_path: Path) -> None:
    register_fonts()
    dejavu = str(resource("fonts", "DejaVuSans.ttf"))
    assert systemfonts.has_truetype_outlines(dejavu)
    cff = tmp_path / "cff.otf"  # an OpenType font with PostScript (CFF) outlines
    cff.write_bytes(b"OTTO\x00\x01\x00\x00\x00\x00\x00\x00" + b"CFF " + b"\x00" * 12)
    assert not systemfonts.has_truetype_outlines(str(cff))
    collection = tmp_path / "two.ttc"  # a collection whose second face is CFF
    data = Path(dejavu).read_bytes()
    face = data[: 12 + 16 * int.from_bytes(data[4:6], "big")]
    collection.write_bytes(
        b"ttcf\x00\x01\x00\x00\x00\x00\x00\x02"
        + (20).to_bytes(4, "big")
        + (20 + len(face)).to_bytes(4, "big")
        + face
        + b"OTTO\x00\x01"
        + b"\x00" * 6
        + b"CFF "
        + b"\x00" * 12
    )
    assert systemfonts.has_truetype_outlines(str(collection), 0)
    assert not systemfonts.has_truetype_outlines(str(collection), 1)
    assert not systemfonts.has_truetype_outlines(str(collection), 2)
    assert not systemfonts.has_truetype_outlines(str(tmp_path / "missing.ttf"))


def test_fontconfig_listing_is_read_and_ranked(monkeypatch: pytest.MonkeyPatch) -> None:
    listing = (
        "/f/mono.ttc\t1\tSome Hei Mono\tRegular\t100\n"
        "/f/bold.ttf\t0\tSome Sans\tBold\t0\n"
        "/f/serif.ttf\t0\tSome Ming\tRegular\t0\n"
        "/f/sans.ttc\t0\tSome Sans\tRegular\t0\n"
        "garbage line\n"
    )
    asked: list[str] = []

    def fake(pattern: str) -> str:
        asked.append(pattern)
        return listing

    monkeypatch.setattr(systemfonts, "fc_list", fake)
    monkeypatch.setattr(systemfonts, "has_truetype_outlines", lambda path, index=0: True)
    systemfonts.forget()
    try:
        found = systemfonts.candidates("zh")
        assert [font.path for font in found] == [
            "/f/sans.ttc",
            "/f/serif.ttf",
            "/f/mono.ttc",
            "/f/bold.ttf",
        ]
        assert found[2].index == 1 and found[2].monospace
        systemfonts.candidates("zh")
        assert asked == [":lang=zh:outline=True"]  # asked once, then cached
    finally:
        systemfonts.forget()


def test_a_missing_fontconfig_means_no_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(systemfonts, "FC_LIST", "/nonexistent/fc-list")
    assert systemfonts.fc_list(":lang=zh") == ""
