#!/usr/bin/env bash
# tests/bench/capture.sh — the capture figure of issue 17, measured side by side: a
# capture of about 10 MB (one 10 MB download from openssl s_server -WWW to s_client on
# loopback, taken by dumpcap with the server's key log) opened by
#   tlsstep --open FILE --keylog K --connection 1 --json /dev/null
# (every record decoded, decrypted and authenticated, every check, the JSON written)
# against `tshark -r FILE -o tls.keylog_file:K` (dissected and decrypted, its summary
# lines to /dev/null). Rounds interleaved, medians of wall and CPU (user + system) time;
# budget: tlsstep within 2x tshark's. Run by hand (not a timed test):
#   tests/bench/capture.sh build/tlsstep [ROUNDS]
# Skipped (77) where dumpcap may not capture on loopback.
set -u
prog=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
rounds=${2:-7}
tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
for tool in openssl dumpcap tshark python3; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (tools/setup installs it)"; exit 77; }
done
cd "$tmp" || exit 1
openssl req -x509 -newkey rsa:2048 -nodes -keyout k.pem -out c.pem -subj /CN=localhost -days 2 2>/dev/null
head -c 10000000 /dev/urandom >data.bin
port=$((40000 + $$ % 20000))
# A large buffer: at loopback speed dumpcap's default one drops packets (a gap tlsstep reports).
timeout 120 dumpcap -q -B 256 -i lo -f "tcp port $port" -w cap.pcapng 2>dumpcap.err &
dpid=$!
pids+=("$dpid")
for _ in $(seq 50); do grep -q "Capturing on" dumpcap.err && break; sleep 0.1; done
grep -q "Capturing on" dumpcap.err || { echo "dumpcap cannot capture on loopback here: $(head -2 dumpcap.err)"; exit 77; }
timeout 60 openssl s_server -quiet -accept "$port" -cert c.pem -key k.pem -keylogfile keys.txt -WWW >/dev/null 2>&1 &
spid=$!
pids+=("$spid")
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
printf 'GET /data.bin HTTP/1.0\r\n\r\n' | timeout 30 openssl s_client -connect "127.0.0.1:$port" -quiet -ign_eof >got.bin 2>/dev/null
kill "$spid" 2>/dev/null
wait "$spid" 2>/dev/null
sleep 0.5
kill "$dpid" 2>/dev/null
wait "$dpid" 2>/dev/null
if ! "$prog" --open cap.pcapng --keylog keys.txt --connection 1 --json one.json >/dev/null 2>err.txt; then
  echo "FAIL - tlsstep does not open the capture whole:"; sed 's/^/     /' err.txt | head -5; exit 1
fi
python3 - "$prog" "$rounds" <<'PY'
import json, os, resource, statistics, subprocess, sys, time
prog, rounds = sys.argv[1], int(sys.argv[2])
cap = json.load(open("one.json"))
steps = len(cap["steps"])
hidden = sum(1 for s in cap["steps"] if s["encrypted"] and s["message_hex"] is None)
cmds = {
    "tlsstep": [prog, "--open", "cap.pcapng", "--keylog", "keys.txt", "--connection", "1", "--json", "/dev/null"],
    "tshark": ["tshark", "-r", "cap.pcapng", "-o", "tls.keylog_file:keys.txt"],
}
wall, cpu = {k: [] for k in cmds}, {k: [] for k in cmds}
for _ in range(rounds):
    for name, cmd in cmds.items():  # interleaved: the machine's load weighs on both alike
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        wall[name].append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
size = os.path.getsize("cap.pcapng")
print("capture: %.1f MB, %d TLS steps, %d not decrypted; %d interleaved rounds, medians; load %.1f" %
      (size / 1e6, steps, hidden, rounds, os.getloadavg()[0]))
print("%-10s %10s %10s" % ("", "wall s", "CPU s"))
for name in cmds:
    print("%-10s %10.3f %10.3f" % (name, statistics.median(wall[name]), statistics.median(cpu[name])))
rw = statistics.median(wall["tlsstep"]) / statistics.median(wall["tshark"])
rc = statistics.median(cpu["tlsstep"]) / statistics.median(cpu["tshark"])
ok = rw <= 2 and hidden == 0
print("ratio tlsstep / tshark: wall %.2f, CPU %.2f (budget 2.00): %s" % (rw, rc, "within budget" if ok else "OVER"))
sys.exit(0 if ok else 1)
PY
