import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SERVICES } from './ports';

/**
 * How `npm run stack -- restart <service>` asks the running launcher (npm start) for a
 * rolling restart: a request file and SIGUSR2, answered in a result file. Files under the
 * data folder's run/ (mode 0600), readable only by the user who runs the stack.
 */
const Request = z.object({ service: z.enum(SERVICES), id: z.string().min(1).max(64) });
const Result = z.object({ id: z.string(), ms: z.number().optional(), error: z.string().optional() });
type Request = z.infer<typeof Request>;

const files = (runDir: string) => ({
  launcher: join(runDir, 'launcher.pid'),
  request: join(runDir, 'restart-request.json'),
  result: join(runDir, 'restart-result.json'),
});

/** The launcher: records its pid and serves one restart request at a time. */
export function serveRestarts(runDir: string, restart: (service: Request['service']) => Promise<number>): void {
  const f = files(runDir);
  writeFileSync(f.launcher, String(process.pid), { mode: 0o600 });
  let busy = false;
  process.on('SIGUSR2', () => {
    if (busy || !existsSync(f.request)) return;
    const parsed = Request.safeParse(JSON.parse(readFileSync(f.request, 'utf8')));
    rmSync(f.request, { force: true });
    if (!parsed.success) return;
    busy = true;
    const { id, service } = parsed.data;
    void restart(service)
      .then((ms) => writeFileSync(f.result, JSON.stringify({ id, ms }), { mode: 0o600 }))
      .catch((error: unknown) => writeFileSync(f.result, JSON.stringify({ id, error: String(error) }), { mode: 0o600 }))
      .finally(() => {
        busy = false;
      });
  });
}

/** The `restart` command: asks, then waits for the answer (a rolling restart takes seconds per instance). */
export async function requestRestart(runDir: string, service: string, timeoutMs = 300_000): Promise<number> {
  const f = files(runDir);
  if (!existsSync(f.launcher)) throw new Error('no running bookstore here (npm start writes .data/run/launcher.pid)');
  const request = Request.parse({ service, id: `${Date.now()}-${process.pid}` });
  rmSync(f.result, { force: true });
  writeFileSync(f.request, JSON.stringify(request), { mode: 0o600 });
  process.kill(Number(readFileSync(f.launcher, 'utf8')), 'SIGUSR2');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(f.result)) {
      const result = Result.parse(JSON.parse(readFileSync(f.result, 'utf8')));
      if (result.id === request.id) {
        if (result.error) throw new Error(result.error);
        return result.ms ?? 0;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no answer from the launcher within ${timeoutMs / 1000} s`);
}
