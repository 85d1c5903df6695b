import { isE164 } from '../phone';

/**
 * Makes the carrier refuse outbound messages to `to`: the delivery receipt says `not-delivered`
 * with `deliveryCode`, so `receiptRequested: 'error'` and `'all'` both get a receipt.
 */
export interface DeliveryFailureRule {
  /** Destination number (E.164), or `*` for every destination. */
  to: string;
  /** Delivery code of the receipt (reference §1.11, e.g. 720 invalid destination). Default 720. */
  deliveryCode?: number;
  /** Receipt text; by default the reference's description of `deliveryCode`. */
  deliveryDescription?: string;
  /** Fail at most this many deliveries, then stay inert. */
  times?: number;
}

/** What a failed delivery looks like on the message and in its receipt. */
export interface DeliveryFailure {
  deliveryCode: number;
  deliveryDescription: string;
}

/** The reference's delivery codes other than 0 (delivered), with their descriptions. */
export const DELIVERY_FAILURE_CODES: Readonly<Record<number, string>> = Object.freeze({
  187: 'Spam statistical',
  188: 'Spam keyword',
  189: 'Spam',
  482: 'Loop',
  600: 'Carrier queue full',
  610: 'submit_sm/submit_multi failed',
  620: 'Destination app error',
  630: 'NACK',
  650: 'Destination failure',
  700: 'Invalid service type',
  720: 'Invalid destination',
  740: 'Invalid source',
  750: 'Destination rejected',
  751: 'Too large',
  770: 'Rejected as spam',
  775: 'User opt-out',
  902: 'Expired',
  999: 'Unknown',
});

const DEFAULT_CODE = 720;

/** Checks rules from the control API; throws `TypeError` naming the first problem. */
export function validateDeliveryFailures(rules: unknown): DeliveryFailureRule[] {
  if (!Array.isArray(rules)) throw new TypeError('delivery failures must be an array of rules');
  return rules.map((rule, index) => {
    const where = `deliveryFailures[${index}]`;
    if (!rule || typeof rule !== 'object') throw new TypeError(`${where} must be an object`);
    const { to, deliveryCode, deliveryDescription, times } = rule as Record<string, unknown>;
    if (to !== '*' && !isE164(to)) {
      throw new TypeError(`${where}.to must be an E.164 number or "*"`);
    }
    if (
      deliveryCode !== undefined &&
      !(typeof deliveryCode === 'number' && deliveryCode in DELIVERY_FAILURE_CODES)
    ) {
      throw new TypeError(
        `${where}.deliveryCode must be one of ${Object.keys(DELIVERY_FAILURE_CODES).join(', ')}`,
      );
    }
    if (deliveryDescription !== undefined && typeof deliveryDescription !== 'string') {
      throw new TypeError(`${where}.deliveryDescription must be a string`);
    }
    if (times !== undefined && !(Number.isInteger(times) && (times as number) > 0)) {
      throw new TypeError(`${where}.times must be a positive integer`);
    }
    return {
      to,
      ...(deliveryCode !== undefined && { deliveryCode: deliveryCode as number }),
      ...(deliveryDescription !== undefined && { deliveryDescription }),
      ...(times !== undefined && { times: times as number }),
    };
  });
}

/** The delivery-failure rules of one emulator; a reset removes them. */
export class DeliveryFailures {
  #rules: Array<{ rule: DeliveryFailureRule; remaining: number }> = [];

  /** The rules as set, with `times` showing what is left. */
  list(): DeliveryFailureRule[] {
    return this.#rules.map(({ rule, remaining }) =>
      Number.isFinite(remaining) ? { ...rule, times: remaining } : { ...rule },
    );
  }

  /** Replaces every rule. */
  set(rules: DeliveryFailureRule[]): void {
    this.#rules = rules.map((rule) => ({
      rule,
      remaining: rule.times ?? Number.POSITIVE_INFINITY,
    }));
  }

  /** How a delivery to `to` fails, if a rule says it does (using up one of its `times`). */
  take(to: string): DeliveryFailure | undefined {
    const active = this.#rules.find(
      ({ rule, remaining }) => remaining > 0 && (rule.to === '*' || rule.to === to),
    );
    if (!active) return undefined;
    active.remaining -= 1;
    const deliveryCode = active.rule.deliveryCode ?? DEFAULT_CODE;
    return {
      deliveryCode,
      deliveryDescription:
        active.rule.deliveryDescription ?? DELIVERY_FAILURE_CODES[deliveryCode] ?? 'Unknown',
    };
  }
}
