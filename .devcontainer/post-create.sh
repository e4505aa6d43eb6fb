#!/usr/bin/env bash
# Runs once when the devcontainer is created: restore (downloads libtorch for the backend L2P_TORCH_BACKEND names)
# and build, so the first notebook or `l2p` call does not wait for it.
set -euo pipefail
sudo chown -R "$(id -u):$(id -g)" "${NUGET_PACKAGES:-$HOME/.nuget/packages}" 2>/dev/null || true
dotnet restore Learn2Perturb.Notebooks.sln
dotnet build Learn2Perturb.Notebooks.sln -c Release --no-restore
if command -v nvidia-smi >/dev/null 2>&1; then nvidia-smi -L; else echo "No GPU visible: the workbook runs on the CPU (L2P_DEVICE=auto)."; fi
# VS Code's Polyglot Notebooks extension brings its own .NET Interactive and needs nothing more. Jupyter's .NET kernel
# is registered where Jupyter is installed (see README, Notebooks); a failure there fails the container's creation.
if command -v jupyter >/dev/null 2>&1; then bash scripts/jupyter-kernel.sh
else echo "Jupyter is not installed: VS Code needs nothing more; for Jupyter, install it and run scripts/jupyter-kernel.sh"; fi
# PNG charts in headless runs (`l2p-notebook --charts png`) need a real Chromium; Ubuntu's chromium-browser package is
# only a snap stub, which does not run in a container. Playwright's build of Chromium does; it is linked as `chromium`
# on PATH, where the workbook looks for it (or set L2P_CHROMIUM). Interactive HTML charts need none of this.
if ! command -v chromium >/dev/null 2>&1; then
  if python3 -m pip install --user --quiet playwright && python3 -m playwright install --with-deps chromium; then
    browser=$(find "$HOME/.cache/ms-playwright" -path "*chrome-linux*/chrome" -type f | sort | tail -n 1)
    mkdir -p "$HOME/.local/bin" && ln -sf "$browser" "$HOME/.local/bin/chromium" && echo "PNG charts: $browser"
  else
    echo "no Chromium for PNG charts: notebooks show interactive HTML charts; see README, Notebooks"
  fi
fi
