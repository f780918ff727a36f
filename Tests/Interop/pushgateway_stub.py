"""A one-request stand-in for a Prometheus Pushgateway on loopback.

    python3 pushgateway_stub.py PORT_FILE REQUEST_FILE

Binds 127.0.0.1 on a free port, writes the port to PORT_FILE, answers one request with 200 (202 for PUT/POST
like the real gateway), and saves "METHOD PATH\\nCONTENT-TYPE\\n\\nBODY" to REQUEST_FILE.
"""
import http.server
import os
import sys


class Handler(http.server.BaseHTTPRequestHandler):
    def _record(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8")
        with open(sys.argv[2] + ".tmp", "w", encoding="utf-8") as stream:
            stream.write(f"{self.command} {self.path}\n{self.headers.get('Content-Type', '')}\n\n{body}")
        os.replace(sys.argv[2] + ".tmp", sys.argv[2])
        self.send_response(202 if self.command in ("PUT", "POST") else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT = _record

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[1] + ".tmp", "w") as stream:
    stream.write(str(server.server_address[1]))
os.replace(sys.argv[1] + ".tmp", sys.argv[1])
server.timeout = 60
server.handle_request()
