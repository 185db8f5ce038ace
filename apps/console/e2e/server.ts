/**
 * The real server (apps/server's `startServer`, same config, database, sweeper and outbox) with one
 * test-only difference: its clock can be moved. The offset is set on a separate control port that only
 * listens on 127.0.0.1 (E2E_CLOCK_PORT), so the product's HTTP surface is exactly the one users get.
 *
 *   POST http://127.0.0.1:$E2E_CLOCK_PORT/clock   {"offsetMs": 3600000}   → server time = now + 1 h
 *
 * Inbound mail is on with the secret in e2e/mail-secret.ts (the inbox journey posts a mail as an MTA would).
 *
 * Used by the breach journey (R-SLA-4): the deadline sweeper records the breach when server time passes
 * the deadline, and the console shows it.
 */
import { createServer } from "node:http";
import { loadConfig, startServer } from "@helpdesk/server/testing";
import { E2E_MAIL_INBOUND_SECRET } from "./mail-secret";

let offsetMs = 0;
const clock = { now: () => Date.now() + offsetMs };

// inbound mail (POST /api/mail/inbound) is on, so the inbox journey can post a mail as an MTA would
process.env.MAIL_INBOUND_SECRET = E2E_MAIL_INBOUND_SECRET;
const started = await startServer(loadConfig(), { clock });
console.log(`Helpdesk (e2e, movable clock) is running at ${started.url}/console/`);

const control = createServer((req, res) => {
  if (req.method !== "POST" || req.url !== "/clock") {
    res.writeHead(404).end();
    return;
  }
  let body = "";
  req.on("data", (chunk: Buffer) => {
    body += chunk.toString();
  });
  req.on("end", () => {
    const next = (JSON.parse(body || "{}") as { offsetMs?: unknown }).offsetMs;
    if (typeof next !== "number" || !Number.isFinite(next)) {
      res.writeHead(400).end("give offsetMs as a number");
      return;
    }
    offsetMs = next;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ now: clock.now() }));
  });
});
control.listen(Number(process.env.E2E_CLOCK_PORT), "127.0.0.1");

const stop = async () => {
  control.close();
  await started.stop();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
