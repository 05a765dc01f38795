#!/usr/bin/env python3
"""Runs a command (argv[1:]) on a new terminal of 24x80, as a user's shell would. When the output shows
"ready", it reports whether the terminal is raw, resizes it to 40x120 and types "go". At the end it prints the
output, whether the terminal's settings were restored, and the exit status."""
import fcntl, os, pty, struct, sys, termios

pid, master = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    os.execv(sys.argv[1], sys.argv[1:])
before = termios.tcgetattr(master)
out, reported = b"", []
while True:
    try:
        chunk = os.read(master, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
    if b"ready" in out and not reported:
        lflag = termios.tcgetattr(master)[3]
        raw = not (lflag & termios.ICANON) and not (lflag & termios.ECHO)
        reported.append("RAW " + ("yes" if raw else "no"))
        fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.write(master, b"go\r")
_, status = os.waitpid(pid, 0)
after = termios.tcgetattr(master)
sys.stdout.write(out.decode(errors="replace").replace("\r", "") + "\n")
for r in reported:
    print(r)
print("RESTORED " + ("yes" if after[3] == before[3] else "no"))
print("EXIT %d" % os.waitstatus_to_exitcode(status))
