import { realOpen } from "./fixture";

process.stdout.write(JSON.stringify(realOpen(Date.now() - 30 * 86400000).snapshot));
