import { describe, expect, it } from 'vitest';
import { emulator, json, OWNED } from './helpers';

describe('errors (the user error log)', () => {
  it('lists entries newest first and gets one; unknown ids are 404 user-error-not-found', async () => {
    const emu = await emulator();
    // An inbound message to a number without an application is logged as an error.
    await emu.control.inboundMessage({ from: '+14045550100', to: OWNED, text: 'one' });
    await emu.control.inboundMessage({ from: '+14045550101', to: OWNED, text: 'two' });
    const list = await json<
      Array<{
        id: string;
        code: string;
        category: string;
        message: string;
        details: Array<{ id: string; name: string; value: string }>;
      }>
    >(await emu.api('GET', `${emu.base}/errors`));
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({
      category: 'unavailable',
      code: 'no-application-for-number',
      message: `No application is configured for number ${OWNED}`,
    });
    const first = list[0] as (typeof list)[number];
    expect(first.id).toMatch(/^ue-/);
    expect(first.details[0]).toMatchObject({ name: 'number', value: OWNED });
    expect(first.details[0]?.id).toBeTruthy();
    expect(await json(await emu.api('GET', `${emu.base}/errors/${first.id}`))).toEqual(first);
    const paged = await emu.api('GET', `${emu.base}/errors?size=1`);
    expect(await json<unknown[]>(paged)).toHaveLength(1);
    expect(paged.headers.get('link')).toContain('rel="next"');
    const missing = await emu.api('GET', `${emu.base}/errors/ue-nope`);
    expect(missing.status).toBe(404);
    expect(await json(missing)).toMatchObject({ code: 'user-error-not-found' });
  });
});
