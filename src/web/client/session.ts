/**
 * Where the signed-in key lives: for this tab only (sessionStorage), or on this device when the
 * user asks to stay signed in (localStorage: a driver's phone). Signing out forgets both.
 */
const NAME = 'tournee.apiKey';

export function recall(): string | null {
  return sessionStorage.getItem(NAME) ?? localStorage.getItem(NAME);
}

export function remember(key: string, onThisDevice: boolean): void {
  forget();
  (onThisDevice ? localStorage : sessionStorage).setItem(NAME, key);
}

export function forget(): void {
  sessionStorage.removeItem(NAME);
  localStorage.removeItem(NAME);
}
