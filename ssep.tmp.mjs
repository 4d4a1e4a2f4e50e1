import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createParser } from 'eventsource-parser';
import { stream } from 'execution-plane/sse';
const SERVER = `
import http from 'node:http';
const event = 'data: {"type":"delta","index":0,"text":"hello world"}\\n\\n';
const batch = Buffer.from(event.repeat(1000));
const server = http.createServer((req, res) => {
  const n = Number(new URL(req.url, 'http://x').searchParams.get('n'));
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  let sent = 0;
  const pump = () => { while (sent < n) { sent += 1000; if (!res.write(batch)) return void res.once('drain', pump); } res.end(); };
  pump();
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;
const child = spawn(process.execPath, ['--input-type=module', '-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
const [line] = await once(child.stdout, 'data');
const url = `http://127.0.0.1:${line.toString().trim()}/sse?n=50000`;
const mode = process.argv[2];
async function raw() { let count = 0; const parser = createParser({ onEvent: () => count++ }); const reader = (await fetch(url)).body.getReader(); const d = new TextDecoder(); for (let n = await reader.read(); !n.done; n = await reader.read()) parser.feed(d.decode(n.value, { stream: true })); return count; }
async function rawarr() { let count = 0; let arr = []; const parser = createParser({ onEvent: (m) => arr.push(m) }); const reader = (await fetch(url)).body.getReader(); const d = new TextDecoder(); for (let n = await reader.read(); !n.done; n = await reader.read()) { parser.feed(d.decode(n.value, { stream: true })); count += arr.length; arr = []; await null; } return count; }
async function batch() { let c = 0; for await (const e of stream({ url, batch: true })) if (e.event_type === 'sse.batch') c += e.payload.messages.length; return c; }
async function per() { let c = 0; for await (const e of stream({ url })) if (e.event_type === 'sse.message') c++; return c; }
const fn = mode === 'rawarr' ? rawarr : mode === 'raw' ? raw : mode === 'batch' ? batch : per;
const c0 = process.cpuUsage(); const t0 = performance.now(); let total = 0;
while (performance.now() - t0 < 5000) total += await fn();
const c = process.cpuUsage(c0);
console.log(mode, Math.round(total / ((performance.now() - t0) / 1000)), 'events/s', ((c.user + c.system) / total).toFixed(3), 'us cpu/event');
child.kill();
