# Records the reference node's admission answers to generated scenarios.
#
#   elixir scripts/reference/record-admission.exs <reference-checkout> <cases.jsonl> <facts-file.jsonl.gz>
#
# Compiles the reference's boundary values (`execution_plane_contracts/lib/execution_plane/boundary.ex`),
# its node server and local weak verifier from the checkout, with this directory's JSON layer for
# Jason. Stubs, and nothing else: a `process` lane adapter (only `lane_id/0` and `capabilities/0`
# are read at admission), an authority verifier that allows `ref: "allow"` and refuses any other,
# and a target client that is never called. Three servers, one per configuration:
#   governed — lane, local weak target verifier, authority verifier, target `local-1` (lane
#              process) connected, registration complete;
#   direct   — the lane only;
#   bare     — nothing registered.
# Each case line is {"id","config","input"} (input is JSON text). Each fact adds
# {"ok":true} (admitted), {"ok":false,"stage":"decode","error":…} (Admission.Request.new refused it),
# {"ok":false,"stage":"admission","reason":…,"message":…} (the node rejected it), or
# {"ok":false,"stage":"json"|"crash","error":…}.
[root, cases_path, facts_path] = System.argv()

lib = Path.join(root, "core/execution_plane/core/execution_plane_contracts/lib/execution_plane")
node = Path.join(root, "runtimes/execution_plane_node/lib/execution_plane/node")

files = [
  Path.join(__DIR__, "harness-json.ex"),
  Path.join(lib, "boundary.ex"),
  Path.join(node, "server.ex"),
  Path.join(node, "local_weak_verifier.ex")
]

Code.compiler_options(ignore_module_conflict: true)
{:ok, _modules, _warnings} = Kernel.ParallelCompiler.compile(files, return_diagnostics: false)

defmodule RefHarness.ProcessLane do
  def lane_id, do: :process

  def capabilities do
    ExecutionPlane.Lane.Capabilities.new!(
      lane_id: "process",
      protocols: ["process"],
      surfaces: ["local_subprocess"],
      supports_execute: true,
      supports_stream: false
    )
  end
end

defmodule RefHarness.Authority do
  def verifier_id, do: "ref-harness-authority"
  def verify(%{ref: "allow"}, _opts), do: {:ok, %{}}
  def verify(_ref, _opts), do: {:error, :denied}
end

defmodule RefHarness.TargetClient do
end

alias ExecutionPlane.Node.{LocalWeakVerifier, Server}

start = fn config ->
  {:ok, pid} = GenServer.start(Server, [node_id: "ref-#{config}"])

  case config do
    "governed" ->
      :ok = Server.register_lane(pid, RefHarness.ProcessLane, [])
      :ok = Server.register_target_verifier(pid, LocalWeakVerifier, [])
      :ok = Server.register_authority_verifier(pid, RefHarness.Authority, [])
      attestation = LocalWeakVerifier.mint_attestation(target_id: "local-1", lane_id: "process")
      {:ok, _} = Server.connect_target(pid, attestation, RefHarness.TargetClient, [])
      :ok = Server.complete_registration(pid, [])

    "direct" ->
      :ok = Server.register_lane(pid, RefHarness.ProcessLane, [])

    "bare" ->
      :ok
  end

  pid
end

servers = Map.new(["governed", "direct", "bare"], &{&1, start.(&1)})
servers = :ets.new(:servers, [:set, :public]) |> tap(fn t -> Enum.each(servers, &:ets.insert(t, &1)) end)

answer = fn config, input ->
  case RefHarness.JSON.decode(input) do
    {:error, message} ->
      %{"ok" => false, "stage" => "json", "error" => message}

    {:ok, attrs} ->
      decoded =
        try do
          ExecutionPlane.Admission.Request.new(attrs)
        rescue
          error -> {:crash, inspect(error.__struct__) <> ": " <> Exception.message(error)}
        end

      case decoded do
        {:error, error} ->
          %{"ok" => false, "stage" => "decode", "error" => Exception.message(error)}

        {:crash, message} ->
          %{"ok" => false, "stage" => "crash", "error" => message}

        {:ok, _request} ->
          [{_, pid}] = :ets.lookup(servers, config)

          try do
            case Server.admit(pid, attrs, []) do
              {:ok, _decision} ->
                %{"ok" => true}

              {:error, rejection} ->
                %{
                  "ok" => false,
                  "stage" => "admission",
                  "reason" => rejection.reason,
                  "message" => rejection.message
                }
            end
          catch
            :exit, reason ->
              :ets.insert(servers, {config, start.(config)})
              %{"ok" => false, "stage" => "crash", "error" => inspect(reason) |> String.slice(0, 300)}
          end
      end
  end
end

lines =
  cases_path
  |> File.stream!()
  |> Enum.map(fn line ->
    {:ok, c} = RefHarness.JSON.decode(line)
    [RefHarness.JSON.encode!(Map.merge(c, answer.(c["config"], c["input"]))), ?\n]
  end)

File.mkdir_p!(Path.dirname(facts_path))
File.write!(facts_path, :zlib.gzip(IO.iodata_to_binary(lines)))
IO.puts("#{length(lines)} admission facts -> #{facts_path}")
