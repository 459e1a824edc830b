"""Report files: Excel tables, the Excel entry template and its import, the PDF analytical report.

Nothing here touches the database: services gather the figures and pass them in.
"""
