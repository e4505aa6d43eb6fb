#!/usr/bin/env bash
# Installs what the notebooks need beyond the .NET SDK, on Debian (CI, this workbook's machines; run as root):
#   chromium                       PNG charts in headless runs (the runner and tests set L2P_NOTEBOOK_CHARTS=png)
#   jupyter-client, jupyter-nbconvert, python3-nbclient, python3-ipykernel
#                                  the stock-host test: the quickstart through the dotnet-interactive Jupyter kernel
#   Microsoft.dotnet-interactive 1.0.712001 (dotnet global tool) and its Jupyter kernels (scripts/jupyter-kernel.sh)
# Idempotent: installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v jupyter-kernelspec >/dev/null 2>&1 || need+=(jupyter-client)
command -v jupyter-nbconvert >/dev/null 2>&1 || need+=(jupyter-nbconvert)
python3 -c "import nbclient" >/dev/null 2>&1 || need+=(python3-nbclient)
python3 -c "import ipykernel" >/dev/null 2>&1 || need+=(python3-ipykernel)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
scripts/jupyter-kernel.sh
