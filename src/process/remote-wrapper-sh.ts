import { TREE_WALK_SH } from './tree-walk-sh.js';

// The walk sets t, s, p, d, n and more; the wrapper's own variables avoid those names.
/**
 * The remote wrapper for the ssh surface, fixed text: caller input reaches it only as `$1`, the
 * already-quoted command line. sshd starts the login shell in a session of its own (with a PTY,
 * on that terminal), and the login shell execs this wrapper, so the wrapper leads the session
 * and its process group is the terminal's foreground group.
 *
 * The command runs in the FOREGROUND (`sh -c "$1"`), never as a background job: a non-interactive
 * shell gives background jobs SIGINT and SIGQUIT ignored and stdin from /dev/null, and a signal
 * ignored on entry cannot be restored by a shell. So the command keeps the connection's stdin or
 * the terminal as stdin/stdout/stderr, stays in the foreground group (Ctrl-C, SIGWINCH, job control,
 * full-screen programs work as without the wrapper) and starts with default signal dispositions:
 * the wrapper catches INT, QUIT and HUP with a handler (handlers, unlike `trap ''`, are reset in
 * children). Catching HUP keeps the wrapper alive when the remote terminal hangs up, so the tree
 * is still intact (parents alive) when the watcher walks it.
 *
 * The watcher (background, TERM and HUP ignored, no descriptor of the connection) polls sshd's
 * session process (`$PPID`) and the wrapper every second. When the connection drops — the local
 * ssh client was killed by cancel, timeout, `close()` or its owner's death — sshd's session
 * process exits; the watcher then walks the tree once (`tree`: the session and descendants in
 * /proc) and sends that list SIGHUP and SIGTERM, then two seconds later SIGKILL to the same list
 * plus a fresh walk (so a setsid escapee whose parent died of the TERM is still in the list), and
 * finally to the wrapper. Without /proc it signals the process group. When the command ends on its
 * own, the wrapper kills what it left in the session (the watcher too) and passes its exit status
 * on (a signal death becomes 128+n).
 */
export const REMOTE_WRAPPER_SH = `pp=$PPID
live=" $$ "
${TREE_WALK_SH}
hit() {
  { read -r me _ < /proc/self/stat; } 2>/dev/null || { kill "-$1" 0; return; }
  for q in $t; do [ "$q" = "$me" ] || [ "$q" = "$$" ] || kill "-$1" "$q" 2>/dev/null; done
}
(
  trap '' TERM HUP
  while kill -0 "$pp" 2>/dev/null && kill -0 "$$" 2>/dev/null; do sleep 1; done
  tree
  seen=$t
  hit HUP; hit TERM
  sleep 2
  tree
  t="$seen$t"
  hit KILL
  kill -KILL "$$"
) </dev/null >/dev/null 2>&1 &
w=$!
trap : INT QUIT HUP
sh -c "$1"
rc=$?
while ! kill -0 "$pp" 2>/dev/null && kill -0 "$w" 2>/dev/null; do wait "$w"; done
tree
hit KILL
exit "$rc"`;
