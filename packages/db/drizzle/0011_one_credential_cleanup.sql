-- R-SEC-2: two concurrent password sets could leave a user with two logins of one provider; keep the
-- newest so the unique index of the next migration applies.
DELETE FROM "auth_accounts" a USING "auth_accounts" b
WHERE a."user_id" = b."user_id" AND a."provider_id" = b."provider_id"
  AND (a."updated_at", a."id") < (b."updated_at", b."id");
