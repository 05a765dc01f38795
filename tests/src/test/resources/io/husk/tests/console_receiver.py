#!/usr/bin/env python3
"""A console-socket receiver like containerd's: listens on argv[1], takes the pty master sent with SCM_RIGHTS,
types argv[2] into it and prints what the container writes until its terminal closes."""
import array, os, socket, sys

path, typed = sys.argv[1], sys.argv[2]
srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
srv.bind(path)
srv.listen(1)
print("listening", flush=True)
conn, _ = srv.accept()
fds = array.array("i")
msg, anc, _, _ = conn.recvmsg(256, socket.CMSG_SPACE(fds.itemsize))
for level, kind, data in anc:
    if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
        fds.frombytes(data[: len(data) - (len(data) % fds.itemsize)])
master = fds[0]
print("name " + msg.decode(), flush=True)
os.write(master, typed.encode() + b"\n")
out = b""
while True:
    try:
        chunk = os.read(master, 4096)
    except OSError:
        break  # EIO: every slave fd is closed, the container is gone
    if not chunk:
        break
    out += chunk
sys.stdout.write(out.decode(errors="replace"))
sys.stdout.flush()
