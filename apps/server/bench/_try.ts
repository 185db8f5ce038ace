import { seedFixture } from "./fixture";
import { createBenchDb } from "./lib";
import { runQueueBench } from "./queue";

const b = await createBenchDb();
console.log(b.name);
const h = await b.open(10);
try {
  const now = Date.now();
  const fx = await seedFixture(h.db, { now, accounts: 10000, portalUsers: 25 });
  const r = await runQueueBench(h.db, fx, {
    tickets: Number(process.argv[2] ?? 50000),
    accounts: 10000,
    now,
    perFilter: 20,
    plansFile: "/tmp/plans.txt",
    log: console.log,
  });
  console.log(JSON.stringify({ ...r, plans: r.plans.map((p) => [p.name, p.executionMs]) }, null, 1));
} finally {
  await h.close();
  await b.drop();
}
