"""The plan's layout: headings, table splits, column widths, long texts, outline, contents.

Pages are read with pypdfium2 (each character's box and font) and pypdf (the outline,
the links): what a sponsor sees, not what the code meant.
"""

from __future__ import annotations

import ctypes
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from benchmarks.generate import large_project
from scoping_app.domain.model import Project
from scoping_app.report import build_plan, sections
from scoping_app.report.contents import TITLE as CONTENTS
from scoping_app.report.pdf import _MARGIN_BOTTOM, _MARGIN_TOP, _MARGIN_X
from scoping_app.services.export import write_pdf
from tests.conftest import EXAMPLE_FILE
from tests.test_confidence_end_to_end import DRIVERS, LATENCY

TODAY = date(2026, 3, 3)


# ---------------------------------------------------------------- reading the pages


@dataclass(frozen=True)
class Line:
    """A line of text on a page, as set: its words, its place, its font."""

    text: str
    bottom: float
    top: float
    left: float
    size: float
    bold: bool


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    lines: tuple[Line, ...]  # top to bottom, left to right

    @property
    def body(self) -> tuple[Line, ...]:
        """The lines inside the frame: no running header, no footer."""
        return tuple(
            line
            for line in self.lines
            if line.bottom >= _MARGIN_BOTTOM - 4 and line.top <= self.height - _MARGIN_TOP + 4
        )

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def read_pages(path: Path) -> list[Page]:
    """Every page's lines, from the characters' loose boxes (so one line, one baseline)."""
    document = pdfium.PdfDocument(path)
    pages: list[Page] = []
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            textpage = page.get_textpage()
            count = textpage.count_chars()
            text = textpage.get_text_range(0, count)
            chars: list[tuple[float, float, float, float, str, float, int]] = []
            for number, char in enumerate(text[:count]):
                if not char.strip():
                    continue
                left, bottom, right, top = textpage.get_charbox(number, loose=True)
                if right <= left:
                    continue  # a character pdfium made up (a line break)
                size = pdfium_raw.FPDFText_GetFontSize(textpage.raw, number)
                chars.append((bottom, top, left, right, char, size, number))
            pages.append(Page(index + 1, width, height, _lines(chars, textpage)))
            textpage.close()
            page.close()
    finally:
        document.close()
    return pages


def _lines(
    chars: list[tuple[float, float, float, float, str, float, int]], textpage: Any
) -> tuple[Line, ...]:
    rows: list[list[tuple[float, float, float, float, str, float, int]]] = []
    for char in sorted(chars, key=lambda c: (-round(c[0]), c[2])):
        if rows and abs(rows[-1][0][0] - char[0]) < 1.5:
            rows[-1].append(char)
        else:
            rows.append([char])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c[2])
        words, previous = "", None
        for _bottom, _top, left, right, char, size, _ in row:
            if previous is not None and left - previous > size * 0.2:
                words += " "
            words += char
            previous = right
        biggest = max(row, key=lambda c: c[5])
        lines.append(
            Line(
                text=words,
                bottom=min(c[0] for c in row),
                top=max(c[1] for c in row),
                left=row[0][2],
                size=biggest[5],
                bold=_bold(textpage, biggest[6]),
            )
        )
    return tuple(lines)


def _bold(textpage: Any, index: int) -> bool:
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    pdfium_raw.FPDFText_GetFontInfo(textpage.raw, index, name, 128, ctypes.byref(flags))
    return b"Bold" in name.value


def outline(path: Path) -> list[tuple[int, str, int]]:
    """The PDF's outline: (level, title, 1-based page) in order."""
    reader = PdfReader(path)

    def walk(items: list[Any], level: int) -> Iterator[tuple[int, str, int]]:
        for item in items:
            if isinstance(item, list):
                yield from walk(item, level + 1)
            else:
                yield level, str(item.title), reader.get_destination_page_number(item) + 1

    return list(walk(reader.outline, 0))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ---------------------------------------------------------------- projects


def _document() -> dict[str, Any]:
    document = json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))
    document.pop("format")
    document.pop("format_version")
    return document


def _project(document: dict[str, Any]) -> Project:
    return Project.model_validate(document)


def _write(
    project: Project, path: Path, *, page_size: str = "A4", only: tuple[str, ...] | None = None
) -> Path:
    write_pdf(build_plan(project, today=TODAY, sections=only), path, page_size=page_size)
    return path


