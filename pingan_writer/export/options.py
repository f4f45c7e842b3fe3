"""Export options, defaulting to the standard layout."""

from __future__ import annotations

from dataclasses import dataclass

QUOTE_PLAIN = "plain"
QUOTE_KAI = "kai"
# The official font names, and the names Windows itself ships (仿宋, 楷体), which many machines
# have when they lack the _GB2312 ones.
FANGSONG_CHOICES = ("仿宋_GB2312", "仿宋")
KAITI_CHOICES = ("楷体_GB2312", "楷体")
PROVENANCE_CHOICES = ("none", "comments", "notes")  # where each quote's source goes in the Word file


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

    @property
    def line_twips(self) -> int:
        # 29 pt is the GB/T 9704 grid: 22 lines × 579 twips fit the 225 mm text block.
        return 579 if self.line_pitch == 29 else 560
