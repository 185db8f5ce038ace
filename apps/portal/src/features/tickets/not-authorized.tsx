import { Alert } from "@helpdesk/ui";
import { useTranslation } from "../../i18n";
import { useMe } from "../session/use-me";

/** R-ACT-3: only authorized contacts open tickets; say why and who the admins are. */
export function NotAuthorizedNotice({ className }: { className?: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const admins = me.admins ?? [];
  return (
    <Alert tone="warning" role="region" className={className} title={t("newTicket.notAuthorizedTitle")}>
      <p>{t("newTicket.notAuthorizedBody")}</p>
      {admins.length ? (
        <p className="mt-1">
          {t("newTicket.yourAdmins")}{" "}
          {admins.map((a, i) => (
            <span key={a.email}>
              {i > 0 ? ", " : ""}
              {a.name} (<a href={`mailto:${a.email}`}>{a.email}</a>)
            </span>
          ))}
        </p>
      ) : (
        <p className="mt-1">{t("newTicket.noAdmins")}</p>
      )}
    </Alert>
  );
}
