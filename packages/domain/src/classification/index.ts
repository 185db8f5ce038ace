export {
  type Classified,
  type ClassifyInput,
  channelMaySetPriority,
  checkChannel,
  classify,
  compareQueueOrder,
  derivePriority,
  explainPaging,
  isSupportTicketType,
  mayPageOnCall,
  missingInformation,
  type PagingDecision,
  type PagingQuery,
  type PriorityChoice,
  type QueueItem,
  queueOrderFor,
  resolvePriority,
} from "./classify";
export { type RequestDetail, requestDetails } from "./request-details";
export { prioritySeverity, type Severity, severities, severityRank, severityScale } from "./severity";
