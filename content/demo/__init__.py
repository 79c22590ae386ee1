"""The demo city's content: `seed` seeds ORE's glossary, its resource library and some TA
requests.

Their text is in the YAML files of this package, read with `lms.demo_data.demo_data(
"content.demo", name)`; this package imports nothing, so the text loads without Django.
"""
