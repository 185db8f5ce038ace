-- R-TKT-4, once for tickets opened before priority_severity existed: each gets its priority's place on
-- the one severity scale, as the domain's severityScale decides it (packages/domain/src/classification/
-- severity.ts): in the policy version's rank order, the default priority is normal (3), the one just
-- above it high (2), any above that critical (1), every one below it low (4). New tickets are written
-- with it by the api.
WITH "prio" AS (
  SELECT p."id" AS "policy_id", p."version" AS "policy_version", e."value"->>'id' AS "priority_id",
    row_number() OVER (PARTITION BY p."id", p."version" ORDER BY (e."value"->>'rank')::int, e."n") AS "i",
    p."body"->>'defaultPriorityId' AS "default_id"
  FROM "policies" p, jsonb_array_elements(p."body"->'priorities') WITH ORDINALITY AS e("value", "n")
), "scale" AS (
  SELECT a."policy_id", a."policy_version", a."priority_id",
    CASE
      WHEN a."i" = d."i" THEN 3
      WHEN a."i" > d."i" THEN 4
      WHEN a."i" = d."i" - 1 THEN 2
      ELSE 1
    END AS "severity"
  FROM "prio" a
  JOIN LATERAL (
    SELECT coalesce((SELECT b."i" FROM "prio" b WHERE b."policy_id" = a."policy_id"
      AND b."policy_version" = a."policy_version" AND b."priority_id" = b."default_id"), 1) AS "i"
  ) d ON true
)
UPDATE "tickets" t SET "priority_severity" = s."severity"
  FROM "scale" s
  WHERE s."policy_id" = t."policy_id" AND s."policy_version" = t."policy_version"
    AND s."priority_id" = t."priority_id" AND t."priority_severity" IS DISTINCT FROM s."severity";
