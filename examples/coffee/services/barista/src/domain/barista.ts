/** One order at the counter, as the barista keeps it; `seen` holds the event ids already handled. */
export interface Cup {
  status: 'none' | 'served' | 'stopped' | 'discarded';
  seen: string[];
}

export const NO_CUP: Cup = { status: 'none', seen: [] };

export type News = { kind: 'paid'; eventId: string } | { kind: 'stop'; eventId: string };

/** What the barista does on news: serve a paid order once; stop one not yet served; throw away one served then cancelled. */
export function onNews(cup: Cup, news: News): { next: Cup; serve: boolean } {
  if (cup.seen.includes(news.eventId)) return { next: cup, serve: false };
  const seen = [...cup.seen, news.eventId];
  if (news.kind === 'paid') {
    // A cancel heard first means the coffee is never made.
    if (cup.status !== 'none') return { next: { ...cup, seen }, serve: false };
    return { next: { status: 'served', seen }, serve: true };
  }
  const status = cup.status === 'served' || cup.status === 'discarded' ? 'discarded' : 'stopped';
  return { next: { status, seen }, serve: false };
}
