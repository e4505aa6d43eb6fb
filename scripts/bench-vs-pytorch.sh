#!/usr/bin/env bash
# Runs `l2p bench` and the PyTorch anchor (scripts/bench/torch_baseline.py) alternately, ROUNDS times each, in both
# noise modes (per-sample: the paper; shared: one draw per batch, the reference code), each side in the same mode, and
# prints one table per mode: the median of each measurement and the ratio TorchSharp / PyTorch (< 1: the workbook is
# faster), with the machine's load average before and after (the numbers are only as quiet as the machine).
# Needs Debian's python3-torch: apt-get install --no-install-recommends python3-torch (run with /usr/bin/python3).
# Usage: scripts/bench-vs-pytorch.sh [ROUNDS] [extra l2p bench options, e.g. --noise-generator torch]
# BENCH_MODES="per-sample" (or "shared") limits the run to one mode; BENCH_ARGS go to both sides (options they share:
# --only, --iters, --warmup, --threads, --depth, --batch), e.g. BENCH_ARGS="--only l2p_iter,infer512 --iters 3".
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}; shift || true
baseline=${TORCH_BASELINE:-scripts/bench/torch_baseline.py}
modes=${BENCH_MODES:-per-sample shared}
read -r -a shared_args <<< "${BENCH_ARGS:-}"
out=$(mktemp -d)
dotnet build lib/Learn2Perturb.Cli -c Release -v quiet -nologo >/dev/null
echo "# load before: $(uptime)"
for mode in $modes; do
  for r in $(seq "$rounds"); do
    dotnet lib/Learn2Perturb.Cli/bin/Release/net10.0/l2p.dll bench --json --noise "$mode" "${shared_args[@]}" "$@" | tail -n 1 > "$out/l2p.$mode.$r.json"
    /usr/bin/python3 "$baseline" --noise "$mode" "${shared_args[@]}" | tail -n 1 | sed 's/^JSON //' > "$out/torch.$mode.$r.json"
  done
done
echo "# load after:  $(uptime)"
/usr/bin/python3 - "$out" "$rounds" $modes <<'PY'
import json, statistics, sys
out, rounds, modes = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
for mode in modes:
    load = lambda impl: [json.load(open(f"{out}/{impl}.{mode}.{r}.json")) for r in range(1, rounds + 1)]
    ours, torch = load("l2p"), load("torch")
    assert all(run["noise"] == mode for run in torch), f"the anchor ran another noise mode than {mode}"
    print(f"\n## noise {mode} (l2p generator {ours[0].get('noise_generator', '?')}, median over {rounds} alternating runs)")
    print(f"{'measurement':<12} {'l2p median s':>13} {'torch median s':>15} {'ratio':>7}")
    for name in ours[0]["results"]:
        if name not in torch[0]["results"]:
            continue
        a = statistics.median(run["results"][name]["median_s"] for run in ours)
        b = statistics.median(run["results"][name]["median_s"] for run in torch)
        print(f"{name:<12} {a:>13.4f} {b:>15.4f} {a / b:>7.2f}")
    a = max(run["maxrss_mib"] for run in ours); b = max(run["maxrss_mib"] for run in torch)
    print(f"{'peak RSS MiB':<12} {a:>13.0f} {b:>15.0f} {a / b:>7.2f}")
PY
