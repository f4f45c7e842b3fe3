"""Doubled sentence and clause marks (punct.doubled): 。。 ，， ，。 。， ；。 、、 ：：.

Only the marks that end a sentence or a clause are checked: two of them in a row is always a
slip (usually an edit that left the old mark behind). ！！ ？？ ？！ may be rhetorical and are left
alone unless mixed with one of those marks (！。). …… and —— are single marks written with two
characters and never reported. Half-width marks are punct.halfwidth's business.
"""

from __future__ import annotations

import re

from pingan_writer.draft.findings import Finding

RULE = "punct.doubled"

_CLAUSE = "。，、；："
_RUN = re.compile(f"[{_CLAUSE}！？]{{2,}}")
_ELLIPSIS_ADVICE = "如表示省略，应使用“……”；否则请删去多余的句号。"


def check(text: str) -> list[Finding]:
    findings = []
    for m in _RUN.finditer(text):
        run = m.group(0)
        if not any(ch in _CLAUSE for ch in run):
            continue  # ！！ ？！: emphasis, a matter of style
        advice = _ELLIPSIS_ADVICE if set(run) == {"。"} else "请只保留一个。"
        findings.append(Finding(RULE, "warning", f"标点重复：“{run}”连用，{advice}", m.start(), m.end()))
    return findings
