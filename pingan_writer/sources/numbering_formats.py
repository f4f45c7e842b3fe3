"""Word's number formats (w:numFmt): a list counter's value written the way Word draws it.

Only the formats Chinese official documents and common Word templates use are spelled out;
anything else falls back to plain decimal, which is what Word itself does for formats a
font or locale cannot show.
"""

from __future__ import annotations

_CN_DIGITS = "〇一二三四五六七八九"
_LEGAL_SIMPLIFIED_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_LEGAL_TRADITIONAL_DIGITS = "零壹貳參肆伍陸柒捌玖"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_MAX_LETTER_REPEAT = 30  # past ZZZ…Z (30 letters) a decimal, so a huge w:start cannot blow up
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def _decimal(value: int) -> str:
    return str(value)


def _full_width(value: int) -> str:
    return "".join(chr(ord(d) - ord("0") + ord("０")) if d.isdigit() else d for d in str(value))


def _decimal_zero(value: int) -> str:
    return f"{value:02d}" if 0 <= value < 10 else str(value)


def _enclosed(first: int, count: int):
    """①-style formats: Unicode encodes 1..count from `first`; Word writes larger values as decimals."""

    def fmt(value: int) -> str:
        return chr(first + value - 1) if 1 <= value <= count else str(value)

    return fmt


def _counting(value: int) -> str:
    """chineseCounting: 一 … 十 十一 … 九十九, then digit by digit (一〇〇) as Word does."""
    if not 1 <= value <= 99:
        return _ideograph_digital(value)
    tens, ones = divmod(value, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens] + "十")
    return head + (_CN_DIGITS[ones] if ones else "")


def _ideograph_digital(value: int) -> str:
    if value < 0:
        return str(value)
    return "".join(_CN_DIGITS[int(d)] for d in str(value))


def _thousand_system(value: int, digits: str, units: str, zero: str, bare_ten: bool) -> str:
    """一千二百三十四 up to 9999: a zero between non-zero digits is written once; a leading 一十
    is written 十 when `bare_ten` (counting style), 壹拾 in the legal styles."""
    if not 1 <= value <= 9999:
        return str(value)
    out: list[str] = []
    pending_zero = False
    for power, unit in zip((1000, 100, 10, 1), (*units, ""), strict=True):
        d = (value // power) % 10
        if d == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append(zero)
            pending_zero = False
        if power == 10 and d == 1 and bare_ten and not out:
            out.append(unit)
        else:
            out.append(digits[d] + unit)
    return "".join(out)


def _counting_thousand(value: int) -> str:
    return _thousand_system(value, _CN_DIGITS, "千百十", "〇", bare_ten=True)


def _legal_simplified(value: int) -> str:
    return _thousand_system(value, _LEGAL_SIMPLIFIED_DIGITS, "仟佰拾", "零", bare_ten=False)


def _legal_traditional(value: int) -> str:
    return _thousand_system(value, _LEGAL_TRADITIONAL_DIGITS, "仟佰拾", "零", bare_ten=False)


def _cycle(chars: str):
    """甲乙丙 / 子丑寅: a fixed series; Word writes values past its end as decimals."""

    def fmt(value: int) -> str:
        return chars[value - 1] if 1 <= value <= len(chars) else str(value)

    return fmt


def _letter(value: int) -> str:
    """A … Z, AA … ZZ, AAA: Word repeats the letter rather than counting in base 26."""
    if not 1 <= value <= 26 * _MAX_LETTER_REPEAT:
        return str(value)
    return chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)


def _roman(value: int) -> str:
    if not 1 <= value <= 3999:
        return str(value)
    out = []
    for amount, symbol in _ROMAN:
        count, value = divmod(value, amount)
        out.append(symbol * count)
    return "".join(out)


def _nothing(value: int) -> str:
    return ""


_FORMATS = {
    "decimal": _decimal,
    "decimalHalfWidth": _decimal,
    "decimalZero": _decimal_zero,
    "decimalFullWidth": _full_width,
    "decimalFullWidth2": _full_width,
    "decimalEnclosedCircle": _enclosed(0x2460, 20),
    "decimalEnclosedCircleChinese": _enclosed(0x2460, 20),
    "decimalEnclosedParen": _enclosed(0x2474, 20),
    "decimalEnclosedFullstop": _enclosed(0x2488, 20),
    "ideographEnclosedCircle": _enclosed(0x3280, 10),
    "chineseCounting": _counting,
    "taiwaneseCounting": _counting,
    "chineseCountingThousand": _counting_thousand,
    "taiwaneseCountingThousand": _counting_thousand,
    "japaneseCounting": _counting_thousand,
    "ideographDigital": _ideograph_digital,
    "taiwaneseDigital": _ideograph_digital,
    "chineseLegalSimplified": _legal_simplified,
    "ideographLegalTraditional": _legal_traditional,
    "ideographTraditional": _cycle(_HEAVENLY_STEMS),
    "ideographZodiac": _cycle(_EARTHLY_BRANCHES),
    "upperLetter": _letter,
    "lowerLetter": lambda v: _letter(v).lower(),
    "upperRoman": _roman,
    "lowerRoman": lambda v: _roman(v).lower(),
    "bullet": _nothing,  # the bullet is the level text itself
    "none": _nothing,
}


def format_number(value: int, num_fmt: str) -> str:
    """`value` written in Word's number format `num_fmt` (a w:numFmt w:val): "chineseCounting"
    gives 十一 for 11, "decimalEnclosedCircle" ③ for 3, "bullet" and "none" give "".
    Unknown formats are written as decimals."""
    return _FORMATS.get(num_fmt, _decimal)(value)
