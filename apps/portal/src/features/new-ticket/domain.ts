/**
 * The domain's own pure rules, run in the browser to show the outcome before submit (R-TKT-3/4):
 * the same functions the server applies, so the preview cannot disagree with the result.
 */
export { classify, resolvePriority } from "@helpdesk/domain/classification";
