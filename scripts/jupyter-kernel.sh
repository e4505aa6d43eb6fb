#!/usr/bin/env bash
# Makes the stock .NET Interactive host (the `Microsoft.dotnet-interactive` 1.0.712001 tool behind the Jupyter
# kernel and, through VS Code's Polyglot Notebooks, the editor) able to run the workbook's charts.
#
# Why: the tool ships FSharp.Core 10.0 in its own folder, and the runtime loads that copy into the default context
# before any notebook runs. Plotly.NET 6.0.0 is built against FSharp.Core 10.1, so every chart fails with a
# FileLoadException. FSharp.Core is backward compatible, so this script puts the FSharp.Core 10.1 that the workbook
# pins (Directory.Packages.props) into the tool's folder, keeping the original as FSharp.Core.dll.orig.
#
# Usage: scripts/stock-host-fix.sh [--install] [--jupyter]
#   --install  first install the tool as a global dotnet tool (dotnet tool install -g, version below)
#   --jupyter  then register its Jupyter kernels (dotnet interactive jupyter install; needs `jupyter` on PATH)
# Idempotent. Run `dotnet build Learn2Perturb.Notebooks.sln -c Release` first (it restores FSharp.Core 10.1).
set -euo pipefail
cd "$(dirname "$0")/.."
tool_version=1.0.712001
fsharp_version=$(sed -n 's/.*Include="FSharp.Core" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)
packages=${NUGET_PACKAGES:-$HOME/.nuget/packages}
tools=${DOTNET_TOOLS:-$HOME/.dotnet/tools}

for arg in "$@"; do
  case "$arg" in
    --install) dotnet tool list -g | grep -qi "microsoft.dotnet-interactive *$tool_version" \
                 || dotnet tool install -g Microsoft.dotnet-interactive --version "$tool_version" ;;
    --jupyter) ;;
    *) echo "unknown option '$arg': expected --install or --jupyter" >&2; exit 2 ;;
  esac
done

source_dll="$packages/fsharp.core/$fsharp_version/lib/netstandard2.1/FSharp.Core.dll"
[ -f "$source_dll" ] || { echo "FSharp.Core $fsharp_version not in $packages: run 'dotnet restore Learn2Perturb.Notebooks.sln' first" >&2; exit 1; }
tool_dir=$(ls -d "$tools"/.store/microsoft.dotnet-interactive/$tool_version/microsoft.dotnet-interactive/$tool_version/tools/net*/any 2>/dev/null | head -n 1 || true)
[ -n "$tool_dir" ] || { echo "Microsoft.dotnet-interactive $tool_version not found under $tools: run with --install" >&2; exit 1; }

if cmp -s "$source_dll" "$tool_dir/FSharp.Core.dll"; then
  echo "FSharp.Core $fsharp_version already in $tool_dir"
else
  [ -f "$tool_dir/FSharp.Core.dll.orig" ] || cp "$tool_dir/FSharp.Core.dll" "$tool_dir/FSharp.Core.dll.orig"
  cp "$source_dll" "$tool_dir/FSharp.Core.dll"
  echo "FSharp.Core $fsharp_version copied into $tool_dir (original kept as FSharp.Core.dll.orig)"
fi

if printf '%s\n' "$@" | grep -qx -- --jupyter; then
  "$tools/dotnet-interactive" jupyter install
fi
