/**
 * Test support other packages' tests use (apps/server's R-SEC-1 walk runs the real outbox worker over
 * the api): the database fixture with seeded actors, and the walk over every procedure.
 */
export { type Api, codeOf, DAY, FAX_ACCOUNT, HOUR, MONDAY_0900_BERLIN, setupApi } from "./test-support";
export { call, everyone, inputOf, makeSamples, procedures, type Who, walkFixture } from "./walk-support";
