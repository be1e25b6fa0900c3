/**
 * A known address asked with a method it does not take (`TRACE /`, `GET` on an
 * upload address) is answered 405 with `Allow`, not 404: the address exists.
 */
import { AppError } from '../errors.ts';

type Route = { method: string; path: string };

/** Hono's path syntax (`/cycles/:id/:action{open|close}`, `*`) as an anchored expression. */
function patternOf(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      const param = /^:[A-Za-z0-9_]+(?:\{(.+)\})?(\?)?$/.exec(segment);
      if (param) return param[1] ? `(?:${param[1]})` : '[^/]+';
      return segment.replace(/[.*+?^$()|[\]{}\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}$`);
}

/** Builds, once, a look-up of the methods each route's address takes. */
export function allowedMethodsOf(routes: readonly Route[]) {
  let compiled: { method: string; regex: RegExp }[] | undefined;
  return (path: string): string[] => {
    compiled ??= routes.filter((r) => r.method !== 'ALL').map((r) => ({ method: r.method, regex: patternOf(r.path) }));
    const methods = new Set(compiled.filter((r) => r.regex.test(path)).map((r) => r.method));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  };
}

export const methodNotAllowed = (allowed: string[]) =>
  new AppError('method_not_allowed', 405, 'error.methodNotAllowed', { params: { allowed: allowed.join(', ') } });
