/**
 * A POSIX sh function, fixed text, shared by the parent-death watchdog and the ssh remote
 * wrapper: `tree` sets `$t` to the pids (space-separated, padded) of every live process whose
 * session is listed in `$live` (" sid sid "), then adds their descendants by parent chain (at
 * most 8 rounds). It reads /proc/<pid>/stat, so it finds nothing where there is no /proc; a process
 * that exits mid-walk is skipped in silence (the braces silence the failed redirection itself).
 */
export const TREE_WALK_SH = `tree() {
  t=' '
  for d in /proc/[0-9]*; do
    { read -r s < "$d/stat"; } 2>/dev/null || continue
    s=\${s##*) }; set -- $s
    case $live in *" $4 "*) [ "$1" != Z ] && t="$t\${d#/proc/} " ;; esac
  done
  [ "$t" = ' ' ] && return
  n=0 more=1
  while [ $more = 1 ] && [ $n -lt 8 ]; do
    more=0 n=$((n + 1))
    for d in /proc/[0-9]*; do
      p=\${d#/proc/}
      case $t in *" $p "*) continue ;; esac
      { read -r s < "$d/stat"; } 2>/dev/null || continue
      s=\${s##*) }; set -- $s
      case $t in *" $2 "*) [ "$1" != Z ] && t="$t$p " more=1 ;; esac
    done
  done
}`;