# Every free text of the project file the plan shows, by list (or the project itself).
TEXT_FIELDS = {
    "project": ("problem", "objective", "owner"),
    "process_steps": ("actor", "decision"),
    "data_sources": ("owner", "residency"),
    "metrics": ("unit", "method"),
    "failure_modes": ("description", "detection", "owner"),
    "decisions": ("question", "choice", "rationale"),
    "risks": ("story", "owner"),
    "slices": ("description",),
}


def prose(marker: str, size: int) -> str:
    """``size`` characters of words, starting with a word found nowhere else."""
    words = itertools.cycle(("ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit"))
    text = marker
    while len(text) < size:
        text += " " + next(words)
    return text[:size].rstrip()


def long_texts(size: int) -> tuple[Project, list[str]]:
    """The example with every free text ``size`` characters long; and each one's marker."""
    document = _document()
    markers: list[str] = []
    for part, fields in TEXT_FIELDS.items():
        items = [document[part]] if isinstance(document[part], dict) else document[part]
        for item in items:
            for field in fields:
                marker = f"marker{len(markers):03d}x"
                markers.append(marker)
                item[field] = prose(marker, size)
    for decision in document["decisions"]:
        options = []
        for _ in decision["options"]:
            marker = f"marker{len(markers):03d}x"
            markers.append(marker)
            options.append(prose(marker, size))
        decision["options"] = options
    return _project(document), markers


@cache
def _example_pdf(page_size: str, folder: Path) -> Path:
    return _write(_project(_document()), folder / f"example-{page_size}.pdf", page_size=page_size)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("layout")


@pytest.fixture(scope="module")
def large_pdf(folder: Path) -> Path:
    return _write(large_project(), folder / "large.pdf")


@pytest.fixture(scope="module")
def long_pdf(folder: Path) -> tuple[Path, list[str]]:
    project, markers = long_texts(3000)
    return _write(project, folder / "long.pdf"), markers


def shifted(extra_metrics: int, open_decisions: int = 5) -> Project:
    """The example with more metrics above its decisions: their tables start lower down."""
    document = _document()
    document["metrics"] += [
        {"key": f"extra{number}", "name": f"Extra metric {number}", "method": "Weekly review"}
        for number in range(extra_metrics)
    ]
    taken = [d for d in document["decisions"] if d["status"] == "decided"]
    still_open = [d for d in document["decisions"] if d["status"] != "decided"]
    more = [
        {**still_open[number % len(still_open)], "key": f"more{number}"}
        for number in range(max(0, open_decisions - len(still_open)))
    ]
    document["decisions"] = taken + (still_open + more)[:open_decisions]
    for number, decision in enumerate(document["decisions"]):
        decision["question"] = f"Which {_row_word(number)} way?"
    return _project(document)


def _row_word(number: int) -> str:
    """A word that tells a table's row apart, and only that row."""
    return f"row{number:02d}x"


# ---------------------------------------------------------------- headings


def _headings(path: Path) -> set[str]:
    return {title for _, title, _ in outline(path)}


def _ends_with_a_heading(page: Page, headings: set[str]) -> bool:
    """Whether the last line in the page's frame is a section, subsection or minor heading."""
    body = page.body
    if not body or body[0].text == CONTENTS:
        return False
    last = body[-1]
    is_title = last.text in headings and last.size >= 11.9  # h1 (16 pt) or h2 (12 pt)
    is_minor = last.bold and 9.9 <= last.size <= 10.1  # h3 (10 pt, bold)
    return is_title or is_minor


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
def test_no_page_of_the_example_ends_with_a_heading(folder: Path, page_size: str) -> None:
    path = _example_pdf(page_size, folder)
    headings = _headings(path)
    assert "Still open (5)" in headings
    ended = [page.number for page in read_pages(path) if _ends_with_a_heading(page, headings)]
    assert ended == []


def test_no_page_of_a_large_plan_ends_with_a_heading(large_pdf: Path) -> None:
    headings = _headings(large_pdf)
    ended = [p.number for p in read_pages(large_pdf) if _ends_with_a_heading(p, headings)]
    assert ended == []


