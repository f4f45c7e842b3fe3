"""A rehearsal: the speaker read the talk aloud and marked each section's end; how long each
section really took against the plan, and the pace that implies.

Kept with the draft (in the .pingan file, newest last) so a speaker can see how rehearsals went
over time; the measured pace can become the speaker's own rate (the preference that the status
bar, `timing` and the prompter use)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pingan_writer.draft.timing import DraftTiming

MIN_SECONDS_FOR_PACE = 30.0  # a rehearsal shorter than this says too little about a pace
RATE_RANGE = (60, 400)  # 字/分钟 a measured pace must fall in to be believed


@dataclass(frozen=True, slots=True)
class SectionRun:
    """One section as planned and as read."""

    number: str
    title: str
    characters: int
    planned_seconds: float
    actual_seconds: float

    @property
    def difference(self) -> float:
        """Seconds over (positive) or under (negative) the plan."""
        return self.actual_seconds - self.planned_seconds


@dataclass(frozen=True, slots=True)
class Rehearsal:
    started: str  # ISO 8601 local time, to the second
    rate: int  # the rate the plan was made at, 字/分钟
    sections: list[SectionRun] = field(default_factory=list)

    @property
    def planned_seconds(self) -> float:
        return sum(s.planned_seconds for s in self.sections)

    @property
    def actual_seconds(self) -> float:
        return sum(s.actual_seconds for s in self.sections)

    def measured_rate(self) -> int | None:
        """The pace the speaker actually read at, 字/分钟, from the sections read; None when the
        rehearsal was too short or the figure is not believable."""
        seconds = self.actual_seconds
        if seconds < MIN_SECONDS_FOR_PACE:
            return None
        rate = round(sum(s.characters for s in self.sections) / (seconds / 60))
        low, high = RATE_RANGE
        return rate if low <= rate <= high else None

    def to_data(self) -> dict[str, Any]:
        return {
            "started": self.started,
            "rate": self.rate,
            "sections": [
                {
                    "number": s.number,
                    "title": s.title,
                    "characters": s.characters,
                    "planned_seconds": s.planned_seconds,
                    "actual_seconds": s.actual_seconds,
                }
                for s in self.sections
            ],
        }

    @staticmethod
    def from_data(data: dict[str, Any]) -> Rehearsal:
        """The inverse of to_data; the file format validates the types first."""
        return Rehearsal(
            str(data["started"]),
            int(data["rate"]),
            [
                SectionRun(
                    str(s["number"]),
                    str(s["title"]),
                    int(s["characters"]),
                    float(s["planned_seconds"]),
                    float(s["actual_seconds"]),
                )
                for s in data["sections"]
            ],
        )


def top_sections(timing: DraftTiming) -> list:
    """The sections a speaker marks while reading: the top level (开头, 一、, 二、 …), which tile the
    talk, so the times marked add up to the whole reading."""
    return [s for s in timing.sections if s.level == 1]


def record(started: str, timing: DraftTiming, marks: list[float]) -> Rehearsal:
    """A rehearsal from the seconds at which the speaker finished each top-level section (in
    order, measured from the start; fewer marks than sections means they stopped early)."""
    runs = []
    previous = 0.0
    for section, mark in zip(top_sections(timing), marks, strict=False):
        runs.append(
            SectionRun(
                section.number,
                section.title,
                section.characters,
                section.minutes * 60,
                max(0.0, mark - previous),
            )
        )
        previous = mark
    return Rehearsal(started, timing.rate, runs)


def rehearsed_seconds(timing: DraftTiming, rehearsal: Rehearsal | None) -> list[float | None]:
    """For each section of `timing`, in its order, the seconds it took in `rehearsal`: the
    top-level sections read, paired in order while their number and title still match (a section
    renamed, added or removed since ends the pairing: its time no longer says anything); None for
    every other section, and for all of them without a rehearsal."""
    result: list[float | None] = [None] * len(timing.sections)
    if rehearsal is None:
        return result
    runs = iter(rehearsal.sections)
    for i, section in enumerate(timing.sections):
        if section.level != 1:
            continue
        run = next(runs, None)
        if run is None or (run.number, run.title) != (section.number, section.title):
            break
        result[i] = run.actual_seconds
    return result


def timing_report(timing: DraftTiming, rehearsal: Rehearsal | None) -> dict[str, Any]:
    """`pingan-writer timing --json` for a draft: the timing's own keys, each section's
    "rehearsed_seconds" (float or null) and "last_rehearsal" (null when there is none)."""
    data = timing.to_dict()
    for section, seconds in zip(data["sections"], rehearsed_seconds(timing, rehearsal), strict=True):
        section["rehearsed_seconds"] = None if seconds is None else round(seconds, 1)
    data["last_rehearsal"] = (
        None
        if rehearsal is None
        else {
            "started": rehearsal.started,
            "rate": rehearsal.rate,
            "planned_seconds": round(rehearsal.planned_seconds, 1),
            "actual_seconds": round(rehearsal.actual_seconds, 1),
            "measured_rate": rehearsal.measured_rate(),
        }
    )
    return data


def format_seconds(seconds: float) -> str:
    """m:ss, as a speaker reads a stopwatch."""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"
