"""The side panels: quote payloads, the reader, passage lists and search, checks and the keyword chart.

Screenshots of each panel filled with data from the seed documents go to test-output/ for a
person to look at; the tests only assert that they are not blank."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QColor, QImage, QInputMethodEvent, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QWidget

from pingan_writer.draft.findings import Finding
from pingan_writer.gui.mime import QUOTE_MIME, QuotePayload, from_mime
from pingan_writer.gui.panels import keywords as kw
from pingan_writer.gui.panels.checks import LINE_ROLE, SNIPPET_ROLE, ChecksPanel, snippet
from pingan_writer.gui.panels.keywords import KeywordChart, KeywordsPanel
from pingan_writer.gui.panels.passage_items import HIT_BACKGROUND, highlighted_html, local_spans
from pingan_writer.gui.panels.passages import SEARCH_DELAY_MS, PassageList, RelatedPanel, SearchPanel
from pingan_writer.gui.panels.reader import ReaderPanel
from pingan_writer.library.records import PassageHit
from pingan_writer.text.outline import parse_outline

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
OUTPUT = ROOT / "test-output"
SOURCE_TITLE = "建设更高水平的平安中国"


@pytest.fixture(scope="module")
def source_text() -> str:
    return (SEEDS / "建设更高水平的平安中国.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def talk_text() -> str:
    return (SEEDS / "学习体会发言-建设更高水平的平安中国.txt").read_text(encoding="utf-8")


def make_hits(text: str, words: list[str], limit: int = 6) -> list[PassageHit]:
    """Paragraphs of the seed source containing any of `words`, shaped as the library returns them."""
    outline = parse_outline(text)
    hits: list[PassageHit] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        spans = []
        for word in words:
            at = line.find(word)
            while at >= 0:
                spans.append((start + at, start + at + len(word)))
                at = line.find(word, at + len(word))
        if not spans:
            continue
        path = [f"{n.number}{n.title}" for n in outline.path_at(start) if n.kind != "point"]
        hits.append(PassageHit(1, SOURCE_TITLE, path, start, end, line, float(len(spans)), sorted(spans)))
        if len(hits) == limit:
            break
    return hits


def shown(qtbot, widget: QWidget, width: int = 420, height: int = 560) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def save_and_check(widget: QWidget, name: str) -> QImage:
    """Save a screenshot and assert it shows something: many colours, not one flat fill."""
    OUTPUT.mkdir(exist_ok=True)
    QApplication.processEvents()  # let layouts settle after the last set_* call
    image = widget.grab().toImage()
    assert image.save(str(OUTPUT / name))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}
    assert len(colours) > 20, f"{name} looks blank"
    return image


def count_colour(image: QImage, colour: QColor, tolerance: int = 12) -> int:
    found = 0
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - colour.red()) <= tolerance
                and abs(c.green() - colour.green()) <= tolerance
                and abs(c.blue() - colour.blue()) <= tolerance
            ):
                found += 1
    return found


# --- mime ---------------------------------------------------------------------------------


def test_quote_payload_round_trips_through_mime():
    payload = QuotePayload(
        7, "ab12", SOURCE_TITLE, ["一、深刻理解", "（一）战略之举"], 120, 131, "“中国之治”新境界"
    )
    mime = payload.to_mime()
    assert mime.hasFormat(QUOTE_MIME)
    assert mime.text() == "“中国之治”新境界"  # other applications get the words
    assert QuotePayload.from_mime(mime) == payload
    assert from_mime(mime) == payload


def test_quote_payload_rejects_foreign_or_malformed_data():
    plain = QMimeData()
    plain.setText("只是文字")
    assert from_mime(plain) is None
    broken = QMimeData()
    broken.setData(QUOTE_MIME, b"{not json")
    assert from_mime(broken) is None
    backwards = QMimeData()
    backwards.setData(
        QUOTE_MIME,
        b'{"source_id": 1, "source_hash": null, "source_title": "t", "node": [], "start": 9, "end": 3, '
        b'"text": "x"}',
    )
    assert from_mime(backwards) is None


# --- reader -------------------------------------------------------------------------------


def select(panel: ReaderPanel, start: int, end: int) -> None:
    cursor = panel.view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    panel.view.setTextCursor(cursor)


def test_reader_quotes_the_selection_in_source_offsets(qtbot, source_text):
    panel = shown(qtbot, ReaderPanel())
    passage = source_text[600:900]
    panel.show_passage("一、深刻理解", ["一、深刻理解"], passage, 600, 3, "hash3", SOURCE_TITLE)
    select(panel, 10, 25)
    with qtbot.waitSignal(panel.quote_requested, timeout=1000) as blocker:
        qtbot.mouseClick(panel.quote_button, Qt.MouseButton.LeftButton)
    payload = blocker.args[0]
    assert (payload.start, payload.end) == (610, 625)
    assert payload.text == source_text[610:625]
    assert (payload.source_id, payload.source_hash, payload.source_title) == (3, "hash3", SOURCE_TITLE)
    assert payload.node == ["一、深刻理解"]


def test_reader_quote_button_quotes_the_whole_passage_when_nothing_is_selected(qtbot, source_text):
    # The Ctrl+Shift+Q shortcut belongs to the window (tests/gui/test_user_flows.py).
    panel = shown(qtbot, ReaderPanel())
    passage = source_text[100:400]
    panel.show_passage("开头", [], passage, 100, 1, None, SOURCE_TITLE)
    assert panel.quote_action.shortcut().isEmpty()
    with qtbot.waitSignal(panel.quote_requested, timeout=1000) as blocker:
        qtbot.mouseClick(panel.quote_button, Qt.MouseButton.LeftButton)
    payload = blocker.args[0]
    assert (payload.start, payload.end, payload.text) == (100, 400, passage)


def test_reader_drag_carries_the_quote(qtbot):
    panel = shown(qtbot, ReaderPanel())
    panel.show_passage(
        "（二）", ["一、", "（二）"], "平安是老百姓亘古不变的期盼。", 50, 2, None, SOURCE_TITLE
    )
    select(panel, 0, 2)
    payload = from_mime(panel.view.createMimeDataFromSelection())
    assert payload is not None
    assert (payload.start, payload.end, payload.text) == (50, 52, "平安")


def test_reader_counts_offsets_in_characters_past_rare_characters(qtbot):
    # 𠮷 lies outside the BMP: two positions in QTextDocument, one character in the source.
    panel = shown(qtbot, ReaderPanel())
    text = "𠮷祥平安中国"
    panel.show_passage("t", [], text, 10, 1, None, "t")
    select(panel, 4, 6)  # document positions of 安中
    payload = panel.current_payload()
    assert payload is not None
    assert (payload.text, payload.start, payload.end) == ("安中", 13, 15)


def test_reader_clear_shows_the_hint_and_offers_no_quote(qtbot):
    panel = shown(qtbot, ReaderPanel())
    panel.show_passage("t", [], "文字", 0, 1, None, "t")
    assert not panel.is_empty()
    panel.clear()
    assert panel.is_empty()
    assert not panel.quote_action.isEnabled()
    with qtbot.assertNotEmitted(panel.quote_requested):
        panel.quote_action.trigger()


# --- passage lists ------------------------------------------------------------------------


def test_highlighting_escapes_markup_and_marks_hits():
    hit = PassageHit(1, "t", [], 100, 110, "a<b>&平安中国", 1.0, [(105, 107), (106, 109)])
    spans = local_spans(hit)
    assert spans == [(5, 9)]
    html_text = highlighted_html(hit.text, spans, 0, len(hit.text))
    assert "a&lt;b&gt;&amp;" in html_text
    assert html_text.count(HIT_BACKGROUND) == 1
    assert ">平安中国</span>" in html_text


def test_passage_list_renders_hits_and_reports_clicks(qtbot, source_text):
    hits = make_hits(source_text, ["平安中国"])
    assert len(hits) >= 3
    plist = shown(qtbot, PassageList())
    plist.set_results(hits)
    assert plist.model.rowCount() == len(hits)
    image = plist.grab().toImage()
    assert count_colour(image, QColor(HIT_BACKGROUND)) > 50  # hits are painted highlighted

    rect = plist.view.visualRect(plist.model.index(1, 0))
    assert rect.height() > plist.fontMetrics().height() * 2  # wrapped rich text, not one line
    with qtbot.waitSignal(plist.passage_selected, timeout=1000) as selected:
        qtbot.mouseClick(plist.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert selected.args[0] is hits[1]
    with qtbot.waitSignal(plist.passage_activated, timeout=1000) as activated:
        qtbot.mouseDClick(plist.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert activated.args[0] is hits[1]


def test_passage_list_enter_activates_and_rows_drag_as_quotes(qtbot, source_text):
    hits = make_hits(source_text, ["社会治理"])
    plist = shown(qtbot, PassageList())
    plist.set_results(hits)
    plist.view.setFocus()
    plist.view.setCurrentIndex(plist.model.index(0, 0))
    with qtbot.waitSignal(plist.passage_activated, timeout=1000) as activated:
        qtbot.keyClick(plist.view, Qt.Key.Key_Return)
    assert activated.args[0] is hits[0]
    payload = from_mime(plist.model.mimeData([plist.model.index(0, 0)]))
    assert payload is not None
    assert (payload.source_id, payload.start, payload.end, payload.text) == (
        1,
        hits[0].start,
        hits[0].end,
        hits[0].text,
    )


def test_passage_rows_rewrap_when_the_list_gets_narrower(qtbot, source_text):
    plist = shown(qtbot, PassageList(), 520, 700)
    plist.set_results(make_hits(source_text, ["平安中国"]))
    first = plist.model.index(0, 0)
    wide = plist.view.visualRect(first).height()
    plist.resize(280, 700)
    qtbot.waitUntil(lambda: plist.view.visualRect(first).height() > wide, timeout=1000)
    second = plist.view.visualRect(plist.model.index(1, 0))
    assert plist.view.visualRect(first).bottom() < second.top()  # rows never overlap


def test_passage_list_shows_its_message_when_empty(qtbot):
    plist = shown(qtbot, PassageList())
    blank = plist.grab().toImage()
    plist.set_results([], "没有找到")
    assert plist.message() == "没有找到"
    assert plist.grab().toImage() != blank


def commit(widget: QWidget, text: str) -> None:
    """Type Chinese the way an input method does: QTest's key clicks only know ASCII."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_search_is_debounced_while_typing(qtbot):
    panel = shown(qtbot, SearchPanel())
    requests: list[tuple[str, object]] = []
    panel.search_requested.connect(lambda q, s: requests.append((q, s)))
    with qtbot.waitSignal(panel.search_requested, timeout=SEARCH_DELAY_MS * 8):
        for ch in "平安中国":
            commit(panel.query_edit, ch)
        assert requests == []  # nothing while typing
    qtbot.wait(SEARCH_DELAY_MS + 100)
    assert requests == [("平安中国", None)]


