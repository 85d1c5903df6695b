import { requireCredit } from '../billing';
import type { RoutePlugin } from '../context';
import { apiError } from '../errors';
import { absoluteUrl, userPath } from '../location';
import { numberProduct, provisionNumber } from '../numbers/provision';
import { findAvailableNumbers, type NumberKind, parseNumberSearch } from '../numbers/synthetic';

/**
 * `GET /availableNumbers/{local|tollFree}` (search) and `POST` (search and order). No user
 * segment: an order goes to the authenticated user.
 */
export const availableNumbers: RoutePlugin = (app, context) => {
  const kinds: Array<[string, NumberKind]> = [
    ['local', 'local'],
    ['tollFree', 'tollFree'],
  ];
  for (const [segment, kind] of kinds) {
    app.get(`/v1/availableNumbers/${segment}`, async (request) => {
      context.userOf(request);
      return findAvailableNumbers(context, parseNumberSearch(request.query, kind, false));
    });

    app.post(`/v1/availableNumbers/${segment}`, async (request, reply) => {
      const user = context.userOf(request);
      const search = parseNumberSearch(request.query, kind, true);
      const numbers = findAvailableNumbers(context, search);
      if (numbers.length < search.quantity) {
        throw apiError(
          404,
          'not-found',
          'order-number-quantity-unavailable',
          'Only a partial quantity of the total telephone numbers ordered could be fulfilled.',
        );
      }
      // The whole order is paid for, or none of it is made.
      requireCredit(user, numberProduct(numbers[0]?.number ?? ''), numbers.length);
      const ordered = numbers.map((available) => {
        const record = provisionNumber(context, user, available.number);
        return {
          number: record.number,
          nationalNumber: record.nationalNumber,
          price: record.price,
          location: absoluteUrl(context, userPath(user.userId, 'phoneNumbers', record.id)),
        };
      });
      return reply.status(201).send(ordered);
    });
  }
};
