"""Reading a published policy text's structure: every line's place (notice, title line, preamble,
headings, clauses, items, annexes, footer), used by the importer to write a draft and by the data
check (``data.document_check``) to compare each document of the library with its ``source.zh.txt``.
Pure: text in, typed results out; a text that cannot be structured raises :class:`TextNotStructured`,
each problem with its line and what to do, in Chinese and English.

    reader          every line's place: notice, title, preamble, headings, clauses, annexes, footer
    lines           what kind of line one line is (heading, article, clause, annex, footer …)
    notice          the notice before the document: number, issuers, title, signatures, date
    titles          the notice's title and the document's own title
    dates           2019年10月9日, 二〇一九年十月九日; the end of a term of N years
    doc_numbers     document numbers (穗人社规字〔2019〕6号)
    issuers         issuing bodies from a line of issuers or the signatures
    errors          TextProblem (line, zh, en) and TextNotStructured
"""

from .errors import TextNotStructured, TextProblem
from .reader import read_structure

__all__ = ["TextNotStructured", "TextProblem", "read_structure"]
