import {
  Button,
  Card,
  EmptyState,
  Input,
  Label,
  LoadingState,
  PageHeader,
  Pagination,
  PriorityBadge,
  RelativeTime,
  Select,
  StatusBadge,
  Table,
  TBody,
  Td,
  THead,
  Th,
  Tr,
} from "@helpdesk/ui";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Plus, Search, X } from "lucide-react";
import { useEffect, useId, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { QueryError } from "../features/common/query-error";
import { useLocale } from "../features/common/use-locale";
import {
  filtersToParams,
  type ListCursor,
  type ListFilters,
  listInput,
  parseFilters,
  sortOptions,
  statusOptions,
} from "../features/tickets/list-filters";
import { useTranslation } from "../i18n";
import { ticketPath } from "../lib/ticket-path";
import { trpc } from "../lib/trpc";

export function TicketsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params, setParams] = useSearchParams();
  const filters = parseFilters(params);
  const [searchText, setSearchText] = useState(filters.search);
  const ids = useId();
  // keyset pagination: the cursors of the pages before this one; reset when the filters change
  const filterKey = filtersToParams(filters).toString();
  const [pages, setPages] = useState<{ key: string; cursors: ListCursor[] }>({ key: filterKey, cursors: [] });
  const cursors = pages.key === filterKey ? pages.cursors : [];
  const page = cursors.length + 1;

  useEffect(() => setSearchText(filters.search), [filters.search]);

  const update = (patch: Partial<ListFilters>) => {
    // from the URL as it is now, not as it was at the last render: two quick changes (the start of a
    // date range, then its end) must not overwrite each other
    const current = parseFilters(new URLSearchParams(window.location.search));
    const next = filtersToParams({ ...current, ...patch });
    setParams(next, { replace: false });
  };
  const list = useQuery({
    ...trpc.ticket.list.queryOptions(listInput(filters, cursors[cursors.length - 1])),
    placeholderData: keepPreviousData,
  });
  const hasNext = Boolean(list.data?.nextCursor);
  const goTo = (p: number) => {
    if (p > page && list.data?.nextCursor)
      setPages({ key: filterKey, cursors: [...cursors, list.data.nextCursor] });
    else if (p < page) setPages({ key: filterKey, cursors: cursors.slice(0, p - 1) });
    document.getElementById("main")?.focus();
  };
  const filtered =
    filters.status.length > 0 || Boolean(filters.search) || Boolean(filters.from) || Boolean(filters.to);

  return (
    <>
      <PageHeader
        title={t("tickets.title")}
        actions={
          <Button asChild>
            <Link to="/tickets/new">
              <Plus aria-hidden="true" className="size-4" />
              {t("nav.newTicket")}
            </Link>
          </Button>
        }
      />

      <Card className="mb-4 p-4">
        <form
          aria-label={t("tickets.filters")}
          className="grid gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            update({ search: searchText });
          }}
        >
          <div className="flex max-w-xl flex-col gap-1.5">
            <Label htmlFor={`${ids}-q`}>{t("tickets.search")}</Label>
            <div className="flex gap-2">
              <Input
                id={`${ids}-q`}
                type="search"
                value={searchText}
                placeholder={t("tickets.searchPlaceholder")}
                onChange={(e) => setSearchText(e.target.value)}
              />
              <Button type="submit" variant="secondary" size="icon" aria-label={t("tickets.searchSubmit")}>
                <Search aria-hidden="true" className="size-4" />
              </Button>
            </div>
          </div>
          <fieldset className="flex flex-wrap items-center gap-2">
            <legend className="sr-only">{t("tickets.statusFilter")}</legend>
            <span aria-hidden="true" className="mr-1 text-sm font-medium">
              {t("tickets.statusFilter")}
            </span>
            {statusOptions.map((s) => {
              const on = filters.status.includes(s);
              return (
                <button
                  key={s}
                  type="button"
                  aria-pressed={on}
                  onClick={() =>
                    update({ status: on ? filters.status.filter((x) => x !== s) : [...filters.status, s] })
                  }
                  className={
                    on
                      ? "rounded-full border border-primary bg-accent px-3 py-1 text-sm font-medium text-accent-foreground"
                      : "rounded-full border border-border bg-card px-3 py-1 text-sm text-foreground hover:bg-muted"
                  }
                >
                  {t(`status.ticket.${s}`)}
                </button>
              );
            })}
            {filtered ? (
              <Button variant="ghost" size="sm" onClick={() => setParams(new URLSearchParams())}>
                <X aria-hidden="true" className="size-4" />
                {t("tickets.clearFilters")}
              </Button>
            ) : null}
          </fieldset>
          <div className="flex flex-wrap items-end gap-3">
            <div className="flex flex-col gap-1.5">
              <Label htmlFor={`${ids}-from`}>{t("tickets.from")}</Label>
              <Input
                id={`${ids}-from`}
                type="date"
                className="w-auto"
                value={filters.from}
                max={filters.to || undefined}
                onChange={(e) => update({ from: e.target.value })}
              />
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor={`${ids}-to`}>{t("tickets.to")}</Label>
              <Input
                id={`${ids}-to`}
                type="date"
                className="w-auto"
                value={filters.to}
                min={filters.from || undefined}
                onChange={(e) => update({ to: e.target.value })}
              />
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor={`${ids}-sort`}>{t("tickets.sort")}</Label>
              <Select
                id={`${ids}-sort`}
                className="w-auto"
                value={filters.sort}
                onChange={(e) => update({ sort: e.target.value as ListFilters["sort"] })}
              >
                {sortOptions.map((o) => (
                  <option key={o} value={o}>
                    {t(`tickets.sortBy.${o}`)}
                  </option>
                ))}
              </Select>
            </div>
          </div>
        </form>
      </Card>

      {list.isPending ? (
        <LoadingState label={t("common.loading")} lines={6} />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState
          title={filtered ? t("tickets.emptyFiltered") : t("tickets.empty")}
          description={filtered ? t("tickets.emptyFilteredHint") : t("tickets.emptyHint")}
          action={
            filtered ? (
              <Button variant="outline" size="sm" onClick={() => setParams(new URLSearchParams())}>
                {t("tickets.clearFilters")}
              </Button>
            ) : (
              <Button asChild size="sm">
                <Link to="/tickets/new">{t("nav.newTicket")}</Link>
              </Button>
            )
          }
        />
      ) : (
        <div aria-busy={list.isFetching} className="flex flex-col gap-4">
          {/* phones: cards; wider: a table */}
          <ul className="flex flex-col gap-2 md:hidden" data-testid="ticket-cards">
            {list.data.items.map((tk) => (
              <li key={tk.id}>
                <Link
                  to={ticketPath(tk.number)}
                  className="flex flex-col gap-1.5 rounded-lg border border-border bg-card p-3 text-foreground no-underline hover:bg-muted"
                >
                  <span className="flex flex-wrap items-center gap-2 text-xs">
                    <span className="font-mono font-medium">{tk.number}</span>
                    <StatusBadge status={tk.status} label={t(`status.ticket.${tk.status}`)} />
                    <PriorityBadge rank={tk.priorityRank} label={tk.priorityName} />
                  </span>
                  <span className="font-medium">{tk.subject}</span>
                  <span className="text-xs text-muted-foreground">
                    {t("tickets.opened")} <RelativeTime value={tk.createdAt} locale={locale} />
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          <div className="hidden md:block">
            <Table caption={t("tickets.title")} data-testid="ticket-table">
              <THead>
                <Tr>
                  <Th>{t("tickets.colNumber")}</Th>
                  <Th>{t("tickets.colSubject")}</Th>
                  <Th>{t("tickets.colStatus")}</Th>
                  <Th>{t("tickets.colPriority")}</Th>
                  <Th>{t("tickets.colOpened")}</Th>
                  <Th>{t("tickets.colUpdated")}</Th>
                </Tr>
              </THead>
              <TBody>
                {list.data.items.map((tk) => (
                  <Tr key={tk.id}>
                    <Td className="whitespace-nowrap font-mono">
                      <Link to={ticketPath(tk.number)}>{tk.number}</Link>
                    </Td>
                    <Td className="max-w-md">
                      <Link to={ticketPath(tk.number)} className="text-foreground" tabIndex={-1}>
                        <span className="line-clamp-2">{tk.subject}</span>
                      </Link>
                    </Td>
                    <Td>
                      <StatusBadge status={tk.status} label={t(`status.ticket.${tk.status}`)} />
                    </Td>
                    <Td>
                      <PriorityBadge rank={tk.priorityRank} label={tk.priorityName} />
                    </Td>
                    <Td className="whitespace-nowrap text-muted-foreground">
                      <RelativeTime value={tk.createdAt} locale={locale} />
                    </Td>
                    <Td className="whitespace-nowrap text-muted-foreground">
                      <RelativeTime value={tk.updatedAt} locale={locale} />
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </div>
          {page > 1 || hasNext ? (
            <Pagination
              page={page}
              pageCount={hasNext ? page + 1 : page}
              onPageChange={goTo}
              labels={{
                nav: t("pagination.nav"),
                previous: t("pagination.previous"),
                next: t("pagination.next"),
                pageOf: (p) => t("pagination.page", { page: p }),
              }}
            />
          ) : null}
        </div>
      )}
    </>
  );
}
