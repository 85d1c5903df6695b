import { describe, expect, it } from 'vitest';
import { EmulatorControlError } from '../src/index';
import {
  emulator,
  idFrom,
  json,
  OWNED,
  OWNED_2,
  receiver,
  STRANGER,
  type TestEmulator,
} from './helpers';

const OTHER = '+14045550199';

interface Message {
  state: string;
  deliveryState?: string;
  deliveryCode?: number;
  deliveryDescription?: string;
}

/** The message `id` as the API shows it now. */
const readMessage = (emu: TestEmulator, id: string) =>
  emu.api('GET', `${emu.base}/messages/${id}`).then((response) => json<Message>(response));

describe('delivery failures', () => {
  it('a failing destination gets a not-delivered receipt for receiptRequested "error"; others get none', async () => {
    const emu = await emulator();
    const hook = await receiver();
    await emu.control.setDeliveryFailures([{ to: STRANGER, deliveryCode: 775 }]);
    const send = async (to: string, path: string) =>
      idFrom(
        await emu.api('POST', `${emu.base}/messages`, {
          from: OWNED,
          to,
          text: 'hi',
          callbackUrl: `${hook.url}${path}`,
          receiptRequested: 'error',
        }),
      );
    const failed = await send(STRANGER, '/failed');
    const delivered = await send(OTHER, '/delivered');

    const receipt = await hook.next((request) => request.json().deliveryState === 'not-delivered');
    expect(receipt.path).toBe('/failed');
    expect(receipt.json()).toMatchObject({
      eventType: 'sms',
      messageId: failed,
      state: 'sent',
      deliveryState: 'not-delivered',
      deliveryCode: 775,
      deliveryDescription: 'User opt-out',
    });
    expect(await readMessage(emu, failed)).toMatchObject({
      state: 'sent',
      deliveryState: 'not-delivered',
      deliveryCode: 775,
    });

    // The successful delivery is recorded on the message, with no receipt for "error".
    await expect
      .poll(async () => (await readMessage(emu, delivered)).deliveryState)
      .toBe('delivered');
    // Its events were queued when its state changed; give a wrong receipt time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const toDelivered = hook.requests.filter((request) => request.path === '/delivered');
    expect(toDelivered.map((request) => request.json().deliveryState)).toEqual([
      'waiting',
      'waiting',
    ]);
  });

  it('"*" fails every destination, `times` limits a rule, and the default code is 720', async () => {
    const emu = await emulator();
    const hook = await receiver();
    await emu.control.setDeliveryFailures([{ to: '*', times: 1 }]);
    expect(await json(await fetch(`${emu.url}/_emulator/messages/delivery-failures`))).toEqual([
      { to: '*', times: 1 },
    ]);
    for (const text of ['first', 'second']) {
      await emu.api('POST', `${emu.base}/messages`, {
        from: OWNED,
        to: STRANGER,
        text,
        callbackUrl: `${hook.url}/${text}`,
        receiptRequested: 'all',
      });
    }
    const first = await hook.next(
      (request) => request.path === '/first' && request.json().deliveryState !== 'waiting',
    );
    const second = await hook.next(
      (request) => request.path === '/second' && request.json().deliveryState !== 'waiting',
    );
    expect(first.json()).toMatchObject({
      deliveryState: 'not-delivered',
      deliveryCode: 720,
      deliveryDescription: 'Invalid destination',
    });
    expect(second.json()).toMatchObject({ deliveryState: 'delivered', deliveryCode: 0 });
    expect(await json(await fetch(`${emu.url}/_emulator/messages/delivery-failures`))).toEqual([
      { to: '*', times: 0 },
    ]);
  });

  it('a receipt is tracked only when requested, and a custom description is kept', async () => {
    const emu = await emulator();
    await emu.control.setDeliveryFailures([
      { to: OWNED_2, deliveryCode: 999, deliveryDescription: 'Handset unreachable', times: 1 },
    ]);
    const untracked = idFrom(
      await emu.api('POST', `${emu.base}/messages`, { from: OWNED, to: OWNED_2, text: 'a' }),
    );
    const tracked = idFrom(
      await emu.api('POST', `${emu.base}/messages`, {
        from: OWNED,
        to: OWNED_2,
        text: 'b',
        receiptRequested: 'all',
      }),
    );
    await expect
      .poll(async () => (await readMessage(emu, tracked)).deliveryDescription)
      .toBe('Handset unreachable');
    const plain = await readMessage(emu, untracked);
    expect(plain.state).toBe('sent');
    expect(plain.deliveryState).toBeUndefined();
  });

  it('reset and clearDeliveryFailures remove the rules', async () => {
    const emu = await emulator();
    const rules = () => fetch(`${emu.url}/_emulator/messages/delivery-failures`).then(json);
    await emu.control.setDeliveryFailures([{ to: STRANGER }]);
    expect(await rules()).toEqual([{ to: STRANGER }]);
    await emu.control.reset();
    expect(await rules()).toEqual([]);
    await emu.control.setDeliveryFailures([{ to: STRANGER }]);
    await emu.control.clearDeliveryFailures();
    expect(await rules()).toEqual([]);
  });

  it.each([
    [{ to: 'nobody' }, 'deliveryFailures[0].to must be an E.164 number or "*"'],
    [{ to: STRANGER, deliveryCode: 0 }, 'deliveryFailures[0].deliveryCode must be one of 187'],
    [{ to: STRANGER, times: 0 }, 'deliveryFailures[0].times must be a positive integer'],
    [{ to: STRANGER, deliveryDescription: 5 }, 'deliveryFailures[0].deliveryDescription must be'],
  ])('refuses %j with a 400 validation error', async (rule, message) => {
    const emu = await emulator();
    const error = await emu.control.setDeliveryFailures([rule as never]).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(EmulatorControlError);
    expect(error).toMatchObject({ status: 400, code: 'validation-error' });
    expect((error as Error).message).toContain(message);
    const body = await fetch(`${emu.url}/_emulator/messages/delivery-failures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ notRules: true }),
    });
    expect(body.status).toBe(400);
    expect(await body.json()).toMatchObject({
      category: 'bad-request',
      code: 'validation-error',
      message: 'delivery failures must be an array of rules',
    });
  });
});
