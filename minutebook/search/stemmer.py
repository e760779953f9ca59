"""The Porter stemmer exactly as lunr.js 2.3.9 runs it, so words stemmed at build time meet the
same stems that the browser makes of a query.

lunr.py's own stemmer follows Martin Porter's Python version, which stems about one English word
in a hundred differently from lunr.js ("holiday" -> "holidai" against "holiday", "money",
"survey", "journey", "try"), and a query for such a word would then find nothing. This is a
line-by-line port of lunr.js's `lunr.stemmer`; tests run both over a large vocabulary.
"""

from __future__ import annotations

import re
from functools import lru_cache

_STEP2 = {
    "ational": "ate",
    "tional": "tion",
    "enci": "ence",
    "anci": "ance",
    "izer": "ize",
    "bli": "ble",
    "alli": "al",
    "entli": "ent",
    "eli": "e",
    "ousli": "ous",
    "ization": "ize",
    "ation": "ate",
    "ator": "ate",
    "alism": "al",
    "iveness": "ive",
    "fulness": "ful",
    "ousness": "ous",
    "aliti": "al",
    "iviti": "ive",
    "biliti": "ble",
    "logi": "log",
}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}

_c = "[^aeiou]"
_v = "[aeiouy]"
_C = _c + "[^aeiouy]*"
_V = _v + "[aeiou]*"

# JavaScript's "." stops at line terminators; tokens never hold one, so Python's "." is the same here.
_MGR0 = re.compile("^(" + _C + ")?" + _V + _C)
_MEQ1 = re.compile("^(" + _C + ")?" + _V + _C + "(" + _V + ")?$")
_MGR1 = re.compile("^(" + _C + ")?" + _V + _C + _V + _C)
_S_V = re.compile("^(" + _C + ")?" + _v)

_1A = re.compile(r"^(.+?)(ss|i)es$")
_1A_2 = re.compile(r"^(.+?)([^s])s$")
_1B = re.compile(r"^(.+?)eed$")
_1B_2 = re.compile(r"^(.+?)(ed|ing)$")
_LAST = re.compile(r".$")
_1B_AT = re.compile(r"(at|bl|iz)$")
_1B_DOUBLE = re.compile(r"([^aeiouylsz])\1$")
_CVC = re.compile("^" + _C + _v + "[^aeiouwxy]$")
_1C = re.compile(r"^(.+?[^aeiou])y$")
_2 = re.compile(r"^(.+?)(" + "|".join(_STEP2) + ")$")
_3 = re.compile(r"^(.+?)(" + "|".join(_STEP3) + ")$")
_4 = re.compile(r"^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$")
_4_2 = re.compile(r"^(.+?)(s|t)(ion)$")
_5 = re.compile(r"^(.+?)e$")
_5_LL = re.compile(r"ll$")


@lru_cache(maxsize=1 << 18)
def stem(word: str) -> str:
    # lunr.js counts UTF-16 code units; folded words are almost always plain ASCII.
    if len(word.encode("utf-16-le")) // 2 < 3:
        return word
    first = word[0]
    if first == "y":
        word = "Y" + word[1:]

    if _1A.search(word):
        word = _1A.sub(r"\1\2", word, count=1)
    elif _1A_2.search(word):
        word = _1A_2.sub(r"\1\2", word, count=1)

    if match := _1B.search(word):
        if _MGR0.search(match.group(1)):
            word = _LAST.sub("", word, count=1)
    elif match := _1B_2.search(word):
        stem_ = match.group(1)
        if _S_V.search(stem_):
            word = stem_
            if _1B_AT.search(word):
                word += "e"
            elif _1B_DOUBLE.search(word):
                word = _LAST.sub("", word, count=1)
            elif _CVC.search(word):
                word += "e"

    if match := _1C.search(word):
        word = match.group(1) + "i"

    if (match := _2.search(word)) and _MGR0.search(match.group(1)):
        word = match.group(1) + _STEP2[match.group(2)]

    if (match := _3.search(word)) and _MGR0.search(match.group(1)):
        word = match.group(1) + _STEP3[match.group(2)]

    if match := _4.search(word):
        if _MGR1.search(match.group(1)):
            word = match.group(1)
    elif match := _4_2.search(word):
        stem_ = match.group(1) + match.group(2)
        if _MGR1.search(stem_):
            word = stem_

    if match := _5.search(word):
        stem_ = match.group(1)
        if _MGR1.search(stem_) or (_MEQ1.search(stem_) and not _CVC.search(stem_)):
            word = stem_

    if _5_LL.search(word) and _MGR1.search(word):
        word = _LAST.sub("", word, count=1)

    if first == "y":
        word = "y" + word[1:]
    return word
