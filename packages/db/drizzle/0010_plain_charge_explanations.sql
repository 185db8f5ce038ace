-- Charge explanations are read by customers and billing: the spec's internal rule ids that earlier
-- decisions wrote into them ("Charged as 'Report Request' (R-CHG-1): …", "… (R-CHG-2).") are taken out,
-- in the invoice lines and in the copies disputes keep. New decisions no longer write them.
UPDATE "invoice_lines" SET "explanation" = regexp_replace("explanation", ' \((R-[A-Z]+-[0-9]+(, )?)+\)', '', 'g')
  WHERE "explanation" ~ '\(R-[A-Z]+-[0-9]+';
--> statement-breakpoint
UPDATE "billing_complaints" SET "snapshot" = jsonb_set("snapshot", '{explanation}',
    to_jsonb(regexp_replace("snapshot"->>'explanation', ' \((R-[A-Z]+-[0-9]+(, )?)+\)', '', 'g')))
  WHERE jsonb_typeof("snapshot"->'explanation') = 'string' AND "snapshot"->>'explanation' ~ '\(R-[A-Z]+-[0-9]+';
