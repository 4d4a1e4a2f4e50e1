/** `--help` text of every command, with examples. docs/cli.md says the same at length. */
export const HELP: Record<string, string> = {
  '': `execution-plane — drive processes, HTTP, SSE, WebSocket and JSON-RPC peers, or serve a governed node

Usage: execution-plane <command> [flags]

Commands:
  run <cmd> [args…]        run a process, output streamed live, its exit code passed through
  http <url>               one HTTP request (retries, timeouts, body from a file or stdin)
  sse <url>                stream Server-Sent Events (resume with --last-event-id)
  ws <url>                 interactive WebSocket: stdin lines out, messages in
  rpc <cmd> [args…]        JSON-RPC over a program's stdio (or --url ws://…): one call or interactive
  node serve --config f    run a governed node as a service
  node call <url> <action> describe / admit / execute / stream / cancel against a served node
  node schema              print the JSON Schema of the node config file
  terminal serve <cmd> …   host a program on a PTY for operators (browser, WebSocket, SSH)
  terminal attach <url>    attach this TTY to a served terminal

Every command takes --help and --json (NDJSON events on stdout, the outcome last).
--version prints the package version.
Exit codes: 0 succeeded · 1 failed · 2 usage or config error · 3 rejected · 22 http --fail
            124 timed out · 130 cancelled · run: the child's own code (128+n for signal n)

Examples:
  execution-plane run -- git status --short
  execution-plane http https://api.example.com/items -H 'Accept: application/json'
  execution-plane node serve --config node.json
`,
  run: `Usage: execution-plane run [flags] <cmd> [args…]

Runs <cmd> once through the process lane; stdout and stderr stream live. Flags go before <cmd>
(everything from <cmd> on is the program's), or end them with --.

Flags:
  --cwd <dir>          working directory
  --env NAME=value     extra environment variable (repeatable)
  --stdin <file|->     feed this file (or all of our stdin) to the program, then close its stdin
  --pty                run in a pseudo-terminal (needs the optional node-pty)
  --timeout <ms>       cancel after this long (exit 124); default: none
  --json               NDJSON execution events, the outcome last
  -h, --help           this help

Exit code: the program's own; 128+n when signal n ended it; 124 timed out; 130 cancelled.

Examples:
  execution-plane run ls -la
  execution-plane run --timeout 5000 -- node build.js --watch
  echo hello | execution-plane run --stdin - cat
  execution-plane run --json echo hi | jq -c .event_type
`,
  http: `Usage: execution-plane http [flags] <url>

One request through the HTTP lane; the body is written to stdout.

Flags:
  -X, --method <m>            method (default GET, POST when a body is given)
  -H, --header 'Name: value'  request header (repeatable)
  -d, --data <text>           request body
  --data-file <file|->        request body from a file, or - for stdin
  --retries <n>               retries on 408/429/5xx and transport errors (default: the lane's)
  --timeout <ms>              total time, retries included (default: none)
  --connect-timeout <ms>      time to connect
  -i, --include               print the status line and headers first
  -o, --output <file>         write the body to a file
  -f, --fail                  exit 22 when the final status is 400 or more
  --json                      NDJSON events (http.request, http.response, …), the outcome last
  -h, --help                  this help

A body of 1 MiB or more (an upload from --data-file, a download with a content-length) shows a
progress line on stderr when stderr is a TTY.

Examples:
  execution-plane http https://api.example.com/items
  execution-plane http -X POST -H 'Content-Type: application/json' -d '{"a":1}' https://api.example.com/items
  execution-plane http --data-file - https://api.example.com/upload < big.bin
  execution-plane http --fail --retries 3 --timeout 10000 https://api.example.com/health
`,
  sse: `Usage: execution-plane sse [flags] <url>

Streams Server-Sent Events; reconnects with Last-Event-ID when the stream drops.

Flags:
  -H, --header 'Name: value'  request header (repeatable)
  --last-event-id <id>        resume after this event id
  --max-reconnects <n>        reconnect budget (default: the lane's)
  --no-reconnect              end at the first drop
  --idle-timeout <ms>         reconnect when nothing arrives for this long
  --timeout <ms>              end the whole stream after this long (exit 124)
  --json                      NDJSON events (sse.open, one sse.message per message, …), the outcome last
  -h, --help                  this help

Examples:
  execution-plane sse https://api.example.com/events
  execution-plane sse --last-event-id 42 https://api.example.com/events
  execution-plane sse --json https://api.example.com/stream | jq -r 'select(.event_type=="sse.message").payload.data'
`,
  ws: `Usage: execution-plane ws [flags] <url>

Interactive WebSocket session: every stdin line is sent as a text message; every message received
is printed. At stdin EOF the session closes (1000) once the peer has been quiet for --linger ms.

Flags:
  -H, --header 'Name: value'  handshake header (repeatable)
  --subprotocol <name>        offered subprotocol (repeatable)
  --linger <ms>               quiet time after stdin ends before closing (default 500)
  --timeout <ms>              end the session after this long (exit 124)
  --json                      NDJSON events (websocket.open, websocket.message, …), the outcome last
  -h, --help                  this help

Examples:
  execution-plane ws wss://realtime.example
  echo '{"type":"ping"}' | execution-plane ws --json wss://realtime.example
`,
  rpc: `Usage: execution-plane rpc [flags] <cmd> [args…]
       execution-plane rpc [flags] --url <ws://…|wss://…>

JSON-RPC 2.0 with a program over its stdio, or with a WebSocket peer. With --method: one request,
its result printed (exit 1 on an error response). Without: interactive, one request per stdin
line, written as "method [params-json]".

Flags:
  -m, --method <name>                   the method to call (one-shot)
  -p, --params <json>                   its params
  --url <url>                           a WebSocket peer instead of a program
  --framing ndjson|content-length       stdio framing (default ndjson; LSP servers: content-length)
  --dialect lsp|mcp                     cancellation/progress conventions (default lsp)
  --timeout <ms>                        one-shot: time for the whole call
  --json                                NDJSON events, the outcome last
  -h, --help                            this help

Examples:
  execution-plane rpc --method ping -- npx @modelcontextprotocol/server-everything stdio
  execution-plane rpc --framing content-length --method initialize --params '{"capabilities":{}}' -- vscode-json-language-server --stdio
  printf 'tools/list {}\\n' | execution-plane rpc --dialect mcp npx @modelcontextprotocol/server-everything stdio
`,
  node: `Usage: execution-plane node <serve|call|schema> …

  node serve --config node.json   run a governed node as a service
  node call <url> <action> …      drive a served node (describe, admit, execute, stream, cancel)
  node schema                     print the JSON Schema of the config file

See execution-plane node serve --help, execution-plane node call --help.

Examples:
  execution-plane node serve --config node.json
  execution-plane node call ws://127.0.0.1:7400/ describe --token-file token
`,
  'node serve': `Usage: execution-plane node serve --config <file> [--check]

Runs a governed node from a JSON config file (schema: execution-plane node schema, also shipped
as schemas/node-config.schema.json). A bad config is refused with every problem and its path
(exit 2). Logs are JSON lines on stderr; the first "listening" line has the URL.

Same port, plain HTTP:  GET /healthz (live) · GET /readyz (registered, not draining, sinks
healthy) · GET /metrics (Prometheus text format).
Signals: SIGTERM/SIGINT drain (new work refused; in-flight executions get drain.graceMs, then are
cancelled; evidence flushed; exit 0) · SIGHUP reloads tokens and grants.

Flags:
  -c, --config <file>   the config file
  --check               validate the config and its secrets and files, then exit
  -h, --help            this help

Examples:
  execution-plane node serve --config /etc/execution-plane/node.json
  execution-plane node serve --config node.json --check
  kill -HUP $(pidof execution-plane)    # after rotating a token file
`,
  'node call': `Usage: execution-plane node call <url> <action> [flags]

Drives a served node with RemoteRuntimeClient. Actions: describe, admit, execute, stream,
cancel <execution-ref>. The token comes from --token, --token-file, or EXECUTION_PLANE_TOKEN.
For a wss:// node with a private CA, set NODE_EXTRA_CA_CERTS=<ca.pem>.

Flags:
  --token <t> | --token-file <file>   bearer token (prefer the file or the environment)
  --request <json|@file|->            the whole AdmissionRequest as JSON
  --lane <id>                         … or build one: the lane
  --payload <json>                    its payload
  --grant <ref>                       its authority_ref
  --attestation <class>               acceptable attestation class (repeatable; default local-erlexec-weak)
  --direct                            direct_lower_lane_owner provenance (if the node allows it)
  --timeout <ms>                      execution timeout (execute, stream)
  --json                              NDJSON: the answer, or the execution's events (outcome last)
  -h, --help                          this help

Exit code: from the result status; 3 when the node refused (rejected).

Examples:
  execution-plane node call ws://127.0.0.1:7400/ describe --token-file token
  execution-plane node call ws://127.0.0.1:7400/ execute --lane process --payload '{"command":"echo","args":["hi"]}' --grant grant://ci
  execution-plane node call wss://node.internal:7400/ stream --request @request.json --json
  execution-plane node call ws://127.0.0.1:7400/ cancel exec-1764146000000-9f86d081884c7d659a2feaa0c55ad015
`,
  'node schema': `Usage: execution-plane node schema

Prints the JSON Schema (draft 2020-12) of the node config file, for editor completion:
  { "$schema": "./node_modules/execution-plane/schemas/node-config.schema.json", … }

Example:
  execution-plane node schema > node-config.schema.json
`,
  terminal: `Usage: execution-plane terminal <serve|attach> …

  terminal serve [flags] <cmd> [args…]   host a program on a PTY for operators
  terminal attach [flags] <ws-url>       attach this TTY to a served terminal

See execution-plane terminal serve --help, execution-plane terminal attach --help.

Examples:
  execution-plane terminal serve --token-file token --writable -- htop
  execution-plane terminal attach --token-file token --control ws://127.0.0.1:7681/attach
`,
  'terminal serve': `Usage: execution-plane terminal serve [flags] <cmd> [args…]

Hosts <cmd> on a pseudo-terminal (openTerminal) reachable over WebSocket with a browser page and,
with --ssh-port, over SSH. Flags go before <cmd>, or end them with --. The token (16 characters
or more) comes from a file or an environment variable, never the command line, and is never
printed or logged. Prints how to reach it; logs are JSON lines on stderr (the first "listening"
line has url, attach_url and ssh). Runs until the program exits; SIGTERM/SIGINT close the
terminal (Ctrl-D, then the kill ladder). Needs the optional node-pty (ssh2 for SSH,
@xterm/xterm and @xterm/addon-fit for the page).

Flags:
  --token-file <file> | --token-env <NAME>   the attach token (required)
  --port <n>              WebSocket / browser port (default 0: any free port, see the log)
  --host <addr>           interface for WebSocket and SSH (default 127.0.0.1)
  --writable              let clients attach in control mode (default: view only)
  --id <id>               the terminal's id
  --ssh-port <n>          also serve SSH on this port (0: any free port)
  --authorized-keys <f>   OpenSSH authorized_keys for SSH (required with SSH)
  --host-key <f>          SSH host key; created (ed25519) when missing (required with SSH)
  --json                  the reach information only in the JSON log
  -h, --help              this help

Exit code: the program's own; 128+n when signal n ended it; 1 when it could not start or listen;
2 usage (bad flag, token missing or unreadable).

Examples:
  execution-plane terminal serve --token-file token --writable -- bash -l
  TOKEN=$(openssl rand -hex 16) execution-plane terminal serve --token-env TOKEN --port 7681 htop
  execution-plane terminal serve --token-file token --ssh-port 2222 --authorized-keys ~/.ssh/authorized_keys --host-key host_key -- tmux
`,
  'terminal attach': `Usage: execution-plane terminal attach [flags] <ws-url>

Attaches this TTY to a terminal served by terminal serve (or openTerminal's web transport) over
the WebSocket attach protocol: output is written raw, and with --control keystrokes and window
size go to the program. Ctrl-] detaches (without --control, Ctrl-C too); the TTY leaves raw mode
on every exit. An http://host:port/ URL is taken as ws://host:port/attach.

Flags:
  --token-file <file> | --token-env <NAME>   the attach token (required)
  --control               type into the program (the server must be --writable)
  --no-replay             skip the scrollback; live output only
  --json                  the protocol's frames as NDJSON on stdout
  -h, --help              this help

Exit code: 0 detached or the program ended; 1 refused (wrong token, read only, controller taken)
or the connection failed; 2 usage.

Examples:
  execution-plane terminal attach --token-file token ws://127.0.0.1:7681/attach
  execution-plane terminal attach --token-env TOKEN --control ws://ops.internal:7681/attach
`,
};
