import { Button, Card, CardContent, CardDescription, CardHeader } from "@helpdesk/ui";
import { Link } from "react-router";
import { useTranslation } from "../../i18n";

/**
 * A mailed link (survey, access confirmation) that is malformed, unknown or used up: one calm page with
 * a heading that says so — never the server's validation details.
 */
export function InvalidLink() {
  const { t } = useTranslation();
  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold">{t("errors.invalidLinkTitle")}</h1>
        <CardDescription>{t("errors.invalidLinkBody")}</CardDescription>
      </CardHeader>
      <CardContent>
        <Button asChild variant="outline">
          <Link to="/">{t("errors.goHome")}</Link>
        </Button>
      </CardContent>
    </Card>
  );
}
