import {
  getCurrentAuthContextAsyncLocalStorage,
  getCurrentDBAdapterAsyncLocalStorage,
  getRequestStateAsyncLocalStorage,
} from "@better-auth/core/context";

/** What we call on a better-auth instance: its HTTP handler and its server-side endpoints. */
interface AuthLike {
  handler: (request: Request) => Promise<Response>;
  api: object;
}

/**
 * better-auth keeps its request state in AsyncLocalStorage. On Node 20 an AsyncLocalStorage that has run
 * once keeps async hooks on for every promise of the process, for good: after the first sign-in every
 * ticket request paid for better-auth's context (about 15 % of the server's CPU when opening tickets).
 * This counts the better-auth calls under way — its handler and every `auth.api` endpoint — and when the
 * last one has finished switches its storages off (`disable()`); its next call switches them on again.
 * Nothing of better-auth runs while they are off, so no call loses its context.
 */
export function quietWhenIdle<A extends AuthLike>(auth: A): A {
  let inFlight = 0;
  const settle = async () => {
    inFlight--;
    if (inFlight > 0) return;
    const storages = await Promise.all([
      getCurrentAuthContextAsyncLocalStorage(),
      getRequestStateAsyncLocalStorage(),
      getCurrentDBAdapterAsyncLocalStorage(),
    ]);
    // a call may have started while the storages were looked up: it needs them on
    if (inFlight === 0) for (const storage of storages) storage.disable();
  };
  const track = <T>(call: () => Promise<T>): Promise<T> => {
    inFlight++;
    let result: Promise<T>;
    try {
      result = call();
    } catch (e) {
      result = Promise.reject(e);
    }
    return result.finally(() => void settle());
  };
  const wrapped = new Map<PropertyKey, unknown>();
  const api = new Proxy(auth.api, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== "function") return value;
      let proxy = wrapped.get(key);
      if (!proxy) {
        // a Proxy keeps the endpoint's own properties (path, options) as they are
        proxy = new Proxy(value, {
          apply: (fn, self, args) => track(() => Promise.resolve(Reflect.apply(fn, self, args))),
        });
        wrapped.set(key, proxy);
      }
      return proxy;
    },
  });
  return Object.assign(Object.create(auth) as A, {
    handler: (request: Request) => track(() => auth.handler(request)),
    api,
  });
}
