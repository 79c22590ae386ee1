"""A small LRS over real HTTP (a thread of the standard library's server), for the forwarding
tests: it keeps statements by id as a strict LRS does (a batch naming an id it holds is a 409),
counts what it received, checks the version header and the basic credentials, and can be told
to fail."""

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class FakeLRS:
    def __init__(self, username="lms", password="secret"):  # noqa: S107 (a test double)
        self.statements: dict[str, dict] = {}
        self.received: list[str] = []  # every statement id received, in order, repeats included
        self.requests: list[tuple[str, int]] = []
        self.fail_with: int | None = None
        self.expected_auth = "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()
        lrs = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status, body=None):
                lrs.requests.append((self.command, status))
                payload = json.dumps(body).encode() if body is not None else b""
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _body(self):
                length = int(self.headers.get("Content-Length", "0"))
                return json.loads(self.rfile.read(length).decode())

            def _checked(self):
                if self.headers.get("Authorization") != lrs.expected_auth:
                    self._answer(401, {"error": "who are you"})
                    return False
                if not (self.headers.get("X-Experience-API-Version") or "").startswith("1.0"):
                    self._answer(400, {"error": "version"})
                    return False
                if lrs.fail_with:
                    self._answer(lrs.fail_with, {"error": "down"})
                    return False
                return urlsplit(self.path).path.endswith("/statements")

            def do_POST(self):
                if not self._checked():
                    return
                statements = self._body()
                statements = statements if isinstance(statements, list) else [statements]
                lrs.received += [s["id"] for s in statements]
                if any(s["id"] in lrs.statements for s in statements):
                    self._answer(409, {"error": "exists"})
                    return
                for statement in statements:
                    lrs.statements[statement["id"]] = statement
                self._answer(200, [s["id"] for s in statements])

            def do_PUT(self):
                if not self._checked():
                    return
                statement_id = parse_qs(urlsplit(self.path).query)["statementId"][0]
                statement = self._body()
                lrs.received.append(statement_id)
                if statement_id in lrs.statements:
                    self._answer(409, {"error": "exists"})
                    return
                lrs.statements[statement_id] = statement
                self._answer(204)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/xapi"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
