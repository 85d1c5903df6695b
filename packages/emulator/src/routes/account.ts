import type { RoutePlugin } from '../context';
import { validationError } from '../errors';
import { integerQuery, paginate, queryValue } from '../pagination';
import { formatDollars, renderTransaction, type TransactionRecord } from '../state';

const TRANSACTION_TYPES = new Set(['charge', 'payment', 'credit', 'auto-recharge']);

/** `GET /account` and `GET /account/transactions`. */
export const account: RoutePlugin = (app, context) => {
  app.get('/v1/users/:userId/account', async (request) => {
    const user = context.userOf(request);
    return { balance: formatDollars(user.balanceMicros), accountType: 'pre-pay' };
  });

  app.get('/v1/users/:userId/account/transactions', async (request, reply) => {
    const user = context.userOf(request);
    const query = request.query;
    const fromDate = dateQuery(query, 'fromDate');
    const toDate = dateQuery(query, 'toDate');
    const type = queryValue(query, 'type');
    if (type !== undefined && !TRANSACTION_TYPES.has(type)) {
      throw validationError(
        `The 'transaction' resource property 'type' must be one of the following values: ${[...TRANSACTION_TYPES].join(', ')}`,
      );
    }
    const number = queryValue(query, 'number');
    const maxItems = integerQuery(query, 'maxItems', 'transaction', Number.POSITIVE_INFINITY);
    const matching = [...user.transactions.values()]
      .filter(
        (transaction: TransactionRecord) =>
          (fromDate === undefined || transaction.createdAt > fromDate) &&
          (toDate === undefined || transaction.createdAt < toDate) &&
          (type === undefined || transaction.type === type) &&
          (number === undefined || transaction.number === number),
      )
      .reverse()
      .slice(0, maxItems);
    return paginate(request, reply, matching, context.url, { resource: 'transaction' }).map(
      renderTransaction,
    );
  });
};

function dateQuery(query: unknown, key: string): number | undefined {
  const raw = queryValue(query, key);
  if (raw === undefined || raw === '') return undefined;
  const time = Date.parse(raw);
  if (Number.isNaN(time)) {
    throw validationError(
      `The 'transaction' resource property '${key}' must be a date (yyyy-MM-dd'T'HH:mm:ssZ)`,
    );
  }
  return time;
}
