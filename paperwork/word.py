"""A draft as a Word file (.docx): A4, the title centred, paragraphs with a two-character
first-line indent, the closing as Chinese letters lay it out, signature and date right-aligned.
Chinese text is set in 宋体 (SimSun) with the Latin parts in Times New Roman; a reader without
SimSun sees the system's CJK font, never missing characters (the text is Unicode)."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from paperwork.draft import Draft, chinese_date

CHINESE_FONT = "宋体"
LATIN_FONT = "Times New Roman"
BODY_SIZE = Pt(12)
TITLE_SIZE = Pt(18)


def word_file(draft: Draft) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.8)
    section.top_margin, section.bottom_margin = Cm(3.0), Cm(2.5)
    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = BODY_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), CHINESE_FONT)
    normal.paragraph_format.line_spacing = 1.5
    normal.paragraph_format.space_after = Pt(0)

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(18)
    run = title.add_run(draft.title)
    run.bold = True
    run.font.size = TITLE_SIZE
    if draft.salutation:
        document.add_paragraph(draft.salutation)
    for index, text in enumerate(draft.paragraphs):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        if index in draft.headings:
            run.bold = True
            paragraph.paragraph_format.space_before = Pt(6)
        else:
            _indent(paragraph)
    if draft.closing:
        _indent(document.add_paragraph(draft.closing[0]))
        for line in draft.closing[1:]:
            document.add_paragraph(line)
    if draft.signature or draft.day:
        document.add_paragraph()
        for line in (*draft.signature, *([chinese_date(draft.day)] if draft.day else [])):
            document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _indent(paragraph: Paragraph) -> None:
    paragraph.paragraph_format.first_line_indent = BODY_SIZE * 2
