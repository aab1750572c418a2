import { api, Session } from '../api';
import { Field, Message, useSubmit } from './parts';

/** Log in: a customer or the admin. */
export function Login({ onLoggedIn }: { onLoggedIn: (session: Session) => void }) {
  const { onSubmit, busy, message } = useSubmit(async (form) => {
    onLoggedIn(await api<Session>('POST', '/auth/login', { body: { email: form.get('email'), password: form.get('password') } }));
  });
  return (
    <section>
      <h1 tabIndex={-1}>Log in</h1>
      <form onSubmit={onSubmit} class="card narrow">
        <Field label="Email" name="email" type="email" autoComplete="username" required />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required />
        <button type="submit" disabled={busy}>
          Log in
        </button>
        <Message text={message.text} tone={message.tone} />
      </form>
    </section>
  );
}

/** Sign up: the answer carries a token, so the new customer is logged in at once. */
export function SignUp({ onLoggedIn }: { onLoggedIn: (session: Session) => void }) {
  const { onSubmit, busy, message } = useSubmit(async (form) => {
    const created = await api<{ customerId: string; token: string }>('POST', '/customers', {
      body: { name: form.get('name'), email: form.get('email'), password: form.get('password') },
    });
    onLoggedIn({ token: created.token, role: 'customer', customerId: created.customerId });
  });
  return (
    <section>
      <h1 tabIndex={-1}>Sign up</h1>
      <form onSubmit={onSubmit} class="card narrow">
        <Field label="Name" name="name" autoComplete="name" required maxLength={100} />
        <Field label="Email" name="email" type="email" autoComplete="email" required />
        <Field label="Password (8 characters or more)" name="password" type="password" autoComplete="new-password" required minLength={8} />
        <button type="submit" disabled={busy}>
          Sign up
        </button>
        <Message text={message.text} tone={message.tone} />
      </form>
    </section>
  );
}
