export * from "./email";
export * from "./well-formed";
