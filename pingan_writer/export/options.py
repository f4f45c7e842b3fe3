"""Export options, defaulting to the standard layout."""

from __future__ import annotations

from dataclasses import dataclass

from pingan_writer.text.counting import DEFAULT_RATE

QUOTE_PLAIN = "plain"
QUOTE_KAI = "kai"
# The official font names, and the names Windows itself ships (仿宋, 楷体), which many machines
# have when they lack the _GB2312 ones.
FANGSONG_CHOICES = ("仿宋_GB2312", "仿宋")
KAITI_CHOICES = ("楷体_GB2312", "楷体")
PROVENANCE_CHOICES = ("none", "comments", "notes")  # where each quote's source goes in the Word file
SPEAKER_SIZES = {16: "三号", 18: "小二", 22: "二号"}  # the speaker's copy's type, points → 字号
SPEAKER_SIZE_CHOICES = tuple(SPEAKER_SIZES)


@dataclass(frozen=True, slots=True)
class ExportOptions:
    quote_style: str = QUOTE_PLAIN  # plain body text, or 楷体 for quoted passages
    source_notes: bool = False  # "（引自《…》）" after each quote
    line_pitch: int = 29  # points: 29 (579 twips, the 22-line grid) or 28
    page_numbers: bool = True
    signature: bool = True  # speaker and date, right-aligned at the end, when the draft has them
    fangsong: str = FANGSONG_CHOICES[0]  # the body font
    kaiti: str = KAITI_CHOICES[0]  # （一） headings, the subtitle, 楷体 quotes
    provenance: str = "none"  # none | comments (Word 批注) | notes (脚注)
    speaker_copy: bool = False  # a 讲稿 for the lectern (export/speaker_copy.py), not GB/T 9704
    speaker_size: int = 16  # the speaker's copy's type size in points, one of SPEAKER_SIZE_CHOICES
    speaker_rate: int = DEFAULT_RATE  # 字/分钟, for the minutes after each heading

    def __post_init__(self) -> None:
        if self.quote_style not in (QUOTE_PLAIN, QUOTE_KAI):
            raise ValueError(f"quote_style must be plain or kai, not {self.quote_style!r}")
        if self.fangsong not in FANGSONG_CHOICES:
            raise ValueError(f"fangsong must be one of {FANGSONG_CHOICES}, not {self.fangsong!r}")
        if self.kaiti not in KAITI_CHOICES:
            raise ValueError(f"kaiti must be one of {KAITI_CHOICES}, not {self.kaiti!r}")
        if self.provenance not in PROVENANCE_CHOICES:
            raise ValueError(f"provenance must be one of {PROVENANCE_CHOICES}, not {self.provenance!r}")
        if self.line_pitch not in (28, 29):
            raise ValueError(f"line_pitch must be 28 or 29, not {self.line_pitch!r}")
        if self.speaker_size not in SPEAKER_SIZE_CHOICES:
            raise ValueError(f"speaker_size must be one of {SPEAKER_SIZE_CHOICES}, not {self.speaker_size!r}")
        if not isinstance(self.speaker_rate, int) or self.speaker_rate <= 0:
            raise ValueError(f"speaker_rate must be a positive integer, not {self.speaker_rate!r}")

    @property
    def line_twips(self) -> int:
        # 29 pt is the GB/T 9704 grid: 22 lines × 579 twips fit the 225 mm text block.
        return 579 if self.line_pitch == 29 else 560
