"""A finding of a check: what rule, how serious, a Chinese message, and where in the draft."""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str  # stable id, e.g. "numbering.gap"
    severity: str  # error | warning | info
    message: str  # Simplified Chinese, for the user
    start: int  # offsets into the draft text
    end: int

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "start": self.start,
            "end": self.end,
        }
