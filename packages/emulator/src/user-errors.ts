import type { EmulatorContext } from './context';
import type { ErrorDetail } from './errors';
import { ID_PREFIXES, type IdGenerator } from './ids';
import { redactUrlPasswords } from './redaction';
import type { UserErrorRecord, UserState } from './state';

/** What goes into a user's error log entry. */
export interface UserErrorInput {
  category: string;
  code: string;
  message: string;
  details?: ErrorDetail[];
}

/** Appends an entry to the user's error log (`GET /errors`); URL passwords are redacted. */
export function appendUserError(
  ids: IdGenerator,
  user: UserState,
  input: UserErrorInput,
): UserErrorRecord {
  const record: UserErrorRecord = {
    id: ids.next(ID_PREFIXES.error),
    time: new Date().toISOString(),
    category: input.category,
    code: input.code,
    message: redactUrlPasswords(input.message),
    details: (input.details ?? []).map((detail) => ({
      id: ids.next('ued-'),
      name: detail.name,
      value: redactUrlPasswords(detail.value),
    })),
  };
  user.errors.set(record.id, record);
  return record;
}

/** {@link appendUserError} through the context. */
export function logUserError(
  context: EmulatorContext,
  user: UserState,
  input: UserErrorInput,
): UserErrorRecord {
  return appendUserError(context.ids, user, input);
}
