"""Reading a published policy text (its structure, dates, numbers, issuers, agencies and amounts) and
bringing it into a library as draft data.

The importer of ``policy-site import``, ``policy-site outline`` and ``policy-site check-document``
(issue 16, "Any document in"; the layout: /work/notes/library-layout.md). The readers are pure: text in,
typed results out. A text that cannot be structured raises :class:`TextNotStructured`, each problem with
its line number and what to do, in Chinese and English. What reads a text's structure (its lines, notice,
titles, dates, numbers, issuers) is ``policy_site.data.structure`` and the check of a library document
against its source is ``policy_site.data.document_check``: the build runs that check too, so they sit in
the data layer, below this package. Chinese numerals (一 … 九百九十九, 第二十三条)
are read by ``policy_site.data.numerals``, which the data check uses too.

    life            in force from, expires, repeals (自…起施行，有效期N年 …)
    agencies        牵头单位：…；协办单位：…, 由…负责
    amounts         5万元, 每人每月3000元, 50%, 最长不超过12个月 as candidates for staff
    outline         the outline JSON of the documents contract, with its status on a given date
    draft           a read document as draft data: document.yaml, one mapping a section, review.md (pure)
    yaml_text       those mappings as YAML staff read: fixed key order, block scalars, comments
    report          what ``import`` prints: what it read, what needs a person
    library         a library's folders: the agencies to match, a document folder written whole or not at all
    writing         ``import`` writing a draft, ``check-document``
    command         the commands' arguments; reads the source file
"""

from ..data.structure import TextNotStructured, TextProblem, read_structure
from .outline import outline, read_document

__all__ = ["TextNotStructured", "TextProblem", "outline", "read_document", "read_structure"]
