export type Backend = 'sqlite' | 'postgres';

export function backendOf(url: string): Backend {
  return url.startsWith('postgres') ? 'postgres' : 'sqlite';
}
