import {
  BarChart3,
  Inbox,
  LayoutList,
  type LucideIcon,
  Mail,
  MailPlus,
  Receipt,
  ScrollText,
  Siren,
  UserCog,
  Users,
} from "lucide-react";
import type { Section } from "../../lib/roles";

export interface NavItem {
  section: Section;
  to: string;
  label: string;
  icon: LucideIcon;
  /** the g-prefixed shortcut, e.g. "q" for g q */
  key: string;
}

export const navItems: NavItem[] = [
  { section: "queue", to: "/", label: "Queue", icon: LayoutList, key: "q" },
  { section: "inbox", to: "/inbox", label: "Inbox", icon: Inbox, key: "i" },
  { section: "incidents", to: "/incidents", label: "Major incidents", icon: Siren, key: "m" },
  { section: "customers", to: "/customers", label: "Customers", icon: Users, key: "c" },
  { section: "staff", to: "/staff", label: "Staff & on-call", icon: UserCog, key: "s" },
  { section: "billing", to: "/billing", label: "Billing", icon: Receipt, key: "b" },
  { section: "dashboards", to: "/dashboards", label: "Dashboards", icon: BarChart3, key: "d" },
  { section: "policy", to: "/policy", label: "Policy", icon: ScrollText, key: "p" },
  { section: "mail", to: "/mail", label: "Mail log", icon: Mail, key: "l" },
  { section: "mailboxes", to: "/mailboxes", label: "Mailboxes", icon: MailPlus, key: "x" },
];
