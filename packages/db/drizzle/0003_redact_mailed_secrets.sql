-- R-SEC-1, once for mail stored before secrets were marked where mail is composed: the tokens of
-- reset, survey, status-subscription and access-confirmation links are taken out of the mail log and
-- of outbox rows already sent or failed; rows still pending get the list of secrets their body carries,
-- so the worker redacts them when it stores the mail. (New mail never needs this pattern: its composer
-- lists its secrets.)
UPDATE "mail_log" SET "body" = regexp_replace("body", '(/(?:survey|confirm-access|status/confirm|status/unsubscribe)/|[?&]token=)[A-Za-z0-9_%.~-]+', '\1[redacted: only in the recipient''s mail]', 'g')
  WHERE "body" ~ '(/(survey|confirm-access|status/confirm|status/unsubscribe)/|[?&]token=)';
--> statement-breakpoint
UPDATE "outbox" SET "payload" = jsonb_set("payload" - 'token', '{body}', to_jsonb(regexp_replace("payload"->>'body', '(/(?:survey|confirm-access|status/confirm|status/unsubscribe)/|[?&]token=)[A-Za-z0-9_%.~-]+', '\1[redacted: only in the recipient''s mail]', 'g'))) || '{"redacted": true}'::jsonb
  WHERE "status" <> 'pending' AND jsonb_typeof("payload"->'body') = 'string'
    AND ("payload" ? 'token' OR "payload"->>'body' ~ '(/(survey|confirm-access|status/confirm|status/unsubscribe)/|[?&]token=)');
--> statement-breakpoint
UPDATE "outbox" SET "payload" = "payload" || jsonb_build_object('secrets', (
    SELECT coalesce(jsonb_agg(m[1]), '[]'::jsonb)
    FROM regexp_matches("payload"->>'body', '(?:/(?:survey|confirm-access|status/confirm|status/unsubscribe)/|[?&]token=)([A-Za-z0-9_%.~-]+)', 'g') AS m))
  WHERE "status" = 'pending' AND NOT ("payload" ? 'secrets') AND jsonb_typeof("payload"->'body') = 'string'
    AND "payload"->>'body' ~ '(/(survey|confirm-access|status/confirm|status/unsubscribe)/|[?&]token=)';
