"""Export a draft: Word .docx in the GB/T 9704 layout, .txt, .md, and .pdf through LibreOffice."""
