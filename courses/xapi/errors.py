"""The one error of the xAPI store: a status code and a message the client is shown."""


class XapiError(Exception):
    """A request the store refuses. `status` is the HTTP status the resource answers (400 bad
    statement, 401/403 credentials, 404, 409 conflicting id, 412 precondition failed, …);
    `message` says what is wrong, in words a content author can act on."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status
        self.message = str(message)

    def __str__(self) -> str:
        return self.message
