import { useId, useState } from 'preact/hooks';
import { describe } from '../api';

interface FieldProps {
  label: string;
  name: string;
  type?: string;
  autoComplete?: string;
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  value?: string;
  inputMode?: 'numeric' | 'text' | 'email' | 'search';
}

/** A labelled input: the label names it for screen readers and a click on it focuses it. */
export function Field({ label, ...input }: FieldProps) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} {...input} type={input.type ?? 'text'} defaultValue={input.value} />
    </div>
  );
}

/**
 * A message in a live region: screen readers read it when it changes. Its space is kept
 * even when empty, so a message appearing moves nothing below it.
 */
export function Message({ text, tone }: { text: string; tone: 'error' | 'info' | 'success' }) {
  return (
    <p class={`message ${tone}`} role={tone === 'error' ? 'alert' : 'status'} aria-live={tone === 'error' ? 'assertive' : 'polite'}>
      {text}
    </p>
  );
}

/** "More" for a paged list: shown while the last page had a next cursor. */
export function More({ cursor, onMore, label }: { cursor: string | null; onMore: () => void; label: string }) {
  if (!cursor) return null;
  return (
    <button type="button" class="secondary" onClick={onMore}>
      {label}
    </button>
  );
}

export const when = (iso: string): string => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';

/**
 * A form's submit: its fields go to `act`, whose answer (or failure, worded) is the message
 * shown under it; `busy` while it runs, so a second click sends nothing twice.
 */
export function useSubmit(act: (form: FormData, element: HTMLFormElement) => Promise<string | void>) {
  const [message, setMessage] = useState<{ text: string; tone: 'error' | 'success' }>({ text: '', tone: 'success' });
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const element = event.currentTarget as HTMLFormElement;
    setBusy(true);
    try {
      setMessage({ text: (await act(new FormData(element), element)) ?? '', tone: 'success' });
    } catch (failure) {
      setMessage({ text: describe(failure), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return { onSubmit, busy, message };
}