def test_enter_searches_at_once_in_the_chosen_source(qtbot):
    panel = shown(qtbot, SearchPanel())
    panel.set_sources([(4, "建设更高水平的平安中国"), (9, "学习体会发言")])
    assert panel.source_combo.itemText(0) == "全部原文"
    panel.source_combo.setCurrentIndex(2)
    requests: list[tuple[str, object]] = []
    panel.search_requested.connect(lambda q, s: requests.append((q, s)))
    commit(panel.query_edit, "社会治理")
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)
    assert requests == [("社会治理", 9)]  # synchronously, no waiting for the timer
    qtbot.wait(SEARCH_DELAY_MS + 100)
    assert requests == [("社会治理", 9)]  # and the pending debounce was cancelled


def test_search_drops_results_for_an_old_query(qtbot, source_text):
    panel = shown(qtbot, SearchPanel())
    panel.query_edit.setText("平安")
    panel.set_results(make_hits(source_text, ["治理"]), query="治理")
    assert panel.results.hits() == []
    panel.set_results([], query="平安")
    assert panel.results.message() == "没有找到"


# --- checks -------------------------------------------------------------------------------

DRAFT = "按照会议安排，由我分享体会。\n一、主要内容\n三、学习体会\n要坚持,人民至上。\n发言完毕"


