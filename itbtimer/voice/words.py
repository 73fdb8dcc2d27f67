"""Numbers and durations as words a voice reads well: 45 -> "forty-five seconds"."""

from __future__ import annotations

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
         "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def number(n: int) -> str:
    """0-999999 as words: 45 -> "forty-five", 120 -> "one hundred twenty"."""
    if n < 0:
        return "minus " + number(-n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {number(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    return f"{number(thousands)} thousand" + (f" {number(rest)}" if rest else "")


def _unit(n: int, word: str) -> str:
    return f"{number(n)} {word}{'' if n == 1 else 's'}"


def duration(seconds: int) -> str:
    """30 -> "thirty seconds", 120 -> "two minutes", 150 -> "two minutes thirty seconds".

    Under two minutes a time that is not whole minutes stays in seconds ("ninety
    seconds"), which is how people count a hold.
    """
    minutes, rest = divmod(seconds, 60)
    if minutes == 0 or (rest and seconds < 120):
        return _unit(seconds, "second")
    if rest == 0:
        return _unit(minutes, "minute")
    return f"{_unit(minutes, 'minute')} {_unit(rest, 'second')}"


def duration_range(low: int, high: int) -> str:
    """30, 45 -> "thirty to forty-five seconds"; 60, 120 -> "one to two minutes"."""
    if high < 120 and (low % 60 or high % 60):
        return f"{number(low)} to {_unit(high, 'second')}"
    if low % 60 == 0 and high % 60 == 0:
        return f"{number(low // 60)} to {_unit(high // 60, 'minute')}"
    return f"{duration(low)} to {duration(high)}"


def reps(text: str) -> str:
    """"8-12" -> "eight to twelve reps", "10" -> "ten reps", "1" -> "one rep"."""
    low, dash, high = text.partition("-")
    if dash and low.isascii() and low.isdigit() and high.isascii() and high.isdigit():
        return f"{number(int(low))} to {number(int(high))} reps"
    if text.isascii() and text.isdigit():
        return _unit(int(text), "rep")
    return f"{text} reps"


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]
