"""Report writers: the Excel workbook people work in, and a flat CSV for pipelines."""
