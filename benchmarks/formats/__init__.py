"""Test and benchmark documents in the formats users receive sources in, built with real tools
(python-docx, the project's GB/T 9704 exporter, LibreOffice) from a plain-text document."""