def sample_findings() -> list[Finding]:
    gap = DRAFT.index("三、")
    comma = DRAFT.index(",")
    return [
        Finding("numbering.gap", "error", "序号不连续：“一、”之后是“三、”", gap, gap + 2),
        Finding("punctuation.halfwidth", "warning", "中文里用了半角逗号", comma, comma + 1),
        Finding("length.under", "info", "发言时间比目标短", 0, 0),
        Finding("numbering.repeat", "error", "序号重复", gap, gap + 2),
    ]


def row_of(panel: ChecksPanel, message: str) -> int:
    return next(r for r in range(panel.model.rowCount()) if panel.model.item(r).text() == message)


def test_checks_summary_counts_by_severity(qtbot):
    panel = shown(qtbot, ChecksPanel())
    panel.set_findings(sample_findings(), DRAFT)
    assert panel.summary.text() == "共 4 项：错误 2，警告 1，提示 1"
    assert panel.model.rowCount() == 4
    comma_row = panel.model.index(row_of(panel, "中文里用了半角逗号"), 0)
    assert comma_row.data(LINE_ROLE) == "第 4 行"
    assert comma_row.data(SNIPPET_ROLE) == "要坚持「,」人民至上。"
    panel.set_findings([], DRAFT)
    assert panel.summary.text() == "未发现问题"
    assert panel.model.rowCount() == 0


