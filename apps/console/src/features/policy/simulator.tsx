/** The policy simulator (R-SLA-2, R-ESC-1): every deadline and escalation step, computed in the browser. */
import { type Channel, channels, type Policy } from "@helpdesk/domain";
import {
  Alert,
  Badge,
  Card,
  CardContent,
  CardHeader,
  CardTitle,
  Checkbox,
  Field,
  formatDateTime,
  formatMinutes,
  humanize,
  Input,
  Select,
  Table,
  TBody,
  Td,
  THead,
  Th,
  Tr,
} from "@helpdesk/ui";
import { useMemo, useState } from "react";
import { simulate } from "./simulate";

function localInputValue(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function Simulator({ policies }: { policies: Policy[] }) {
  const [policyId, setPolicyId] = useState(policies[0]?.id ?? "");
  const policy = policies.find((p) => p.id === policyId) ?? policies[0];
  const [serviceLevelId, setServiceLevelId] = useState("");
  const [start, setStart] = useState(() => localInputValue(Date.now()));
  const [classificationId, setClassificationId] = useState("");
  const [priorityId, setPriorityId] = useState("");
  const [channel, setChannel] = useState<Channel>("portal");
  const [is24x7, setIs24x7] = useState(false);

  const result = useMemo(() => {
    if (!policy) return null;
    const startMs = Date.parse(start);
    if (Number.isNaN(startMs)) return { error: "Give a start date and time.", sim: null };
    try {
      return {
        error: null,
        sim: simulate({
          policy,
          serviceLevelId: serviceLevelId || policy.defaultServiceLevelId,
          start: startMs,
          classificationId: classificationId || policy.classifications[0]!.id,
          priorityId: priorityId || policy.defaultPriorityId,
          channel,
          is24x7,
        }),
      };
    } catch (e) {
      return { error: e instanceof Error ? e.message : "The simulation failed.", sim: null };
    }
  }, [policy, serviceLevelId, start, classificationId, priorityId, channel, is24x7]);

  if (!policy) return null;
  const sim = result?.sim;
  const tz = sim?.calendar.kind === "business" ? sim.calendar.timeZone : undefined;

  return (
    <div className="grid grid-cols-[320px_1fr] gap-4">
      <Card>
        <CardHeader>
          <CardTitle as="h3">Ticket</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          <Field label="Preset">
            <Select
              value={policy.id}
              onChange={(e) => {
                setPolicyId(e.target.value);
                setServiceLevelId("");
                setClassificationId("");
                setPriorityId("");
              }}
            >
              {policies.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Service level">
            <Select
              value={serviceLevelId || policy.defaultServiceLevelId}
              onChange={(e) => setServiceLevelId(e.target.value)}
            >
              {policy.serviceLevels.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Opened at" help="Your browser's local time.">
            <Input type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
          </Field>
          <Field label="Class">
            <Select
              value={classificationId || policy.classifications[0]!.id}
              onChange={(e) => setClassificationId(e.target.value)}
            >
              {policy.classifications.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Priority">
            <Select
              value={priorityId || policy.defaultPriorityId}
              onChange={(e) => setPriorityId(e.target.value)}
            >
              {policy.priorities.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Channel">
            <Select value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
              {channels.map((c) => (
                <option key={c} value={c}>
                  {humanize(c)}
                </option>
              ))}
            </Select>
          </Field>
          <Checkbox label="24x7 contract" checked={is24x7} onChange={(e) => setIs24x7(e.target.checked)} />
        </CardContent>
      </Card>
      <div className="flex flex-col gap-4" data-testid="simulation">
        {result?.error ? (
          <Alert tone="danger" role="alert">
            {result.error}
          </Alert>
        ) : sim ? (
          <>
            {sim.notes.map((n) => (
              <Alert key={n} tone={sim.pagesOnCall ? "warning" : "info"}>
                {n}
              </Alert>
            ))}
            <Card>
              <CardHeader>
                <CardTitle as="h3">Deadlines</CardTitle>
              </CardHeader>
              <CardContent>
                <Table caption="Simulated deadlines">
                  <THead>
                    <Tr>
                      <Th>Deadline</Th>
                      <Th>Service time</Th>
                      <Th>Due (your time)</Th>
                      {tz ? <Th>Due ({tz})</Th> : null}
                    </Tr>
                  </THead>
                  <TBody>
                    {sim.deadlines.map((d) => (
                      <Tr key={d.kind} data-kind={d.kind}>
                        <Td className="font-medium">{d.label}</Td>
                        <Td>{formatMinutes(d.minutes)}</Td>
                        <Td className="tabular-nums">{formatDateTime(d.at)}</Td>
                        {tz ? (
                          <Td className="tabular-nums">{formatDateTime(d.at, { timeZone: tz })}</Td>
                        ) : null}
                      </Tr>
                    ))}
                  </TBody>
                </Table>
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle as="h3">Escalation steps if it stays unresolved</CardTitle>
              </CardHeader>
              <CardContent>
                <Table caption="Simulated escalation steps">
                  <THead>
                    <Tr>
                      <Th>Level</Th>
                      <Th>Who is notified</Th>
                      <Th>After previous</Th>
                      <Th>When</Th>
                    </Tr>
                  </THead>
                  <TBody>
                    {sim.escalation.map((s) => (
                      <Tr key={s.level}>
                        <Td>
                          <Badge tone="orange">L{s.level}</Badge> {s.name}
                        </Td>
                        <Td>
                          {s.function} · <span className="text-muted-foreground">{s.contact}</span>
                        </Td>
                        <Td>
                          {s.afterPreviousMinutes === null
                            ? "on request"
                            : formatMinutes(s.afterPreviousMinutes)}
                        </Td>
                        <Td className="tabular-nums">
                          {s.at === null ? "—" : formatDateTime(s.at, { timeZone: tz })}
                        </Td>
                      </Tr>
                    ))}
                  </TBody>
                </Table>
              </CardContent>
            </Card>
          </>
        ) : null}
      </div>
    </div>
  );
}
