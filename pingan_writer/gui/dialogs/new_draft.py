"""The 新建发言稿 wizard: pick a template, the sources to write from, and the talk's details.

The wizard takes plain data (templates, (id, title) pairs of sources, remembered defaults) and
returns a NewDraftRequest; the main window renders the template and creates the draft. All of
the wizard's strings use the translation context "NewDraftWizard" and sit in the `retranslate`
methods.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QDate, QEvent, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from pingan_writer.draft.templates import Template

DEFAULT_TEMPLATE = "study-talk"
DATE_DISPLAY_FORMAT = "yyyy年M月d日"  # Qt format: literal 年月日, no leading zeros, as in 公文
MINUTES_RANGE = (1.0, 120.0)
DEFAULT_MINUTES = 8.0

_ID_ROLE = Qt.ItemDataRole.UserRole


@dataclass
class NewDraftRequest:
    """What the user chose; `date` is already formatted the way the talk prints it."""

    template: str = DEFAULT_TEMPLATE
    source_ids: list[int] = field(default_factory=list)
    speaker: str = ""
    meeting: str = ""
    date: str = ""  # e.g. "2026年11月22日"; empty in defaults means today
    minutes: float = DEFAULT_MINUTES


def format_date(date: QDate) -> str:
    """2026年11月22日: no leading zeros, independent of the system locale."""
    return f"{date.year()}年{date.month()}月{date.day()}日"


def parse_date(text: str) -> QDate | None:
    date = QDate.fromString(text.strip(), DATE_DISPLAY_FORMAT)
    return date if date.isValid() else None


class TemplatePage(QWizardPage):
    """① 选择模板: document templates with their descriptions; one must be selected."""

    def __init__(self, templates: list[Template], selected: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("templateList")
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.setAlternatingRowColors(True)
        for template in templates:
            text = f"{template.title}\n{template.description}" if template.description else template.title
            item = QListWidgetItem(text)
            item.setData(_ID_ROLE, template.name)
            item.setToolTip(template.description)
            self.list.addItem(item)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setVisible(not templates)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.empty_label)
        self.select(selected)
        self.list.currentItemChanged.connect(self.completeChanged)
        # Double-clicking a template is the quickest way to say "this one, go on".
        self.list.itemDoubleClicked.connect(self._advance)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(QCoreApplication.translate("NewDraftWizard", "选择模板"))
        self.setSubTitle(
            QCoreApplication.translate("NewDraftWizard", "新发言稿按所选模板的结构生成，之后可随意修改。")
        )
        self.empty_label.setText(
            QCoreApplication.translate("NewDraftWizard", "没有可用的文档模板，请检查模板文件夹。")
        )

    def select(self, name: str) -> None:
        names = [self.list.item(i).data(_ID_ROLE) for i in range(self.list.count())]
        for wanted in (name, DEFAULT_TEMPLATE):
            if wanted in names:
                self.list.setCurrentRow(names.index(wanted))
                return
        if names:
            self.list.setCurrentRow(0)

    def template_name(self) -> str | None:
        item = self.list.currentItem()
        return item.data(_ID_ROLE) if item is not None else None

    def isComplete(self) -> bool:
        return self.template_name() is not None

    def _advance(self, _item: QListWidgetItem) -> None:
        wizard = self.wizard()
        if wizard is not None and self.isComplete():
            wizard.next()


class SourcesPage(QWizardPage):
    """② 选择原文: a checkable list of the library's sources; at least one must be checked."""

    def __init__(
        self, sources: list[tuple[int, str]], checked: list[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("sourceList")
        wanted = set(checked)
        for source_id, title in sources:
            item = QListWidgetItem(title)
            item.setData(_ID_ROLE, source_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if source_id in wanted else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.all_button = QPushButton()
        self.none_button = QPushButton()
        self.count_label = QLabel()
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setVisible(not sources)

        buttons = QHBoxLayout()
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.none_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)

        self.list.itemChanged.connect(self._checks_changed)
        self.filter_edit.textChanged.connect(self._filter)
        self.all_button.clicked.connect(lambda: self._check_visible(Qt.CheckState.Checked))
        self.none_button.clicked.connect(lambda: self._check_visible(Qt.CheckState.Unchecked))
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(QCoreApplication.translate("NewDraftWizard", "选择原文"))
        self.setSubTitle(QCoreApplication.translate("NewDraftWizard", "勾选要学习和引用的原文，至少一篇。"))
        self.filter_edit.setPlaceholderText(QCoreApplication.translate("NewDraftWizard", "按标题筛选"))
        self.all_button.setText(QCoreApplication.translate("NewDraftWizard", "全选"))
        self.none_button.setText(QCoreApplication.translate("NewDraftWizard", "全不选"))
        self.empty_label.setText(
            QCoreApplication.translate("NewDraftWizard", "资料库中还没有原文。请先取消，用“导入原文”添加。")
        )
        self._update_count()

    def source_ids(self) -> list[int]:
        """Checked sources in list order (the order the user sees them)."""
        return [
            self.list.item(i).data(_ID_ROLE)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def isComplete(self) -> bool:
        return bool(self.source_ids())

    def _checks_changed(self, _item: QListWidgetItem) -> None:
        self._update_count()
        self.completeChanged.emit()

    def _update_count(self) -> None:
        count = len(self.source_ids())
        self.count_label.setText(QCoreApplication.translate("NewDraftWizard", "已选 {n} 篇").format(n=count))

    def _filter(self, text: str) -> None:
        needle = text.strip()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in item.text())

    def _check_visible(self, state: Qt.CheckState) -> None:
        # Only the rows the filter shows: "全选" after filtering means "all of these".
        for i in range(self.list.count()):
            item = self.list.item(i)
            if not item.isHidden():
                item.setCheckState(state)


class DetailsPage(QWizardPage):
    """③ 发言信息: speaker, meeting, date and the target speaking time."""

    def __init__(self, defaults: NewDraftRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.speaker_edit = QLineEdit(defaults.speaker)
        self.speaker_edit.setObjectName("speakerEdit")
        self.meeting_edit = QLineEdit(defaults.meeting)
        self.meeting_edit.setObjectName("meetingEdit")
        self.date_edit = QDateEdit(parse_date(defaults.date) or QDate.currentDate())
        self.date_edit.setObjectName("dateEdit")
        self.date_edit.setDisplayFormat(DATE_DISPLAY_FORMAT)
        self.date_edit.setCalendarPopup(True)
        self.minutes_spin = QDoubleSpinBox()
        self.minutes_spin.setObjectName("minutesSpin")
        self.minutes_spin.setRange(*MINUTES_RANGE)
        self.minutes_spin.setDecimals(1)
        self.minutes_spin.setSingleStep(0.5)
        self.minutes_spin.setValue(defaults.minutes)
        self.form = QFormLayout(self)
        self.labels = [QLabel() for _ in range(4)]
        for label, editor in zip(
            self.labels,
            (self.speaker_edit, self.meeting_edit, self.date_edit, self.minutes_spin),
            strict=True,
        ):
            label.setBuddy(editor)
            self.form.addRow(label, editor)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(QCoreApplication.translate("NewDraftWizard", "发言信息"))
        self.setSubTitle(
            QCoreApplication.translate(
                "NewDraftWizard", "这些内容填入模板；留空的项在稿中显示为【……】，可稍后补写。"
            )
        )
        texts = (
            QCoreApplication.translate("NewDraftWizard", "发言人(&S)："),
            QCoreApplication.translate("NewDraftWizard", "会议名称(&M)："),
            QCoreApplication.translate("NewDraftWizard", "日期(&D)："),
            QCoreApplication.translate("NewDraftWizard", "目标时长(&T)："),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.speaker_edit.setPlaceholderText(QCoreApplication.translate("NewDraftWizard", "如：张三"))
        self.meeting_edit.setPlaceholderText(
            QCoreApplication.translate("NewDraftWizard", "如：理论学习中心组学习会")
        )
        self.minutes_spin.setSuffix(QCoreApplication.translate("NewDraftWizard", " 分钟"))


class NewDraftWizard(QWizard):
    """Three pages; `request()` after `exec()` returns QDialog.Accepted."""

    def __init__(
        self,
        templates: list[Template],
        sources: list[tuple[int, str]],
        defaults: NewDraftRequest | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        defaults = defaults or NewDraftRequest()
        self.setObjectName("NewDraftWizard")
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.template_page = TemplatePage(templates, defaults.template)
        self.sources_page = SourcesPage(sources, defaults.source_ids)
        self.details_page = DetailsPage(defaults)
        for page in (self.template_page, self.sources_page, self.details_page):
            self.addPage(page)
        self.resize(620, 480)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("NewDraftWizard", "新建发言稿"))
        # Set explicitly: Qt's own Chinese translations may not be installed.
        texts = {
            QWizard.WizardButton.BackButton: QCoreApplication.translate("NewDraftWizard", "< 上一步(&B)"),
            QWizard.WizardButton.NextButton: QCoreApplication.translate("NewDraftWizard", "下一步(&N) >"),
            QWizard.WizardButton.FinishButton: QCoreApplication.translate("NewDraftWizard", "创建(&F)"),
            QWizard.WizardButton.CancelButton: QCoreApplication.translate("NewDraftWizard", "取消"),
            QWizard.WizardButton.HelpButton: QCoreApplication.translate("NewDraftWizard", "帮助"),
        }
        for which, text in texts.items():
            self.setButtonText(which, text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            for page in (self.template_page, self.sources_page, self.details_page):
                page.retranslate()
        super().changeEvent(event)

    def request(self) -> NewDraftRequest:
        return NewDraftRequest(
            template=self.template_page.template_name() or DEFAULT_TEMPLATE,
            source_ids=self.sources_page.source_ids(),
            speaker=self.details_page.speaker_edit.text().strip(),
            meeting=self.details_page.meeting_edit.text().strip(),
            date=format_date(self.details_page.date_edit.date()),
            minutes=self.details_page.minutes_spin.value(),
        )
