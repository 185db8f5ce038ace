import type { DbOrTx } from "./client";

/** One item's outcome in a batch: what `Promise.allSettled` gives, so a batch can fail item by item. */
export type Settled<O> = PromiseSettledResult<O>;

export interface BatchOptions {
  /** most items in one round (default 64) */
  maxBatch?: number;
  /** rounds under way at once on one database handle; later calls wait and go together (default 4) */
  maxInFlight?: number;
}

interface Waiter<I, O> {
  item: I;
  resolve(value: O): void;
  reject(error: unknown): void;
}

interface Queue<I, O> {
  waiting: Waiter<I, O>[];
  inFlight: number;
  scheduled: boolean;
}

/**
 * Group commit for a hot statement. Calls on the same database handle made in one turn of the event loop
 * go together, and calls made while `maxInFlight` rounds are under way wait and go together in the next
 * round: `run` gets all their items and answers for each (in order). At rest a call is a round of its own
 * and waits for nothing but the end of the current turn — which the driver waits for anyway before it
 * writes a small query; under load many callers share one statement, so the database parses, plans,
 * commits and answers once for all of them and the server sends and reads one message instead of many.
 * Inside a transaction (a handle without its own driver) a call runs alone, in that transaction.
 */
export function batched<I, O>(
  run: (db: DbOrTx, items: I[]) => Promise<Settled<O>[]>,
  options: BatchOptions = {},
): (db: DbOrTx, item: I) => Promise<O> {
  const maxBatch = options.maxBatch ?? 64;
  const maxInFlight = options.maxInFlight ?? 4;
  const queues = new WeakMap<object, Queue<I, O>>();

  const deliver = (batch: Waiter<I, O>[], results: Settled<O>[]) => {
    batch.forEach((w, i) => {
      const r = results[i];
      if (!r) w.reject(new Error(`a batched statement answered ${results.length} of ${batch.length} items`));
      else if (r.status === "fulfilled") w.resolve(r.value);
      else w.reject(r.reason);
    });
  };

  const pump = (db: DbOrTx, q: Queue<I, O>) => {
    q.scheduled = false;
    while (q.inFlight < maxInFlight && q.waiting.length > 0) {
      const batch = q.waiting.splice(0, maxBatch);
      q.inFlight++;
      run(
        db,
        batch.map((w) => w.item),
      )
        .then(
          (results) => deliver(batch, results),
          (error: unknown) => {
            for (const w of batch) w.reject(error);
          },
        )
        .finally(() => {
          q.inFlight--;
          pump(db, q);
        });
    }
  };

  return (db, item) => {
    if (!("$client" in db)) {
      return run(db, [item]).then((results) => {
        const r = results[0];
        if (!r) throw new Error("a batched statement answered no item");
        if (r.status === "rejected") throw r.reason;
        return r.value;
      });
    }
    let q = queues.get(db);
    if (!q) {
      q = { waiting: [], inFlight: 0, scheduled: false };
      queues.set(db, q);
    }
    const queue = q;
    return new Promise<O>((resolve, reject) => {
      queue.waiting.push({ item, resolve, reject });
      if (!queue.scheduled && queue.inFlight < maxInFlight) {
        queue.scheduled = true;
        setImmediate(() => pump(db, queue));
      }
    });
  };
}

/**
 * Runs a batch of writes as one statement and, when that statement fails, each item alone — so one bad
 * item fails only itself and every item still lands whole or not at all.
 */
export async function allOrEach<I>(
  items: I[],
  all: (items: I[]) => Promise<void>,
): Promise<Settled<undefined>[]> {
  try {
    await all(items);
    return items.map(() => ({ status: "fulfilled", value: undefined }));
  } catch (error) {
    if (items.length === 1) return [{ status: "rejected", reason: error }];
    return Promise.allSettled(items.map((item) => all([item]).then(() => undefined)));
  }
}
