"""report_pdf: builds the annual 法治政府建设工作报告 into a print-ready PDF."""

__version__ = "0.1.0"