@pytest.mark.parametrize("extra_metrics", range(0, 15, 2))
def test_no_heading_ends_a_page_wherever_the_tables_fall(folder: Path, extra_metrics: int) -> None:
    path = _write(
        shifted(extra_metrics),
        folder / f"shifted-{extra_metrics}.pdf",
        only=(sections.GOOD, sections.DECISIONS, sections.FAILURES),
    )
    headings = _headings(path)
    ended = [p.number for p in read_pages(path) if _ends_with_a_heading(p, headings)]
    assert ended == []


def _pushed_over(pages: list[Page], room: float) -> list[int]:
    """Pages that start with a subsection's heading although the page before had ``room``
    points left at its foot: a heading and its long table moved on whole."""
    pushed = []
    for before, page in itertools.pairwise(pages):
        body, previous = page.body, before.body
        if not body or not previous or previous[0].text == CONTENTS:
            continue
        first = body[0]
        subsection = 11.9 <= first.size <= 12.1 or (first.bold and 9.9 <= first.size <= 10.1)
        if subsection and previous[-1].bottom - _MARGIN_BOTTOM > room:
            pushed.append(page.number)
    return pushed


@pytest.mark.parametrize("extra_metrics", range(0, 15, 3))
def test_a_long_table_starts_under_its_heading_where_there_is_room(
    folder: Path, extra_metrics: int
) -> None:
    path = _write(
        shifted(extra_metrics, open_decisions=30),
        folder / f"long-table-{extra_metrics}.pdf",
        only=(sections.GOOD, sections.DECISIONS),
    )
    assert _pushed_over(read_pages(path), room=200) == []


def with_drivers() -> Project:
    """The example with cost and latency drivers on every capability: their formulas fill
    more than the foot of the page the capabilities' table ends on."""
    document = _document()
    for capability in document["capabilities"]:
        capability["cost_model"] = DRIVERS["answer_llm"]
        capability["latency_model"] = LATENCY
    return _project(document)


def test_the_drivers_start_under_the_capabilities_where_there_is_room(folder: Path) -> None:
    path = _write(with_drivers(), folder / "drivers.pdf", only=(sections.CAPABILITIES,))
    pages = read_pages(path)
    assert _pushed_over(pages, room=100) == []
    heading = "Running cost and latency from their drivers"
    (page,) = [p for p in pages if any(line.text == heading for line in p.body)]
    # the heading is never left alone: the first capability's formulas are under it
    below = [line.text for line in page.body]
    assert any(text.startswith("Monthly cost:") for text in below[below.index(heading) :])
    assert not any(_ends_with_a_heading(p, _headings(path)) for p in pages)


# ---------------------------------------------------------------- tables across pages


def _rows_per_page(pages: list[Page], markers: list[str]) -> dict[int, int]:
    """How many of the rows (known by a word only each row holds) each page shows."""
    counts = {}
    for page in pages:
        words = {word for line in page.body for word in line.text.split()}
        found = sum(1 for marker in markers if marker in words)
        if found:
            counts[page.number] = found
    return counts


@pytest.mark.parametrize("extra_metrics", range(0, 20))
@pytest.mark.parametrize("open_decisions", [3, 5, 7])
def test_a_table_split_over_pages_leaves_two_rows_on_each(
    folder: Path, extra_metrics: int, open_decisions: int
) -> None:
    project = shifted(extra_metrics, open_decisions)
    path = _write(
        project,
        folder / f"rows-{extra_metrics}-{open_decisions}.pdf",
        only=(sections.GOOD, sections.DECISIONS),
    )
    pages = read_pages(path)
    words = {d.key: _row_word(number) for number, d in enumerate(project.decisions)}
    taken = [words[d.key] for d in project.decisions if d.status == "decided"]
    still_open = [words[d.key] for d in project.decisions if d.status != "decided"]
    for questions in (taken, still_open):
        counts = _rows_per_page(pages, questions)
        assert sum(counts.values()) == len(questions)  # every row once, none split
        if len(questions) < 4:
            assert len(counts) == 1, counts  # a short table is kept whole
        assert all(count >= 2 for count in counts.values()), counts
        for number in counts:  # the header row on every page the table runs onto
            lines = [line.text for line in pages[number - 1].body]
            assert any("Topic" in line and "Question" in line for line in lines), lines


