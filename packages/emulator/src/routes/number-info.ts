import { charge, requireCredit } from '../billing';
import type { RoutePlugin } from '../context';
import { apiError } from '../errors';
import { isE164 } from '../phone';
import { hashString } from '../random';

const FIRST_NAMES = ['JOHN', 'MARY', 'JAMES', 'LINDA', 'ROBERT', 'SUSAN', 'DAVID', 'KAREN'];
const LAST_NAMES = ['SMITH', 'JOHNSON', 'WILLIAMS', 'BROWN', 'JONES', 'MILLER', 'DAVIS', 'WILSON'];
/** The first day synthetic CNAM records claim to exist. */
const CNAM_EPOCH = Date.UTC(2013, 0, 1);

/** `GET /phoneNumbers/numberInfo/{number}`: a synthetic CNAM record, stable per number. */
export const numberInfo: RoutePlugin = (app, context) => {
  app.get<{ Params: { number: string } }>(
    '/v1/phoneNumbers/numberInfo/:number',
    async (request) => {
      const user = context.userOf(request);
      const number = request.params.number;
      if (!isE164(number)) {
        throw apiError(
          403,
          'forbidden',
          'invalid-cnam-search',
          `Invalid number formatting: ${number}. Use E.164 formatted numbers`,
        );
      }
      requireCredit(user, 'cnam-search');
      charge(context, user, { productType: 'cnam-search', number });
      const owner = context.store.ownerOf(number);
      const hash = hashString(number);
      const name =
        owner?.phoneNumber.name ??
        `${LAST_NAMES[hash % LAST_NAMES.length]},${FIRST_NAMES[(hash >>> 8) % FIRST_NAMES.length]}`;
      const created = CNAM_EPOCH + (hash % 1000) * 86_400_000;
      return {
        created: new Date(created).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        name,
        number,
        updated: new Date(created + ((hash >>> 4) % 500) * 86_400_000)
          .toISOString()
          .replace(/\.\d{3}Z$/, 'Z'),
      };
    },
  );
};
