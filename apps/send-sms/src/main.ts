import { connectTarget, readNumber, runMain } from '@bw/app-kit';
import { sendSms } from './send-sms';

// pnpm --filter @bw/app-send-sms start — settings in the README.
runMain(async () => {
  const env = process.env;
  const from = env.FROM_NUMBER ?? '+19195551212';
  const to = env.TO_NUMBER ?? '+19195553434';
  const target = await connectTarget({ numbers: [from] });
  try {
    console.log(`send-sms → ${target.describe()}`);
    const result = await sendSms({
      messaging: target.client('messaging'),
      from,
      to,
      text: env.SMS_TEXT ?? 'Hello World',
      waitFor: env.SEND_SMS_WAIT === 'poll' ? 'poll' : 'callback',
      callbackServer: {
        host: env.HOST,
        port: readNumber(env, 'PORT', 0),
        publicUrl: env.PUBLIC_URL,
      },
      onEvent: (event) => console.log(`  callback: ${event.eventType} ${event.state ?? ''}`),
    });
    console.log(`message id:  ${result.messageId}`);
    console.log(`final state: ${result.state}`);
    if (result.state !== 'sent') process.exitCode = 1;
  } finally {
    await target.close();
  }
});
