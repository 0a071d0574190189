"""RGAA 13.3: the demo's documents are tagged PDFs, with a heading, paragraphs, a title and a language."""

from resources.demo import simple_pdf
from tests.pdf_tools import pdf_info, pdf_language, pdf_structure, pdf_text


def test_a_demo_document_is_a_tagged_pdf_in_french_with_its_title():
    lines = ["Changement de situation : que déclarer ?", "Un déménagement, une naissance.", "Appelez-nous."]
    content = simple_pdf(lines)

    info = pdf_info(content)
    assert info["Tagged"] == "yes"
    assert info["Title"] == "Changement de situation : que déclarer ?"
    assert pdf_language(content) == "fr-FR"
    structure = [line.strip() for line in pdf_structure(content).splitlines()]
    assert structure == [
        "Document",
        "H1 (block)",
        '"Changement de situation : que déclarer ?"',
        "P (block)",
        '"Un déménagement, une naissance."',
        "P (block)",
        '"Appelez-nous."',
    ]
    assert "Un déménagement, une naissance. Appelez-nous." in pdf_text(content)
