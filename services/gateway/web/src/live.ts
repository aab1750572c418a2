import { MyPage, Session } from './api';

/** What the shop pushes to a logged-in customer (GET /updates, server-sent events). */
export type LiveEvent = { kind: 'mypage'; row: MyPage } | { kind: 'notification' } | { kind: 'ready' };

type Listener = (event: LiveEvent) => void;
const listeners = new Set<Listener>();

/** Live events fanned out to whichever view listens; the returned function stops listening. */
export function onLive(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export const broadcast = (event: LiveEvent): void => listeners.forEach((listener) => listener(event));

/**
 * Server-sent events read with fetch, not EventSource: EventSource cannot send the bearer
 * token, and a token in the URL would land in logs. Reconnects after a drop, 1 s then
 * doubling to 30 s; `stop` ends it.
 */
export function follow(session: Session, onEvent: (event: LiveEvent) => void, onState: (connected: boolean) => void): () => void {
  const abort = new AbortController();
  let wait = 1_000;
  const run = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      try {
        const response = await fetch('/updates', { headers: { Authorization: `Bearer ${session.token}`, Accept: 'text/event-stream' }, signal: abort.signal });
        if (!response.ok || !response.body) throw new Error(String(response.status));
        onState(true);
        wait = 1_000;
        await read(response.body, onEvent);
      } catch {
        // A drop or a refusal: wait, then ask again.
      }
      onState(false);
      if (abort.signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(wait * 2, 30_000);
    }
  };
  void run();
  return () => abort.abort();
}

async function read(body: ReadableStream<Uint8Array>, onEvent: (event: LiveEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (event) onEvent(event);
    }
  }
}

/** One event block: `event:` and `data:` lines; comments (heartbeats) are none. */
function parse(block: string): LiveEvent | undefined {
  let name = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) name = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (name === 'mypage') return { kind: 'mypage', row: JSON.parse(data.join('\n')) as MyPage };
  if (name === 'notification') return { kind: 'notification' };
  if (name === 'ready') return { kind: 'ready' };
  return undefined;
}
