#!/usr/bin/env bash
# A single-node Slurm on this machine, for the cluster tests: munged, slurmctld and slurmd in the background with a
# minimal configuration (one partition "local" holding this host's CPUs, no accounting database, no cgroups).
#   scripts/slurm-local.sh install   Debian's slurm-wlm and munge (root; apt-get)
#   scripts/slurm-local.sh start     writes /etc/slurm/slurm.conf (only if absent or written by this script) and starts the daemons
#   scripts/slurm-local.sh stop      stops the daemons this script started
#   scripts/slurm-local.sh status    exit 0 when sinfo answers
# State and logs live in $L2P_SLURM_DIR (default /tmp/l2p-slurm). Needs root: slurmd runs jobs as their submitter.
set -euo pipefail
dir=${L2P_SLURM_DIR:-/tmp/l2p-slurm}
conf=/etc/slurm/slurm.conf
marker="# written by learn2perturb scripts/slurm-local.sh"

fail() { echo "slurm-local: $*" >&2; exit 1; }

need_root() { [ "$(id -u)" = 0 ] || fail "must run as root (slurmd starts jobs as their user; munged needs /run/munge)"; }

install() {
  need_root
  command -v slurmctld >/dev/null && command -v munged >/dev/null && { echo "slurm-local: slurm-wlm and munge already installed"; return; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 slurm-wlm munge >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 slurm-wlm munge >/dev/null; }
}

write_conf() {
  if [ -s "$conf" ] && ! grep -qF "$marker" "$conf"; then fail "$conf exists and was not written by this script: not touching a real cluster's configuration"; fi
  local host cpus mem
  # getconf, not nproc: nproc follows OMP_NUM_THREADS, which the tests set to 1.
  host=$(hostname -s); cpus=$(getconf _NPROCESSORS_ONLN); mem=$(( $(awk '/MemTotal/ {print int($2/1024)}' /proc/meminfo) * 9 / 10 ))
  mkdir -p /etc/slurm "$dir/ctld" "$dir/d"
  cat > "$conf.tmp" <<CONF
$marker
ClusterName=l2p-local
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$dir/ctld
SlurmdSpoolDir=$dir/d
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
ReturnToService=2
MpiDefault=none
KillWait=30
MinJobAge=600
SchedulerParameters=defer_batch=0
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  mv "$conf.tmp" "$conf"
}

start() {
  need_root
  command -v slurmctld >/dev/null || fail "slurmctld is not installed: run '$0 install' (Debian's slurm-wlm and munge)"
  if sinfo -h >/dev/null 2>&1; then echo "slurm-local: already running"; return; fi
  write_conf
  mkdir -p /run/munge && chown munge:munge /run/munge
  [ -f /etc/munge/munge.key ] || { mungekey --create >/dev/null 2>&1 || create-munge-key -f >/dev/null; chown munge:munge /etc/munge/munge.key; }
  pgrep -x munged >/dev/null || runuser -u munge -- /usr/sbin/munged
  slurmctld -c   # a clean start: no jobs from an earlier run of this script
  slurmd
  for _ in $(seq 1 60); do
    if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then echo "slurm-local: up ($(sinfo -h -o '%P %D node(s) %c CPUs %T'))"; return; fi
    sleep 0.5
  done
  fail "the node did not become idle in 30 s: $(sinfo -h 2>&1 | head -1); see $dir/slurmctld.log and $dir/slurmd.log"
}

stop() {
  for daemon in slurmd slurmctld; do
    [ -f "$dir/$daemon.pid" ] && kill "$(cat "$dir/$daemon.pid")" 2>/dev/null || true
  done
  echo "slurm-local: stopped"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) sinfo -h >/dev/null 2>&1 ;;
  *) fail "usage: $0 install|start|stop|status" ;;
esac