def test_the_risk_register_of_a_large_plan_leaves_two_rows_on_each_page(
    large_pdf: Path,
) -> None:
    project = large_project()
    stories = [f"({number})." for number in range(len(project.risks))]
    assert all(story in risk.story for story, risk in zip(stories, project.risks, strict=True))
    pages = read_pages(large_pdf)
    first = next(p.number for p in pages if any(line.text == "Risk register" for line in p.body))
    last = next(p.number for p in pages if any(line.text == "Readiness audit" for line in p.body))
    counts = _rows_per_page(pages[first - 1 : last - 1], stories)
    assert len(counts) > 1
    assert all(count >= 2 for count in counts.values()), counts


# ---------------------------------------------------------------- column widths


def _char_boxes(path: Path, word: str) -> list[tuple[int, list[tuple[float, float]]]]:
    """Each page where ``word`` is set (perhaps over several lines): its characters' x."""
    found = []
    document = pdfium.PdfDocument(path)
    try:
        for index in range(len(document)):
            textpage = document[index].get_textpage()
            count = textpage.count_chars()
            text = textpage.get_text_range(0, count)
            kept = [(i, c) for i, c in enumerate(text[:count]) if c.strip()]
            squeezed = "".join(c for _, c in kept)
            start = squeezed.find(word)
            while start >= 0:
                spans = []
                for i, _ in kept[start : start + len(word)]:
                    left, _, right, _ = textpage.get_charbox(i)
                    spans.append((left, right))
                found.append((index + 1, spans))
                start = squeezed.find(word, start + 1)
    finally:
        document.close()
    return found


def test_a_two_hundred_character_word_wraps_inside_its_cell(folder: Path) -> None:
    word = "".join(f"{letter}{number}" for number in range(20) for letter in "Wordpiece")[:200]
    assert len(word) == 200 and " " not in word
    document = _document()
    document["decisions"][1]["question"] = word
    document["data_sources"][0]["owner"] = word
    path = _write(_project(document), folder / "word.pdf", only=(sections.DATA, sections.DECISIONS))
    width = read_pages(path)[0].width
    found = _char_boxes(path, word)
    assert len(found) == 2  # in the data table and in the decisions table
    for _page, spans in found:
        assert min(left for left, _ in spans) >= _MARGIN_X - 0.5
        assert max(right for _, right in spans) <= width - _MARGIN_X + 0.5


@pytest.mark.parametrize("size", [40, 120, 240])
def test_numbers_and_short_words_are_never_broken(folder: Path, size: int) -> None:
    document = _document()
    for source in document["data_sources"]:
        source["name"] = prose("Source", min(size, 200))
        source["owner"] = prose("Owner", size)
        source["residency"] = prose("Residency", size)
    for step in document["process_steps"]:
        step["actor"] = prose("Actor", size)
        step["decision"] = prose("Decision", size)
    path = _write(
        _project(document),
        folder / f"numbers-{size}.pdf",
        only=(sections.BUSINESS, sections.DATA),
        page_size="Letter",
    )
    lines = [line.text for page in read_pages(path) for line in page.lines]
    words = {word for line in lines for word in line.split()}
    for whole in ("1,100,000", "1,800", "140.0", "Assumed", "never", "acquire", "October"):
        assert whole in words, whole
    assert "1,100,0" not in words and "neve" not in words


# ---------------------------------------------------------------- decisions


def test_open_decisions_show_their_options(folder: Path) -> None:
    project = _project(_document())
    report = build_plan(project, today=TODAY)
    assert report.details is not None
    rows = {row.question: row for row in report.details.decisions}
    for decision in project.decisions:
        assert rows[decision.question].options == tuple(decision.options)
    path = _write(project, folder / "decisions.pdf", only=(sections.DECISIONS,))
    text = squeeze(" ".join(page.text for page in read_pages(path)))
    assert "Options" in text
    for decision in project.decisions:
        if decision.status != "decided":
            for option in decision.options:
                assert squeeze(option) in text, option


