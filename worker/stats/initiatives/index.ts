export * from "./followup";
export * from "./reading";
export * from "./registry";
