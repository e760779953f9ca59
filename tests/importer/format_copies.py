"""The same minutes as Word and PDF files, written from their text, for the format-equivalence tests
(tests/importer/test_format_equivalence.py): each paragraph of the text (lines between blank lines) one
Word paragraph or one PDF paragraph; "- " lines as bulleted list paragraphs; a paragraph wholly in **
bold; a form feed a new PDF page."""

from __future__ import annotations

import re
from pathlib import Path

# A Unicode font: minutes print curly quotes, dashes and £, which the PDF core fonts cannot.
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
_BOLD = re.compile(r"^\*\*(?P<text>[^*]+)\*\*$")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*$")


def paragraphs(text: str) -> list[list[list[str]]]:
    """Pages of paragraphs of lines: the text cut at form feeds, then at blank lines; a paragraph's lines
    stay lines (a line break inside a Word paragraph, a new line in a PDF); each list entry ("- ") is its
    own paragraph, as Word writes list entries."""
    pages = []
    for page in text.replace("\r\n", "\n").split("\f"):
        found: list[list[str]] = []
        for block in re.split(r"\n\s*\n", page):
            # A list entry keeps its indent (a nested entry); other lines are stripped.
            lines = [
                line.rstrip() if line.lstrip().startswith("- ") else line.strip()
                for line in block.split("\n")
                if line.strip()
            ]
            current: list[str] = []
            for line in lines:
                if line.lstrip().startswith("- ") or _HEADING.match(line):
                    if current:
                        found.append(current)
                    # a list entry takes the unmarked lines under it (line breaks in the entry)
                    current = [line] if line.lstrip().startswith("- ") else []
                    if not current:
                        found.append([line])
                else:
                    current.append(line)
            if current:
                found.append(current)
        pages.append(found)
    return pages


def _plain(line: str) -> tuple[str, bool, int]:
    """(text, bold, heading level) of a line as printed: Markdown marks become the format's own."""
    level = 0
    heading = _HEADING.match(line)
    if heading:
        level, line = len(heading.group("hashes")), heading.group("text")
    bold = _BOLD.match(line)
    return (bold.group("text") if bold else line), bool(bold) or bool(level), level


def to_docx(text: str, path: Path) -> Path:
    import docx

    document = docx.Document()
    for page in paragraphs(text):
        for lines in page:
            first, _, level = _plain(lines[0])
            if first.lstrip().startswith("- "):
                depth = (len(first) - len(first.lstrip()) + 3) // 4  # one to four spaces: one level in
                style = "List Bullet" if not depth else f"List Bullet {depth + 1}"
                entry = document.add_paragraph(style=style)
                for index, line in enumerate([first.lstrip()[2:], *lines[1:]]):
                    words, line_bold, _ = _plain(line)
                    run = entry.add_run(words)
                    run.bold = line_bold or None
                    if index + 1 < len(lines):
                        run.add_break()
                continue
            paragraph = document.add_heading(level=min(level, 9)) if level else document.add_paragraph()
            for index, line in enumerate(lines):
                words, line_bold, _ = _plain(line)
                run = paragraph.add_run(words)
                run.bold = line_bold or None
                if index + 1 < len(lines):
                    run.add_break()
    document.save(str(path))
    return path


def to_pdf(text: str, path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    pdf.set_font("DejaVu", size=10)
    for page in paragraphs(text):
        pdf.add_page()
        for lines in page:
            # A paragraph that fits on a page is not split over two (as a word processor keeps short
            # paragraphs together); a longer one runs on over the page break.
            height = sum(
                len(
                    pdf.multi_cell(
                        0, 5, _plain(line)[0].strip().replace("\t", "    "), dry_run=True, output="LINES"
                    )
                )
                * 5
                for line in lines
            )
            if height < pdf.eph and pdf.will_page_break(height):
                pdf.add_page()
            for line in lines:
                words, bold, _ = _plain(line)
                depth = (len(words) - len(words.lstrip()) + 3) // 4 if words.lstrip().startswith("- ") else 0
                pdf.set_font("DejaVu", style="B" if bold else "", size=10)
                pdf.set_x(pdf.l_margin + 8 * depth)  # a nested list entry set further in
                pdf.multi_cell(0, 5, words.strip().replace("\t", "    "), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
    pdf.output(str(path))
    return path
