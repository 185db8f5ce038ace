import { describe, expect, it } from "vitest";
import { presetIds, presets } from "./index";

/** RFC 2606 / RFC 6761 names nobody owns: mail to them never reaches a real company. */
const RESERVED = /(^|\.)(example|test|invalid|localhost)$|(^|\.)example\.(com|net|org)$/i;

function addresses(value: unknown): string[] {
  return JSON.stringify(value).match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? [];
}
function hosts(value: unknown): string[] {
  return (JSON.stringify(value).match(/https?:\/\/[\w.-]+/g) ?? []).map((u) => u.replace(/^https?:\/\//, ""));
}

it("the scan finds the escalation contacts of the presets that have them", () => {
  expect(addresses(presets["messaging-provider"]).length).toBe(5);
  expect(addresses(presets["fax-reseller"]).length).toBe(2);
});

describe("presets mail and link only reserved example domains (no real company is ever mailed)", () => {
  it.each(presetIds)("%s: every address and link is under example.com/.net/.org, .example or .test", (id) => {
    const found = addresses(presets[id]);
    for (const a of found) expect(a.split("@")[1], a).toMatch(RESERVED);
    for (const h of hosts(presets[id])) expect(h).toMatch(RESERVED);
  });
});
