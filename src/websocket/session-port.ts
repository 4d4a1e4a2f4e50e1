import { LanePort } from '../internal/lane-port.js';
import type { ReceiveBudget } from './receive-budget.js';
import type { EndedSend, SessionRuntime } from './session-runtime.js';

/** The {@link LanePort} of a {@link WebSocketSession}, with how sends after the end reject. */
export class SessionPort extends LanePort<SessionRuntime> {
  /** How a send made after the end rejects; the session sets it to its `SESSION_ENDED` error. */
  endedSend: EndedSend | undefined;
  /** Unread message bytes; `connect()`'s take hook reports each message the consumer takes. */
  budget: ReceiveBudget | undefined;
}
