"""A new draft from a template and the sources it is about: the one place the CLI `new` and the
GUI's new-draft wizard build it, so both fill the same placeholders and the same metadata."""

from __future__ import annotations

from pingan_writer.draft.model import Draft, DraftMeta, SourceRef
from pingan_writer.draft.templates import Template, render
from pingan_writer.sources.model import Source

TITLE_JOINER = "、"


def draft_title(source_titles: list[str], template: Template) -> str:
    """学习《<first source>》体会, or the template's name when there is no source."""
    return f"学习《{source_titles[0]}》体会" if source_titles else template.title


def assemble_draft(
    template: Template,
    sources: list[tuple[Source, SourceRef]],
    *,
    speaker: str = "",
    meeting: str = "",
    date: str = "",
    target_minutes: float | None = None,
) -> Draft:
    """Render `template` with the sources' titles (joined with 、, each source once), speaker,
    meeting and date, and record them in the draft's metadata and sources. A value left blank
    stays in the text as its 【…】 prompt; the meeting reaches the text only where the template
    has a {meeting} place (study-talk's "按照会议安排" has none: templates have no optional
    placeholders, and 按照【会议名称】安排 would read badly when it is left out)."""
    unique: list[tuple[Source, SourceRef]] = []
    for source, ref in sources:  # each source once, in the order given
        if all(ref.id != seen.id for _, seen in unique):
            unique.append((source, ref))
    titles = [source.title for source, _ in unique if source.title]
    values = {
        "source_title": TITLE_JOINER.join(titles),
        "speaker": speaker.strip(),
        "meeting": meeting.strip(),
        "date": date.strip(),
    }
    text = render(template, {k: v for k, v in values.items() if v})
    meta = DraftMeta(
        title=draft_title(titles, template),
        speaker=values["speaker"],
        meeting=values["meeting"],
        date=values["date"],
        target_minutes=target_minutes,
        template=template.name,
    )
    draft = Draft(text, meta)
    for _, ref in unique:
        draft.add_source(ref)
    return draft
