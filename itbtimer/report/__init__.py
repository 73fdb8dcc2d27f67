"""`itbtimer report`'s PDFs: the report for the physio and the routine card (fpdf2, which
only report/pdf_library.py imports)."""
