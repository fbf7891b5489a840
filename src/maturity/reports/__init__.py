"""Reports of an assessment: the committee report (PDF), the workbook (XLSX) and its import, CSV."""
