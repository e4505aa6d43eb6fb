#!/usr/bin/env bash
# Installs the stock .NET Interactive host that Jupyter runs the notebooks with, and registers its kernels so that
# they start from any shell: the `Microsoft.dotnet-interactive` tool (pinned below: .NET Interactive is deprecated
# upstream and this is its last release) as a global dotnet tool, then its Jupyter kernelspecs with the tool's absolute
# path in place of `dotnet interactive`, which only works where ~/.dotnet/tools is on PATH.
# Nothing in the tool is patched: the notebooks load no F# (charts are plotly.js JSON written by the workbook).
# Needs `jupyter` (Debian: jupyter-client) on PATH. Idempotent.
set -euo pipefail
tool_version=1.0.712001
tools=${DOTNET_TOOLS:-$HOME/.dotnet/tools}

dotnet tool list -g | grep -qi "microsoft.dotnet-interactive *$tool_version" \
  || dotnet tool install -g Microsoft.dotnet-interactive --version "$tool_version"
tool="$tools/dotnet-interactive"
[ -x "$tool" ] || { echo "Microsoft.dotnet-interactive $tool_version installed, but $tool is missing" >&2; exit 1; }
command -v jupyter >/dev/null || { echo "jupyter is not on PATH: install it first (Debian: apt-get install jupyter-client)" >&2; exit 1; }

"$tool" jupyter install
# Each kernelspec starts `dotnet interactive jupyter …`; make it start the tool by its absolute path.
jupyter kernelspec list --json | python3 -c '
import json, sys
tool = sys.argv[1]
for name, spec in json.load(sys.stdin)["kernelspecs"].items():
    if not name.startswith(".net-"): continue
    path = spec["resource_dir"] + "/kernel.json"
    kernel = json.load(open(path))
    if kernel["argv"][:2] == ["dotnet", "interactive"]:
        kernel["argv"] = [tool] + kernel["argv"][2:]
        json.dump(kernel, open(path, "w"), indent=2)
    print(name + ": " + " ".join(kernel["argv"][:3]) + " ...")
' "$tool"
