import { Counter, Gauge, type Registry } from 'prom-client';

/**
 * One budget of request-body bytes for the whole process (BODY_BUDGET). A request reserves its
 * declared Content-Length (or its route's limit when chunked) before its body is read and gives it
 * back when its response is done, so the bytes buffered at once — and the parsed objects made
 * from them — stay bounded whatever the number of connections.
 */
export class BodyBudget {
  private used = 0;
  private readonly inFlight: Gauge;
  private readonly reserved: Counter;
  private readonly refused: Counter;

  constructor(
    readonly capacity: number,
    registry: Registry,
  ) {
    this.inFlight = new Gauge({
      name: 'http_request_body_bytes_in_flight',
      help: 'Request-body bytes reserved by requests in progress (bounded by BODY_BUDGET).',
      registers: [registry],
    });
    this.reserved = new Counter({
      name: 'http_request_body_bytes_reserved_total',
      help: 'Request-body bytes reserved before reading a body.',
      registers: [registry],
    });
    this.refused = new Counter({
      name: 'http_request_body_budget_refusals_total',
      help: 'Requests answered 503 because BODY_BUDGET was spent.',
      registers: [registry],
    });
  }

  /** Reserves `bytes`; returns a release function, or undefined when the budget is spent. */
  reserve(bytes: number): (() => void) | undefined {
    if (this.used + bytes > this.capacity) {
      this.refused.inc();
      return undefined;
    }
    this.used += bytes;
    this.inFlight.set(this.used);
    this.reserved.inc(bytes);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used -= bytes;
      this.inFlight.set(this.used);
    };
  }
}
