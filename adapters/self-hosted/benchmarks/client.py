#!/usr/bin/env python3
"""Sends requests for faults.sh until a stop file appears, from several threads over keep-alive connections,
reconnecting after any error (the gateway may be dead or restarting): a POST with a small JSON body when the path
starts with /async-function/, else a GET.

Writes the X-Call-Id of every call answered 202 to <accepted file>, one a line, and prints one summary line:
CLIENT sent=N accepted=N refused=N noanswer=N statuses=...
 - refused: the connection could not be made (nothing was sent);
 - noanswer: the request was sent but the connection broke before an answer, or none came in 45 s (longer than the
   functions' 30 s timeout); the caller does not know whether the gateway read it (an asynchronous call may still
   have been journaled and delivered);
 - statuses: answers by status, a problem's code after the status for every answer but 2xx (503:shutting-down).
Every request carries its own X-Request-Id; the ids of the requests without an answer go to [no-answer file], so
that they can be looked up in the gateway's access log.
Usage: client.py <port> <path> <accepted file> <stop file> [threads] [no-answer file]
"""
import http.client
import json
import os
import sys
import threading
import time
from collections import Counter

port, path, accepted_file, stop_file = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
threads = int(sys.argv[5]) if len(sys.argv) > 5 else 4
noanswer_file = sys.argv[6] if len(sys.argv) > 6 else None
run = "%08x" % int.from_bytes(os.urandom(4), "big")
lock = threading.Lock()
counts = Counter()
accepted = []
unanswered = []


def submit(worker):
    connection = None
    n = 0
    while not os.path.exists(stop_file):
        if connection is None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=45)
            try:
                connection.connect()
            except OSError:
                connection = None
                with lock:
                    counts["refused"] += 1
                time.sleep(0.05)
                continue
        n += 1
        body = ('{"worker": %d, "n": %d}' % (worker, n)).encode()
        request_id = "%s-%d-%d" % (run, worker, n)
        try:
            if path.startswith("/async-function/"):
                connection.request("POST", path, body=body, headers={"content-type": "application/json",
                                                                     "x-request-id": request_id})
            else:
                connection.request("GET", path, headers={"x-request-id": request_id})
        except OSError:
            connection.close()
            connection = None
            with lock:
                counts["refused"] += 1
            continue
        with lock:
            counts["sent"] += 1
        try:
            response = connection.getresponse()
            answer = response.read()
        except (OSError, http.client.HTTPException):
            connection.close()
            connection = None
            with lock:
                counts["noanswer"] += 1
                unanswered.append(request_id)
            continue
        key = "status-%d" % response.status
        if response.status >= 300:
            try:
                key += ":" + json.loads(answer).get("code", "")
            except ValueError:
                key += ":not-a-problem"
        with lock:
            counts[key] += 1
            if response.status == 202:
                accepted.append(response.getheader("x-call-id"))
        if response.getheader("connection", "").lower() == "close":
            connection.close()
            connection = None


workers = [threading.Thread(target=submit, args=(i,)) for i in range(threads)]
for w in workers:
    w.start()
for w in workers:
    w.join()
with open(accepted_file, "w") as out:
    out.writelines(call + "\n" for call in accepted)
if noanswer_file:
    with open(noanswer_file, "w") as out:
        out.writelines(request_id + "\n" for request_id in unanswered)
statuses = " ".join("%s=%d" % (k[7:], v) for k, v in sorted(counts.items()) if k.startswith("status-"))
print("CLIENT sent=%d accepted=%d refused=%d noanswer=%d statuses=%s"
      % (counts["sent"], len(accepted), counts["refused"], counts["noanswer"], statuses))
