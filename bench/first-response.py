#!/usr/bin/env python3
"""Start-to-first-HTTP-response, side by side in one run.

usage: first-response.py ROUNDS NAME=COMMAND... (COMMAND is a shell command with {port})

For each round and each command (interleaved, so drift hits all alike): start the command,
then connect to 127.0.0.1:PORT and send GET / until a complete "HTTP/1.1 200" status line
arrives; the time from the spawn to that line is one sample. The process is then stopped
with SIGTERM. Prints one JSON object: name -> list of milliseconds.
"""
import json, os, shlex, signal, socket, subprocess, sys, time

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def first_response(command, port, limit=20.0):
    start = time.perf_counter()
    proc = subprocess.Popen(shlex.split(command.format(port=port)), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - start < limit:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=limit) as s:
                    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    data = b""
                    while b"\r\n" not in data:
                        chunk = s.recv(4096)
                        if not chunk: break
                        data += chunk
                    if data.startswith(b"HTTP/1.1 200"):
                        return (time.perf_counter() - start) * 1000
            except OSError:
                pass
            time.sleep(0.0002)
        raise RuntimeError(f"no response within {limit}s: {command}")
    finally:
        proc.send_signal(signal.SIGTERM)
        try: proc.wait(10)
        except subprocess.TimeoutExpired: proc.kill(); proc.wait()

rounds = int(sys.argv[1])
commands = [a.split("=", 1) for a in sys.argv[2:]]
samples = {name: [] for name, _ in commands}
for _ in range(rounds):
    for name, command in commands:
        samples[name].append(first_response(command, free_port()))
print(json.dumps(samples))
