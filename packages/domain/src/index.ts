/**
 * @helpdesk/domain — the pure rules of Helpdesk (SPEC.md). No I/O, no clock: time arrives on events.
 * Sub-paths (`@helpdesk/domain/calendar`, `/presets`, `/ticket`, …) export the same modules one by one.
 */
export * from "./access";
export * from "./calendar";
export * from "./charging";
export * from "./classification";
export * from "./errors";
export * from "./escalation/customer-request";
export * from "./ids";
export { sampledForSurvey } from "./machine";
export * from "./policy";
export * from "./presets";
export * from "./text";
export * from "./ticket";
