export * from "./batch";
export * from "./client";
export * from "./schema";
export * from "./ticket-number";
