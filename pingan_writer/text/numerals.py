"""Chinese and Arabic numerals as they appear in official numbering."""

from __future__ import annotations

CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_NUMERAL_CHARS = "〇零一二三四五六七八九十百"

# ① … ⑳, ㉑ … ㉟, ㊱ … ㊿: the circled numbers Unicode encodes, in order.
_CIRCLED = (
    [chr(c) for c in range(0x2460, 0x2474)]
    + [chr(c) for c in range(0x3251, 0x3260)]
    + [chr(c) for c in range(0x32B1, 0x32C0)]
)
CIRCLED_VALUES = {ch: i + 1 for i, ch in enumerate(_CIRCLED)}
CIRCLED_CHARS = "".join(_CIRCLED)


def cn_to_int(s: str) -> int | None:
    """Value of a Chinese numeral in the canonical form used for numbering (一 … 九十九, 一百 …).

    Returns None for anything that is not a well-formed numeral, so that 一二 or 十十 are
    not mistaken for numbers.
    """
    if not s or any(ch not in CN_NUMERAL_CHARS for ch in s):
        return None
    if len(s) == 1:
        if s == "十":
            return 10
        return CN_DIGITS.get(s) or None  # a lone 〇/零/百 numbers nothing
    total = 0
    rest = s
    if "百" in rest:
        head, _, rest = rest.partition("百")
        if len(head) != 1 or head not in CN_DIGITS or CN_DIGITS[head] == 0:
            return None
        total += CN_DIGITS[head] * 100
        if not rest:
            return total
        if rest[0] in "〇零":
            rest = rest[1:]
            if len(rest) != 1 or CN_DIGITS.get(rest, 0) == 0:
                return None
            return total + CN_DIGITS[rest]
    if "十" in rest:
        head, _, tail = rest.partition("十")
        if head:
            if len(head) != 1 or CN_DIGITS.get(head, 0) == 0:
                return None
            tens = CN_DIGITS[head]
        else:
            if total:  # 一百十 is not written; 一百一十 is
                return None
            tens = 1
        if tail and (len(tail) != 1 or CN_DIGITS.get(tail, 0) == 0):
            return None
        return total + tens * 10 + (CN_DIGITS[tail] if tail else 0)
    if total and len(rest) == 1 and CN_DIGITS.get(rest, 0):
        return None  # 一百五 is colloquial, not numbering
    return None


def int_to_cn(n: int) -> str:
    """Inverse of cn_to_int for 1 … 999 (一, 十, 十一, 二十, 一百零一, 一百一十)."""
    if not 1 <= n <= 999:
        raise ValueError(f"numeral out of range: {n}")
    digits = "〇一二三四五六七八九"
    hundreds, rem = divmod(n, 100)
    tens, ones = divmod(rem, 10)
    out = ""
    if hundreds:
        out += digits[hundreds] + "百"
        if rem == 0:
            return out
        if tens == 0:
            return out + "零" + digits[ones]
        out += digits[tens] + "十"
    elif tens:
        out += ("" if tens == 1 else digits[tens]) + "十"
    if ones:
        out += digits[ones]
    return out


def arabic_to_int(s: str) -> int | None:
    """Value of ASCII or full-width digits (１２ is 12); None for anything else."""
    if not s or any(not ("0" <= ch <= "9" or "０" <= ch <= "９") for ch in s):
        return None
    return int(s)
