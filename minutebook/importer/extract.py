"""Stage 1 of an import: a file (.txt, .md, .pdf, .docx) -> its text, one paragraph or line per line.

Tables come out as tab-separated rows, the same shape as text copied out of a PDF agenda pack, so
one parser reads every format. Nothing here interprets the text.
"""

from __future__ import annotations

import re
from pathlib import Path

SUPPORTED = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")


class ExtractError(Exception):
    """The file cannot be read as text; the message says why and what to do."""


def extract_text(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ExtractError(
            f"'{path.suffix or path.name}' files cannot be imported; save the minutes as PDF, Word (.docx), a web page (.html) or plain text (.txt)"
        )
    try:
        if suffix == ".pdf":
            return _pdf_text(path)
        if suffix == ".docx":
            return _docx_text(path)
        if suffix in (".html", ".htm"):
            return html_text(_plain_text(path))
        return _plain_text(path)
    except OSError as exc:
        raise ExtractError(f"the file could not be read: {exc.strerror or exc}") from exc


def _plain_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # Text saved from Word on Windows is often cp1252; every byte decodes, so nothing is lost.
        text = data.decode("cp1252", errors="replace")
    # A form feed is a page break (text saved by pdftotext, or printed from a word processor): a blank
    # line, as the PDF reader puts between pages, so a heading at the top of a page starts its own line.
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return join_pages(text.split("\f")) if "\f" in text else text


# A page that ends mid-sentence ("... reported on the state of the" / "Footpaths."): the page break is
# not a paragraph break. Anything else ends a page's paragraph.
_MID_SENTENCE = re.compile(r"[\w,\-–—&(]$")


def join_pages(pages: list[str]) -> str:
    """Pages of text -> one text: a blank line between pages (a form feed in a text file, a page of a
    PDF), except where a sentence runs on over the page break, so that the same minutes read the same
    whether printed on one page or split over two."""
    text = ""
    for page in pages:
        if not text:
            text = page
            continue
        before, after = text.rstrip(" \t"), page.lstrip(" \t")
        last = before.rsplit("\n", 1)[-1].strip()
        first = after.lstrip("\n").split("\n", 1)[0].strip()
        if last and first and _MID_SENTENCE.search(last) and not first.startswith(("**", "#", "- ")):
            text = before.rstrip("\n") + "\n" + after.lstrip("\n")
        else:
            text = before.rstrip("\n") + "\n\n" + after.lstrip("\n")
    return text


def _pdf_text(path: Path) -> str:
    import pdfplumber
    from pdfminer.pdfexceptions import PDFException
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    try:
        with pdfplumber.open(path) as pdf:
            pages = [_pdf_page_text(page) for page in pdf.pages]
    except (PdfminerException, MalformedPDFException, PDFException, PSException, ValueError) as exc:
        raise ExtractError(
            f"the PDF could not be read ({exc}); open it and save it again as PDF, or export the text"
        ) from exc
    text = join_pages(pages)
    if not text.strip():
        raise ExtractError(
            "the PDF has no text layer (it is a scan); run it through OCR first, or import the Word original"
        )
    return text


def _pdf_page_text(page) -> str:
    """Lines in reading order; a blank line where the gap between lines shows a new paragraph;
    tables as tab-separated rows; a line set wholly in bold wrapped in ** (headings)."""
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]

    def outside_tables(obj) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    blocks: list[tuple[float, float, str]] = []  # (top, bottom, text)
    found = [line for line in page.filter(outside_tables).extract_text_lines(return_chars=True)]
    # A list entry set further in than the page's first-level entries is nested under the one before:
    # indented by four spaces a level, as a text file prints it.
    bullets = [line["x0"] for line in found if re.match(r"^[-•▪◦]\s", line["text"].strip())]
    left = min(bullets) if bullets else 0.0
    for line in found:
        text = line["text"].strip()
        if not text:
            continue
        if re.match(r"^[-•▪◦]\s", text) and line["x0"] - left > 8:
            text = "    " * (1 + int((line["x0"] - left - 8) // 18)) + text
        letters = [c for c in line["chars"] if c["text"].strip()]
        if letters and all("bold" in c.get("fontname", "").lower() for c in letters):
            text = f"**{text}**"
        blocks.append((line["top"], line["bottom"], text))
    for table, box in zip(tables, boxes, strict=True):
        rows = ["\t".join(_cell(cell) for cell in row) for row in table.extract()]
        blocks.append((box[1], box[3], "\n".join(rows)))
    blocks.sort(key=lambda block: block[0])
    heights = sorted(bottom - top for top, bottom, text in blocks if "\n" not in text) or [10.0]
    line_height = heights[len(heights) // 2]
    lines: list[str] = []
    previous_bottom = None
    for top, bottom, text in blocks:
        if previous_bottom is not None and top - previous_bottom > 0.6 * line_height:
            lines.append("")
        lines.append(text)
        previous_bottom = bottom
    return "\n".join(lines)


def _cell(value) -> str:
    return " ".join(str(value or "").split())


def _docx_text(path: Path) -> str:
    import zipfile

    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ExtractError(
            f"the Word file could not be read ({exc}); open it in Word and save it again as .docx"
        ) from exc
    lines: list[str] = []
    numbering: dict[str, int] = {}
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            text = paragraph.text.strip()
            if not text:
                continue
            lines.append(_docx_paragraph(paragraph, text, numbering))
            lines.append("")
        elif tag == "tbl":
            table = Table(child, document)
            lines.extend("\t".join(_cell(cell.text) for cell in row.cells) for row in table.rows)
            lines.append("")
    return "\n".join(lines)


def _docx_paragraph(paragraph, text: str, numbering: dict[str, int]) -> str:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.startswith("List Bullet"):
        # "List Bullet 2" is an entry nested under the one before: indented, as a text file prints it
        level = int(style.rsplit(" ", 1)[-1]) if style.rsplit(" ", 1)[-1].isdigit() else 1
        return f"{'    ' * (level - 1)}- {text}"
    if style.startswith("List Number"):
        numbering[style] = numbering.get(style, 0) + 1
        return f"{numbering[style]}. {text}"
    numbering.clear()
    runs = [run for run in paragraph.runs if run.text.strip()]
    if style.startswith(("Heading", "Title")) or (runs and all(run.bold for run in runs)):
        return f"**{text}**"
    return text


def html_text(markup: str) -> str:
    """A web page -> its text: one line per heading, paragraph, list item or table row; headings and
    bold paragraphs in ** like the other formats; scripts, styles and navigation left out."""
    import html
    import re

    markup = re.sub(r"(?is)<(script|style|nav|header|footer|noscript|title|head)\b.*?</\1>", "", markup)

    def numbered(match: re.Match) -> str:  # an ordered list's items carry their numbers, as printed
        count = iter(range(1, 1000))
        return re.sub(r"(?is)<li\b[^>]*>", lambda _: f"\n{next(count)}. ", match.group(0))

    markup = re.sub(r"(?is)<ol\b.*?</ol>", numbered, markup)
    markup = re.sub(r"(?is)<!--.*?-->", "", markup)
    markup = re.sub(
        r"(?is)(\d+\. )?\s*<h[1-6]\b[^>]*>(.*?)</h[1-6]>",
        lambda m: (
            "\n\n**" + (m.group(1) or "") + " ".join(re.sub(r"<[^>]+>", " ", m.group(2)).split()) + "**\n\n"
        ),
        markup,
    )
    markup = re.sub(r"(?is)<li\b[^>]*>", "\n- ", markup)
    markup = re.sub(r"(?is)</t[dh]>\s*<t[dh]\b[^>]*>", "\t", markup)
    markup = re.sub(
        r"(?is)<(?:br|/p|/div|/tr|/li|/ol|/ul|/table|/section|/article|p|div|tr|table)\b[^>]*>", "\n", markup
    )
    text = html.unescape(re.sub(r"(?s)<[^>]+>", "", markup)).replace("\u00a0", " ")
    lines = [
        " ".join(line.split())
        if "\t" not in line
        else "\t".join(" ".join(c.split()) for c in line.split("\t"))
        for line in text.split("\n")
    ]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
