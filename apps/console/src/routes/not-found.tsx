import { EmptyState } from "@helpdesk/ui";
import { Link } from "react-router";
import { Page } from "../components/states";

export default function NotFoundPage() {
  return (
    <Page>
      <EmptyState
        titleAs="h1"
        title="There is no page here"
        description="Check the address, or press Ctrl K to search for a page or a ticket number."
        action={<Link to="/">Back to the queue</Link>}
      />
    </Page>
  );
}
