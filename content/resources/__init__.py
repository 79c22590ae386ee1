"""The TA resource library: resource pages with files and links, filters, download counts."""
