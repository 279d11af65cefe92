#!/usr/bin/env python3
"""Fills a Warden instance's caches for benchmarks/run-footprint.sh, over keep-alive connections.

  footprint_fill.py login URL FIRST LAST PASSWORD TOKENS_OUT
      logs in demo users demo-1-FIRST .. demo-1-LAST (tenant demo-1, auto-selected) and writes
      one access token a line to TOKENS_OUT
  footprint_fill.py check URL TOKENS
      one POST /api/authz/check per token: the instance verifies and caches the token, its
      session state, the user's context and the user's permission set

Eight threads; prints "ok N failed M" and exits 1 if any request failed.
"""
import http.client
import json
import sys
import threading
import urllib.parse

THREADS = 8


def run(url, items, call):
    parsed = urllib.parse.urlparse(url)
    lock = threading.Lock()
    results = {"ok": 0, "failed": 0, "first_error": None}
    out = [None] * len(items)

    def worker(index):
        conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
        for i in range(index, len(items), THREADS):
            try:
                status, body = call(conn, items[i])
            except (OSError, http.client.HTTPException) as e:
                conn.close()
                conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
                status, body = 0, str(e)
            with lock:
                if status == 200:
                    results["ok"] += 1
                    out[i] = body
                else:
                    results["failed"] += 1
                    if results["first_error"] is None:
                        results["first_error"] = f"{status} {body[:200]}"
        conn.close()

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"ok {results['ok']} failed {results['failed']}"
          + (f" (first: {results['first_error']})" if results["first_error"] else ""))
    return out, results["failed"]


def post(conn, path, body, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    conn.request("POST", path, body=json.dumps(body), headers=headers)
    response = conn.getresponse()
    return response.status, response.read().decode()


def main():
    mode, url = sys.argv[1], sys.argv[2]
    if mode == "login":
        first, last, password, out_file = int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
        emails = [f"demo-1-{n}@demo.warden.local" for n in range(first, last + 1)]
        bodies, failed = run(url, emails, lambda conn, email: post(
            conn, "/api/auth/login", {"email": email, "password": password}))
        with open(out_file, "w") as f:
            for body in bodies:
                if body:
                    f.write(json.loads(body)["accessToken"] + "\n")
    elif mode == "check":
        with open(sys.argv[3]) as f:
            tokens = [line.strip() for line in f if line.strip()]
        _, failed = run(url, tokens, lambda conn, token: post(
            conn, "/api/authz/check", {"permission": "users.view"}, token))
    else:
        raise SystemExit(f"unknown mode {mode}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
