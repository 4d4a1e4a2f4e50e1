# A minimal JSON layer for the recording harness only (Hex, and so Jason, is not reachable).
# Decoding follows Jason's observable rules: integers stay exact Elixir integers, a number
# with a fraction or exponent is a float (`1e2` -> 100.0), strings must be valid UTF-8,
# lone surrogates (`"\ud800"`) and raw control characters are rejected, no depth limit.
# Encoding sorts map keys by their UTF-8 bytes (Erlang term order), writes floats in
# Erlang's shortest form (`:io_lib_format.fwrite_g`, as Jason does), atoms as strings.
defmodule RefHarness.JSON do
  defmodule Error do
    defexception [:message]
  end

  def decode(text) when is_binary(text) do
    {value, rest} = value(skip_ws(text))
    case skip_ws(rest) do
      "" -> {:ok, value}
      _ -> fail("unexpected trailing input")
    end
  rescue
    e in Error -> {:error, e.message}
  end

  defp fail(msg), do: raise(Error, message: msg)

  defp skip_ws(<<c, rest::binary>>) when c in [?\s, ?\t, ?\n, ?\r], do: skip_ws(rest)
  defp skip_ws(rest), do: rest

  defp value(<<"null", r::binary>>), do: {nil, r}
  defp value(<<"true", r::binary>>), do: {true, r}
  defp value(<<"false", r::binary>>), do: {false, r}
  defp value(<<?", r::binary>>), do: string(r, [])
  defp value(<<?{, r::binary>>), do: object(skip_ws(r), [])
  defp value(<<?[, r::binary>>), do: array(skip_ws(r), [])
  defp value(<<c, _::binary>> = r) when c == ?- or c in ?0..?9, do: number(r)
  defp value(_), do: fail("unexpected token")

  defp array(<<?], r::binary>>, []), do: {[], r}
  defp array(r, acc) do
    {v, r} = value(skip_ws(r))
    case skip_ws(r) do
      <<?,, r::binary>> -> array(r, [v | acc])
      <<?], r::binary>> -> {Enum.reverse([v | acc]), r}
      _ -> fail("expected , or ]")
    end
  end

  defp object(<<?}, r::binary>>, []), do: {%{}, r}
  defp object(<<?", r::binary>>, acc) do
    {k, r} = string(r, [])
    r = case skip_ws(r) do
      <<?:, r::binary>> -> skip_ws(r)
      _ -> fail("expected :")
    end
    {v, r} = value(r)
    acc = [{k, v} | acc]
    case skip_ws(r) do
      <<?,, r::binary>> -> object(skip_ws(r), acc)
      <<?}, r::binary>> -> {Map.new(Enum.reverse(acc)), r}
      _ -> fail("expected , or }")
    end
  end
  defp object(_, _), do: fail("expected a key")

  @num ~r/\A-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/
  defp number(r) do
    [text | groups] = Regex.run(@num, r) || fail("bad number")
    rest = binary_part(r, byte_size(text), byte_size(r) - byte_size(text))
    case groups do
      [_int] -> {String.to_integer(text), rest}
      [int, "" | exp] -> {to_float(int_part(text) <> ".0" <> Enum.join(exp), int), rest}
      [_int, _frac | _] -> {to_float(text, nil), rest}
    end
  end

  defp int_part(text), do: hd(String.split(text, ["e", "E"]))
  defp to_float(text, _) do
    :erlang.binary_to_float(text)
  rescue
    ArgumentError -> fail("number out of range")
  end

  defp string(<<?", r::binary>>, acc), do: {IO.iodata_to_binary(Enum.reverse(acc)), r}
  defp string(<<?\\, e, r::binary>>, acc) when e in [?", ?\\, ?/], do: string(r, [e | acc])
  defp string(<<?\\, ?b, r::binary>>, acc), do: string(r, [?\b | acc])
  defp string(<<?\\, ?f, r::binary>>, acc), do: string(r, [?\f | acc])
  defp string(<<?\\, ?n, r::binary>>, acc), do: string(r, [?\n | acc])
  defp string(<<?\\, ?r, r::binary>>, acc), do: string(r, [?\r | acc])
  defp string(<<?\\, ?t, r::binary>>, acc), do: string(r, [?\t | acc])
  defp string(<<?\\, ?u, h::binary-4, r::binary>>, acc) do
    case hex(h) do
      hi when hi in 0xD800..0xDBFF ->
        case r do
          <<?\\, ?u, l::binary-4, r2::binary>> ->
            lo = hex(l)
            if lo in 0xDC00..0xDFFF,
              do: string(r2, [<<0x10000 + (hi - 0xD800) * 0x400 + (lo - 0xDC00)::utf8>> | acc]),
              else: fail("lone surrogate")
          _ -> fail("lone surrogate")
        end
      lo when lo in 0xDC00..0xDFFF -> fail("lone surrogate")
      cp -> string(r, [<<cp::utf8>> | acc])
    end
  end
  defp string(<<?\\, _::binary>>, _), do: fail("bad escape")
  defp string(<<c, _::binary>>, _) when c < 0x20, do: fail("control character in string")
  defp string(<<c::utf8, r::binary>>, acc), do: string(r, [<<c::utf8>> | acc])
  defp string(_, _), do: fail("invalid UTF-8 or unterminated string")

  defp hex(h) do
    case Integer.parse(h, 16) do
      {n, ""} -> n
      _ -> fail("bad \\u escape")
    end
  end

  def encode!(v) when is_map(v) and not is_struct(v) do
    inner = v |> Enum.map(fn {k, x} -> {key(k), x} end) |> Enum.sort_by(&elem(&1, 0))
    |> Enum.map(fn {k, x} -> [str(k), ?:, encode!(x)] end) |> Enum.intersperse(?,)
    IO.iodata_to_binary([?{, inner, ?}])
  end
  def encode!(v) when is_list(v), do: IO.iodata_to_binary([?[, Enum.intersperse(Enum.map(v, &encode!/1), ?,), ?]])
  def encode!(nil), do: "null"
  def encode!(true), do: "true"
  def encode!(false), do: "false"
  def encode!(v) when is_atom(v), do: str(Atom.to_string(v))
  def encode!(v) when is_binary(v), do: str(v)
  def encode!(v) when is_integer(v), do: Integer.to_string(v)
  def encode!(v) when is_float(v), do: IO.iodata_to_binary(:io_lib_format.fwrite_g(v))
  def encode!(v), do: raise(Error, message: "cannot encode #{inspect(v)}")

  defp key(k) when is_binary(k), do: k
  defp key(k) when is_atom(k), do: Atom.to_string(k)
  defp key(k), do: raise(Error, message: "cannot encode key #{inspect(k)}")

  defp str(s), do: IO.iodata_to_binary([?", Enum.map(String.codepoints(s), &esc/1), ?"])
  defp esc("\""), do: "\\\""
  defp esc("\\"), do: "\\\\"
  defp esc(<<c>>) when c < 0x20, do: :io_lib.format("\\u~4.16.0b", [c])
  defp esc(c), do: c
end

defmodule Jason do
  def encode!(v), do: RefHarness.JSON.encode!(v)
  def decode!(t) do
    case RefHarness.JSON.decode(t) do
      {:ok, v} -> v
      {:error, m} -> raise RefHarness.JSON.Error, message: m
    end
  end
end

defmodule :telemetry do
  def execute(_event, _measurements, _metadata), do: :ok
end