# ---------------------------------------------------------------- outline and contents


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
def test_the_outline_has_every_section_and_subsection(folder: Path, page_size: str) -> None:
    path = _example_pdf(page_size, folder)
    entries = outline(path)
    pages = read_pages(path)
    top = [title for level, title, _ in entries if level == 0]
    for section in sections.ALL:
        assert sections.TITLES[section] in top, section
    assert CONTENTS in top
    subsections = [title for level, title, _ in entries if level == 1]
    for title in ("Decisions taken (5)", "Still open (5)", "Risk matrix", "Risk register"):
        assert title in subsections
    for _level, title, page in entries:
        assert title in [line.text for line in pages[page - 1].body], (title, page)
    root = PdfReader(path).trailer["/Root"]
    assert root["/PageMode"] == "/UseOutlines"
    # Opened to level 1: each section that has subsections shows them.
    first = root["/Outlines"]["/First"].get_object()
    counts = []
    while True:
        counts.append(first.get("/Count", 0))
        if "/Next" not in first:
            break
        first = first["/Next"].get_object()
    assert all(count >= 0 for count in counts) and any(count > 0 for count in counts)


def _contents(pages: list[Page]) -> tuple[Page, dict[str, int]]:
    page = next(p for p in pages if p.body and p.body[0].text == CONTENTS)
    listed = {}
    for line in page.body[1:]:
        match = re.fullmatch(r"(.*\S)\s+(\d+)", line.text)
        assert match, line.text
        listed[match.group(1)] = int(match.group(2))
    return page, listed


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
def test_the_contents_list_the_sections_with_the_right_pages(folder: Path, page_size: str) -> None:
    path = _example_pdf(page_size, folder)
    pages = read_pages(path)
    page, listed = _contents(pages)
    # The contents come after the brief (or the summary) and list what follows.
    after = sections.ALL.index("brief" if "brief" in sections.ALL else sections.SUMMARY)
    for section in sections.ALL[: after + 1]:
        title = sections.TITLES[section]
        assert title not in listed
        assert any(line.text == title for p in pages[: page.number - 1] for line in p.body)
    for section in sections.ALL[after + 1 :]:
        assert sections.TITLES[section] in listed, section
    for title, number in listed.items():
        heading = [line for line in pages[number - 1].body if line.text == title]
        assert heading and heading[0].size >= 11.9, (title, number)
    # Each line is a link to its page.
    reader = PdfReader(path)
    contents = reader.pages[page.number - 1]
    targets = []
    for annotation in contents.get("/Annots", []):
        annotation = annotation.get_object()
        destination = annotation["/Dest"]
        if isinstance(destination, str):
            destination = reader.named_destinations[destination]
        if isinstance(destination, Destination):
            targets.append(reader.get_destination_page_number(destination) + 1)
        else:
            page_ref = destination[0].get_object()
            targets.append(
                next(i for i, p in enumerate(reader.pages) if p.get_object() == page_ref) + 1
            )
    assert sorted(targets) == sorted(listed.values())


def test_the_contents_of_a_large_plan_are_right(large_pdf: Path) -> None:
    pages = read_pages(large_pdf)
    _, listed = _contents(pages)
    assert len(listed) >= 10
    for title, number in listed.items():
        assert any(line.text == title for line in pages[number - 1].body), (title, number)


def test_without_a_summary_the_contents_follow_the_cover(folder: Path) -> None:
    only = (sections.DATA, sections.DECISIONS, sections.AUDIT)
    path = _write(_project(_document()), folder / "no-summary.pdf", only=only)
    pages = read_pages(path)
    page, listed = _contents(pages)
    assert page.number == 2
    assert set(listed) >= {sections.TITLES[section] for section in only}
    for title, number in listed.items():
        assert any(line.text == title for line in pages[number - 1].body), (title, number)
    # The first section starts a page of its own after the contents.
    assert pages[2].body[0].text == sections.TITLES[sections.DATA]


# ---------------------------------------------------------------- long texts


def test_three_thousand_character_texts_everywhere_stay_readable(
    long_pdf: tuple[Path, list[str]],
) -> None:
    path, markers = long_pdf
    pages = read_pages(path)
    # 157 pages before long texts left their narrow columns; every text in full is ~50.
    assert len(pages) <= 80, len(pages)
    text = squeeze(" ".join(page.text for page in pages))
    missing = [marker for marker in markers if marker not in text]
    assert missing == []  # nothing was cut: long texts went below their row, in full
    # And the rows they left still read as rows: no page of the decisions is all one cell.
    assert "seebelow" in text
    headings = _headings(path)
    assert [p.number for p in pages if _ends_with_a_heading(p, headings)] == []
