/** An account's contract form and partner link (R-ACT-1, R-ACT-6). */
import { Button, Checkbox, Field, Select } from "@helpdesk/ui";
import { useState } from "react";

export function ContractForm({
  initial,
  serviceLevels,
  disabled,
  onSave,
}: {
  initial: { serviceLevelId: string; is24x7: boolean; expressAllowed: boolean };
  serviceLevels: { id: string; name: string }[];
  disabled: boolean;
  onSave: (v: { serviceLevelId: string; is24x7: boolean; expressAllowed: boolean }) => Promise<void>;
}) {
  const [v, setV] = useState(initial);
  const dirty = JSON.stringify(v) !== JSON.stringify(initial);
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(v);
      }}
    >
      <Field
        label="Service level"
        help={disabled ? "Only service managers and administrators change contracts." : undefined}
      >
        <Select
          value={v.serviceLevelId}
          disabled={disabled}
          onChange={(e) => setV({ ...v, serviceLevelId: e.target.value })}
        >
          {serviceLevels.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
      </Field>
      <Checkbox
        label="24x7 (urgent tickets page the on-call engineer out of hours)"
        checked={v.is24x7}
        disabled={disabled}
        onChange={(e) => setV({ ...v, is24x7: e.target.checked })}
      />
      <Checkbox
        label="Express allowed (accelerated, with a surcharge)"
        checked={v.expressAllowed}
        disabled={disabled}
        onChange={(e) => setV({ ...v, expressAllowed: e.target.checked })}
      />
      {disabled ? null : (
        <Button type="submit" size="sm" disabled={!dirty} className="self-start">
          Save contract
        </Button>
      )}
    </form>
  );
}

export function LinkPartner({
  partners,
  onLink,
}: {
  partners: { id: string; name: string }[];
  onLink: (partnerAccountId: string, delegation: boolean) => Promise<void>;
}) {
  const [partner, setPartner] = useState("");
  const [delegation, setDelegation] = useState(false);
  if (partners.length === 0) return null;
  return (
    <form
      className="mt-2 flex items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (partner) void onLink(partner, delegation);
      }}
    >
      <Field label="Managed by partner">
        <Select value={partner} onChange={(e) => setPartner(e.target.value)} className="w-64">
          <option value="">Pick a partner</option>
          {partners.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      </Field>
      <Checkbox
        label="Customer has its own delegation"
        checked={delegation}
        onChange={(e) => setDelegation(e.target.checked)}
      />
      <Button type="submit" size="sm" variant="outline" disabled={!partner}>
        Link partner
      </Button>
    </form>
  );
}
