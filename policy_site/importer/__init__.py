"""Reading a published policy text (its structure, dates, numbers, issuers, agencies and amounts) and
bringing it into a library as draft data.

The importer of ``policy-site import``, ``policy-site outline`` and ``policy-site check-document``
(issue 16, "Any document in"; the layout: /work/notes/library-layout.md). The readers are pure: text in,
typed results out. A text that cannot be structured raises :class:`TextNotStructured`, each problem with
its line number and what to do, in Chinese and English. Chinese numerals (一 … 九百九十九, 第二十三条)
are read by ``policy_site.data.numerals``, which the data check uses too.

    dates           2019年10月9日, 二〇一九年十月九日; the end of a term of N years
    lines           what kind of line one line is (heading, article, clause, annex, footer …)
    notice          the notice before the document: number, issuers, title, signatures, date
    structure       every line's place: notice, title, preamble, headings, clauses, annexes, footer
    titles          the notice's title and the document's own title
    doc_numbers     document numbers (穗人社规字〔2019〕6号)
    issuers         issuing bodies from a line of issuers or the signatures
    life            in force from, expires, repeals (自…起施行，有效期N年 …)
    agencies        牵头单位：…；协办单位：…, 由…负责
    amounts         5万元, 每人每月3000元, 50%, 最长不超过12个月 as candidates for staff
    outline         the outline JSON of the documents contract, with its status on a given date
    errors          TextProblem (line, zh, en) and TextNotStructured
    draft           a read document as draft data: document.yaml, one mapping a section, review.md (pure)
    yaml_text       those mappings as YAML staff read: fixed key order, block scalars, comments
    report          what ``import`` prints: what it read, what needs a person
    library         a library's folders: the agencies to match, a document folder written whole or not at all
    document_check  one library document checked against its source (problems and warnings)
    writing         ``import`` writing a draft, ``check-document``
    command         the commands' arguments; reads the source file
"""

from .errors import TextNotStructured, TextProblem
from .outline import outline, read_document
from .structure import read_structure

__all__ = ["TextNotStructured", "TextProblem", "outline", "read_document", "read_structure"]
