/** R-ACT-7: what each staff role sees in the console. */
/** R-ACT-7 (mirrors the domain's staffRoles). */
export type StaffRole =
  | "supportSpecialist"
  | "serviceEngineer"
  | "serviceManager"
  | "implementationEngineer"
  | "technicalConsultant"
  | "billing"
  | "administrator";

export type Section =
  | "queue"
  | "inbox"
  | "incidents"
  | "customers"
  | "staff"
  | "billing"
  | "dashboards"
  | "policy"
  | "mail";

const ticketWork: StaffRole[] = [
  "supportSpecialist",
  "serviceEngineer",
  "serviceManager",
  "implementationEngineer",
  "technicalConsultant",
  "administrator",
];

const access: Record<Section, StaffRole[]> = {
  queue: ticketWork,
  inbox: ["supportSpecialist", "serviceManager", "administrator"],
  incidents: ticketWork,
  customers: [...ticketWork, "billing"],
  staff: ["administrator", "serviceManager"],
  billing: ["billing", "administrator"],
  dashboards: [...ticketWork, "billing"],
  policy: [...ticketWork, "billing"],
  mail: ["administrator", "supportSpecialist"],
};

export function canSee(roles: readonly string[], section: Section): boolean {
  return roles.some((r) => (access[section] as string[]).includes(r));
}

export const roleLabels: Record<StaffRole, string> = {
  supportSpecialist: "Support specialist",
  serviceEngineer: "Service engineer",
  serviceManager: "Service manager",
  implementationEngineer: "Implementation engineer",
  technicalConsultant: "Technical consultant",
  billing: "Billing",
  administrator: "Administrator",
};

/** The first section a role lands on after sign-in. */
export function homeFor(roles: readonly string[]): string {
  if (canSee(roles, "queue")) return "/";
  if (canSee(roles, "billing")) return "/billing";
  return "/dashboards";
}
