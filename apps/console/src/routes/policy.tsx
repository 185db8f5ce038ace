/** Policy: the active policies read-only, and the simulator. */
import { EmptyState, PageHeader, Tabs, TabsContent, TabsList, TabsTrigger } from "@helpdesk/ui";
import { Page, QueryBoundary } from "../components/states";
import { PolicyView } from "../features/policy/policy-view";
import { Simulator } from "../features/policy/simulator";
import { usePolicies } from "../features/policy/use-policies";

export default function PolicyPage() {
  const policies = usePolicies();
  return (
    <Page>
      <PageHeader
        title="Policy"
        description="The support policies in force, read-only. Administrators change them through a new policy version."
      />
      <QueryBoundary query={policies} label="Loading policies…" errorTitle="Could not load the policies">
        {(list) =>
          list.length === 0 ? (
            <EmptyState
              title="No policy is installed"
              description="Start the server with its demo seed, or import a preset."
            />
          ) : (
            <Tabs defaultValue="simulator">
              <TabsList aria-label="Policies">
                <TabsTrigger value="simulator">Simulator</TabsTrigger>
                {list.map((p) => (
                  <TabsTrigger key={p.id} value={p.id}>
                    {p.name} <span className="ml-1 text-xs text-muted-foreground">v{p.version}</span>
                  </TabsTrigger>
                ))}
              </TabsList>
              <TabsContent value="simulator">
                <Simulator policies={list} />
              </TabsContent>
              {list.map((p) => (
                <TabsContent key={p.id} value={p.id}>
                  <p className="mb-4 max-w-3xl text-sm text-muted-foreground">{p.description}</p>
                  <PolicyView policy={p} />
                </TabsContent>
              ))}
            </Tabs>
          )
        }
      </QueryBoundary>
    </Page>
  );
}