def test_clicking_a_finding_reports_its_range(qtbot):
    panel = shown(qtbot, ChecksPanel())
    panel.set_findings(sample_findings(), DRAFT)
    comma = DRAFT.index(",")
    rect = panel.view.visualRect(panel.model.index(row_of(panel, "中文里用了半角逗号"), 0))
    with qtbot.waitSignal(panel.finding_activated, timeout=1000) as blocker:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [comma, comma + 1]
    gap = DRAFT.index("三、")
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(row_of(panel, "序号重复"), 0))
    with qtbot.waitSignal(panel.finding_activated, timeout=1000) as blocker:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert blocker.args == [gap, gap + 2]
    with qtbot.waitSignal(panel.recheck_requested, timeout=1000):
        qtbot.mouseClick(panel.recheck_button, Qt.MouseButton.LeftButton)


def test_snippet_marks_the_words_at_fault_within_their_line():
    text = "第一行\n　　这是一段很长很长的文字，其中有一个错别字需要指出来，后面还有很多很多内容。\n末行"
    at = text.index("错别字")
    assert snippet(text, at, at + 3) == "…长很长的文字，其中有一个「错别字」需要指出来，后面还有很多…"


# --- keywords -----------------------------------------------------------------------------

KEYWORDS = [
    ("平安中国", 0.412),
    ("社会治理", 0.305),
    ("政法", 0.188),
    ("风险", 0.151),
    ("法治", 0.122),
    ("矛盾纠纷", 0.097),
    ("基层", 0.083),
    ("安全", 0.061),
]


