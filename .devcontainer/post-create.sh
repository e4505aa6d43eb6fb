#!/usr/bin/env bash
# Runs once when the devcontainer is created: restore (downloads libtorch for the backend L2P_TORCH_BACKEND names)
# and build, so the first notebook or `l2p` call does not wait for it.
set -euo pipefail
sudo chown -R "$(id -u):$(id -g)" "${NUGET_PACKAGES:-$HOME/.nuget/packages}" 2>/dev/null || true
dotnet restore Learn2Perturb.Notebooks.sln
dotnet build Learn2Perturb.Notebooks.sln -c Release --no-restore
if command -v nvidia-smi >/dev/null 2>&1; then nvidia-smi -L; else echo "No GPU visible: the workbook runs on the CPU (L2P_DEVICE=auto)."; fi
# The stock notebook hosts (VS Code Polyglot Notebooks, Jupyter's .NET kernel): dotnet-interactive 1.0.712001 with the
# FSharp.Core 10.1 that Plotly.NET 6 needs, and its Jupyter kernels registered (see README, Notebooks).
bash scripts/stock-host-fix.sh --install --jupyter || echo "stock notebook host not set up; run scripts/stock-host-fix.sh --install --jupyter"
