/** The local admin's default password (API.md): fine on a laptop, refused in production. */
export const DEFAULT_ADMIN_PASSWORD = 'admin';

/** Why the service must not start with these settings, or undefined when it may. */
export function adminAccountProblem(nodeEnv: string, adminPassword: string): string | undefined {
  if (nodeEnv === 'production' && adminPassword === DEFAULT_ADMIN_PASSWORD) {
    return 'Refusing to start in production with the default admin password: set admin-password in the secret store.';
  }
  return undefined;
}
