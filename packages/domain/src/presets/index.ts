/** The policies shipped with the product (SPEC §8): each a validated value of the policy schema. */
import type { Policy } from "../policy/schema";
import { faxReseller } from "./fax-reseller";
import { mailFilterVendor } from "./mail-filter-vendor";
import { messagingProvider } from "./messaging-provider";

export { faxReseller } from "./fax-reseller";
export { mailFilterVendor } from "./mail-filter-vendor";
export { messagingProvider } from "./messaging-provider";
export { requiredInformationMatrix, resolvePolicyPath } from "./shared";

export const presets = {
  "messaging-provider": messagingProvider,
  "fax-reseller": faxReseller,
  "mail-filter-vendor": mailFilterVendor,
} as const satisfies Record<string, Policy>;

export type PresetId = keyof typeof presets;
export const presetIds = Object.keys(presets) as PresetId[];

export function isPresetId(id: string): id is PresetId {
  return Object.hasOwn(presets, id);
}
