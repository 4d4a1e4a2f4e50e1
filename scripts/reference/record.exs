# Records the reference's answers to generated contract cases.
#
#   elixir scripts/reference/record.exs <reference-checkout> <cases.jsonl> <facts-dir>
#
# <reference-checkout> is a checkout of nshkrdotcom/execution_plane (never committed here).
# Its pure contract modules are compiled in memory with this directory's JSON layer standing
# in for Jason and :telemetry. Each case line is {"id","tag","input"} where input is JSON
# text. Facts go to <facts-dir>/<tag>.jsonl.gz, one line per case, which adds either {"ok":true,"json":<the dumped contract, keys sorted>} or
# {"ok":false,"stage":"json"|"contract"|"crash","error":<message>}.
[root, cases_path, facts_dir] = System.argv()

lib = Path.join(root, "core/execution_plane/core/execution_plane_contracts/lib/execution_plane")
files =
  [Path.join(__DIR__, "harness-json.ex")] ++
    Path.wildcard(Path.join(lib, "*.ex")) ++
    Path.wildcard(Path.join(lib, "contracts/*.ex")) ++
    Path.wildcard(Path.join(lib, "contracts/*/v1.ex"))

Code.compiler_options(ignore_module_conflict: true)
{:ok, _modules, _warnings} = Kernel.ParallelCompiler.compile(files, return_diagnostics: false)

modules = Map.new(ExecutionPlane.Contracts.contract_modules(), &{&1.contract_version(), &1})

answer = fn tag, input ->
  case RefHarness.JSON.decode(input) do
    {:error, message} ->
      %{"ok" => false, "stage" => "json", "error" => message}

    {:ok, attrs} ->
      module = Map.fetch!(modules, tag)

      try do
        case module.new(attrs) do
          {:ok, value} -> %{"ok" => true, "json" => RefHarness.JSON.encode!(module.dump(value))}
          {:error, error} -> %{"ok" => false, "stage" => "contract", "error" => Exception.message(error)}
        end
      rescue
        error ->
          %{"ok" => false, "stage" => "crash", "error" => inspect(error.__struct__) <> ": " <> Exception.message(error)}
      end
  end
end

File.mkdir_p!(facts_dir)

cases_path
|> File.stream!()
|> Enum.map(fn line ->
  {:ok, c} = RefHarness.JSON.decode(line)
  {c["tag"], [RefHarness.JSON.encode!(Map.merge(c, answer.(c["tag"], c["input"]))), ?\n]}
end)
|> Enum.group_by(&elem(&1, 0), &elem(&1, 1))
|> Enum.each(fn {tag, lines} ->
  path = Path.join(facts_dir, tag <> ".jsonl.gz")
  File.write!(path, :zlib.gzip(IO.iodata_to_binary(lines)))
  IO.puts("#{length(lines)} facts -> #{path}")
end)