def test_keyword_chart_paints_bars_from_its_layout(qtbot):
    empty = shown(qtbot, KeywordChart(), 320, 260)
    chart = shown(qtbot, KeywordChart(), 320, 260)
    chart.set_keywords(KEYWORDS)
    blank, full = empty.grab().toImage(), chart.grab().toImage()
    assert full != blank
    background = chart.palette().color(QPalette.ColorRole.Base)
    # The heaviest keyword's bar ends at the right margin (no values shown); the first row
    # starts at the top margin when there is no title.
    y = kw.MARGIN + kw.ROW_HEIGHT // 2
    x = chart.width() - kw.MARGIN - 3
    assert full.pixelColor(x, y) != background
    assert full.pixelColor(x, y).name() == kw.BAR_COLOR.name()
    # A lighter keyword's bar stops short of that point.
    last_y = kw.MARGIN + kw.ROW_HEIGHT * (len(KEYWORDS) - 1) + kw.ROW_HEIGHT // 2
    assert full.pixelColor(x, last_y).name() != kw.BAR_COLOR.name()
    assert chart.bar_rect(0).width() > chart.bar_rect(len(KEYWORDS) - 1).width() * 5


def test_keyword_chart_size_tooltip_and_click(qtbot):
    chart = shown(qtbot, KeywordChart(), 320, 260)
    chart.set_keywords(KEYWORDS, title="本节关键词")
    assert chart.sizeHint().height() >= kw.ROW_HEIGHT * len(KEYWORDS)
    centre = chart.bar_rect(1).center()
    assert chart.row_at(centre) == 1
    assert "社会治理" in chart.tooltip_text(1)
    with qtbot.waitSignal(chart.keyword_clicked, timeout=1000) as blocker:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=centre)
    assert blocker.args == ["社会治理"]
    assert chart.row_at(QPoint(5, 2)) == -1


def test_keywords_panel_accepts_keyword_records(qtbot):
    from pingan_writer.library.keywords import Keyword

    panel = shown(qtbot, KeywordsPanel(), 320, 300)
    panel.set_keywords([Keyword("平安", 0.3, 12), Keyword("治理", 0.1, 4)], title=SOURCE_TITLE)
    assert panel.chart.keywords() == [("平安", 0.3), ("治理", 0.1)]
    assert SOURCE_TITLE in panel.title.text()


# --- screenshots --------------------------------------------------------------------------


def test_screenshots_of_populated_panels(qtbot, source_text, talk_text):
    outline = parse_outline(source_text)
    node = outline.nodes[0].children[1]
    reader = shown(qtbot, ReaderPanel(), 460, 420)
    reader.show_passage(
        f"{node.number}{node.title}",
        [f"{n.number}{n.title}" for n in outline.path_at(node.start)],
        source_text[node.start : node.end],
        node.start,
        1,
        None,
        SOURCE_TITLE,
    )
    select(reader, 0, 30)
    save_and_check(reader, "panel_reader.png")

    search = shown(qtbot, SearchPanel(), 460, 640)
    search.set_sources([(1, SOURCE_TITLE), (2, "学习体会发言-建设更高水平的平安中国")])
    search.query_edit.setText("平安中国 治理")
    search.set_results(make_hits(source_text, ["平安中国", "治理"]))
    image = save_and_check(search, "panel_search.png")
    assert count_colour(image, QColor(HIT_BACKGROUND)) > 50

    related = shown(qtbot, RelatedPanel(), 420, 520)
    related.set_results(make_hits(source_text, ["群众"], limit=3))
    save_and_check(related, "panel_related.png")

    from pingan_writer.draft.checks import run_checks

    checks = shown(qtbot, ChecksPanel(), 460, 420)
    checks.set_findings(run_checks(talk_text, target_minutes=12), talk_text)
    assert checks.model.rowCount() > 0
    save_and_check(checks, "panel_checks.png")

    keywords = shown(qtbot, KeywordsPanel(), 320, 320)
    keywords.set_keywords(KEYWORDS, title=SOURCE_TITLE)
    save_and_check(keywords, "panel_keywords.png")
    keywords.chart.set_show_values(True)
    save_and_check(keywords.chart, "panel_keyword_chart_values.png")
