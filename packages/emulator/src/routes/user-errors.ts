import type { RoutePlugin } from '../context';
import { notFound } from '../errors';
import { paginate } from '../pagination';

/** The user's error log (failed callbacks …): list newest first, get one. */
export const userErrors: RoutePlugin = (app, context) => {
  app.get('/v1/users/:userId/errors', async (request, reply) => {
    const user = context.userOf(request);
    const newestFirst = [...user.errors.values()].reverse();
    return paginate(request, reply, newestFirst, context.url, { resource: 'error' });
  });

  app.get<{ Params: { errorId: string } }>('/v1/users/:userId/errors/:errorId', async (request) => {
    const user = context.userOf(request);
    const error = user.errors.get(request.params.errorId);
    if (!error) throw notFound('user-error-not-found', 'user error', request.params.errorId);
    return error;
  });
};
