"""The glossary: terms and indicator definitions (Wagtail pages), their public index, history,
autolinking in lessons and the open-data exports (/api/glossary...)."""
