/**
 * R-TKT-6: what the customer gave when opening (and in later replies), field by field, and what is still
 * missing. The api returns the domain's list (policy labels, required per inquiry type); this only shows it.
 */
import { Badge, DescriptionList } from "@helpdesk/ui";

export interface RequestDetail {
  id: string;
  label: string;
  value: string | null;
  required: boolean;
  missing: boolean;
}

export function RequestDetails({ details, live }: { details: readonly RequestDetail[]; live: boolean }) {
  const missing = details.filter((d) => d.missing);
  return (
    <section
      aria-labelledby="request-details-title"
      className="rounded-lg border border-border bg-card px-4 py-3"
      data-testid="request-details"
    >
      <h2 id="request-details-title" className="mb-2 text-sm font-semibold">
        Request details
      </h2>
      <DescriptionList
        layout="stacked"
        className="xl:grid-cols-2"
        items={details.map((d) => ({
          key: d.id,
          term: d.label,
          value: d.value ? (
            <span className="whitespace-pre-wrap break-words">{d.value}</span>
          ) : d.missing ? (
            <Badge tone="amber">missing</Badge>
          ) : (
            <span className="text-muted-foreground">not given</span>
          ),
        }))}
      />
      {missing.length && live ? (
        <p className="mt-3 text-sm text-muted-foreground" data-testid="request-missing">
          Still missing: {missing.map((d) => d.label).join(" · ")} — ask for it with “Request information”.
        </p>
      ) : null}
    </section>
  );
}
