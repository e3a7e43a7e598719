/** Where to go after login: a path inside the studio, never another site or the login page. */
export function safeRedirect(target: string | null): string {
  if (!target || !target.startsWith('/') || target.startsWith('//')) return '/';
  if (target === '/login' || target.startsWith('/login?')) return '/';
  return target;
}

export function loginPathFor(pathname: string, search: string): string {
  const back = `${pathname}${search}`;
  return back === '/' ? '/login' : `/login?redirect=${encodeURIComponent(back)}`;
}
