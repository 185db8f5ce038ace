export type { Breach, ClockName, HistoryEntry, TicketContext } from "./context";
export { resolutionMinutesAt } from "./logic";
export {
  createTicketMachine,
  type MachineEvent,
  machineFor,
  type TicketMachine,
} from "./machine";
export { sampledForSurvey } from "./policy-lookup";
export { eventRoles, eventStates, refusal } from "./rules";
