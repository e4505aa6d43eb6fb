#!/usr/bin/env bash
# Runs `l2p bench` and the PyTorch anchor (../shared/bench/torch_baseline.py) alternately, ROUNDS times each, and
# prints the median of each measurement and the ratio TorchSharp / PyTorch (< 1: the workbook is faster).
# Needs Debian's python3-torch: apt-get install --no-install-recommends python3-torch (run with /usr/bin/python3).
# Usage: scripts/bench-vs-pytorch.sh [ROUNDS] [extra l2p bench options, e.g. --noise shared]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}; shift || true
baseline=${TORCH_BASELINE:-../shared/bench/torch_baseline.py}
out=$(mktemp -d)
dotnet build lib/Learn2Perturb.Cli -c Release -v quiet -nologo >/dev/null
for r in $(seq "$rounds"); do
  dotnet lib/Learn2Perturb.Cli/bin/Release/net10.0/l2p.dll bench --json "$@" | tail -n 1 > "$out/l2p.$r.json"
  /usr/bin/python3 "$baseline" | tail -n 1 | sed 's/^JSON //' > "$out/torch.$r.json"
done
/usr/bin/python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
load = lambda impl: [json.load(open(f"{out}/{impl}.{r}.json")) for r in range(1, rounds + 1)]
ours, torch = load("l2p"), load("torch")
print(f"{'measurement':<12} {'l2p median s':>13} {'torch median s':>15} {'ratio':>7}   (median over {rounds} alternating runs)")
for name in ours[0]["results"]:
    a = statistics.median(run["results"][name]["median_s"] for run in ours)
    b = statistics.median(run["results"][name]["median_s"] for run in torch)
    print(f"{name:<12} {a:>13.4f} {b:>15.4f} {a / b:>7.2f}")
a = max(run["maxrss_mib"] for run in ours); b = max(run["maxrss_mib"] for run in torch)
print(f"{'peak RSS MiB':<12} {a:>13.0f} {b:>15.0f} {a / b:>7.2f}")
PY
