"""Technical-assistance requests: the request form, lists and summary, the ORE admin screens,
attachments and the status emails."""
