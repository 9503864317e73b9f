"""The names of a library's files (/work/notes/library-layout.md), shared by the loader
(``data.library``), the check of a document against its source (``data.document_check``) and the
importer that writes them (``importer.library``).

    DIR/agencies.yaml                       shared: the agencies a document's clauses name
    DIR/documents/<doc-id>/source.zh.txt    the published text, byte for byte
    DIR/documents/<doc-id>/document.yaml    the document as a whole
    DIR/documents/<doc-id>/sections/<n>.yaml
    DIR/documents/<doc-id>/review.md        what needs a person (never read by the build)
"""

DOCUMENTS = "documents"
DOCUMENT_FILE = "document.yaml"
SOURCE_FILE = "source.zh.txt"
SECTIONS = "sections"
REVIEW_FILE = "review.md"
AGENCIES_FILE = "agencies.yaml"
