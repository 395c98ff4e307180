"""Which template a file's forms follow, judged by the labels and names it prints.

Every template offers its printed labels, its 一级/二级 names and funding
sources (weight 2) and the synonyms it accepts (weight 1). The file's text is
read once, left to right, taking at each place the longest of all templates'
words that starts there, so 立项依据 inside 项目立项依据 or 绩效目标 inside
长期绩效目标 does not count for a template that prints the shorter word. The
template with the most weight wins; a tie goes to the default template.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

from forms.importing.labels import fold
from forms.model.template import DEFAULT_TEMPLATE, Template, available_templates, load_template

MAX_CHARS = 200_000
"""Enough text to tell templates apart; a longer file is judged by its start."""
_TITLE = re.compile(r"(?:申报表|目标表)(?:\(?\d{4}年度?\)?)?$")
_MIN_WORD = 3
"""Shorter words (项目, 合计) are in every template and only slow the scan."""


def _words(template: Template) -> dict[str, int]:
    words: dict[str, int] = {}
    printed = [*template.labels.values(), *template.funding_sources]
    printed += [name for group in template.indicator_groups for name in (group.name, *group.categories)]
    for text in printed:
        words[fold(text)] = 2
    for texts in template.synonyms.values():
        for text in texts:
            words.setdefault(fold(text), 1)
    return {word: weight for word, weight in words.items() if len(word) >= _MIN_WORD}


@cache
def _vocabulary(ids: tuple[str, ...]) -> tuple[dict[str, list[str]], dict[str, dict[str, int]]]:
    weights = {template_id: _words(load_template(template_id)) for template_id in ids}
    by_first: dict[str, set[str]] = defaultdict(set)
    for words in weights.values():
        for word in words:
            by_first[word[0]].add(word)
    ordered = {first: sorted(words, key=len, reverse=True) for first, words in by_first.items()}
    return ordered, weights


def template_scores(texts: Iterable[str]) -> dict[str, int]:
    """Each template's weight of words found in ``texts`` (the default template first)."""
    ids = tuple(sorted(available_templates(), key=lambda t: (t != DEFAULT_TEMPLATE, t)))
    ordered, weights = _vocabulary(ids)
    folded = ""
    for text in texts:
        # A title (项目支出绩效目标申报表) holds 绩效目标, a label of some templates: it says nothing here.
        folded += "".join(line for line in map(fold, text.split("\n")) if not _TITLE.search(line))
        if len(folded) >= MAX_CHARS:
            break
    found: set[str] = set()
    position = 0
    while position < len(folded):
        word = next((w for w in ordered.get(folded[position], ()) if folded.startswith(w, position)), None)
        if word is None:
            position += 1
        else:
            found.add(word)
            position += len(word)
    return {template_id: sum(weights[template_id].get(word, 0) for word in found) for template_id in ids}


def choose_template(texts: Iterable[str]) -> str:
    """The id of the template whose words ``texts`` print most (the default one on a tie)."""
    scores = template_scores(texts)
    return max(scores, key=lambda template_id: scores[template_id])
