import { connectTarget, readNumber, routeNumber, runMain, untilStopped } from '@bw/app-kit';
import { createAutoReplyApp } from './auto-reply';

// pnpm --filter @bw/app-sms-auto-reply start — settings in the README.
runMain(async () => {
  const env = process.env;
  const number = env.SMS_NUMBER ?? '+19195551212';
  const target = await connectTarget({ numbers: [number] });
  const app = await createAutoReplyApp({
    messaging: target.client('messaging'),
    server: { host: env.HOST, port: readNumber(env, 'PORT', 0), publicUrl: env.PUBLIC_URL },
    onReply: ({ inbound, replyId, text }) =>
      console.log(`${inbound.from} said "${inbound.text ?? ''}" → reply ${replyId}: "${text}"`),
    logger: console,
  });
  try {
    const applicationId = await routeNumber(target.client('account'), {
      number,
      name: 'sms-auto-reply',
      incomingMessageUrl: app.incomingMessageUrl,
    });
    console.log(`sms-auto-reply listening on ${app.url} → ${target.describe()}`);
    console.log(`texts to ${number} now reach it (application ${applicationId})`);
    if (target.emulator) {
      console.log('\nSend it a text through the emulator:');
      console.log(
        `  curl -s -X POST ${target.emulator.url}/_emulator/messages/inbound -H 'content-type: application/json' -d '{"from":"+14045550100","to":"${number}","text":"Hi there"}'`,
      );
    }
    console.log('\nCtrl+C stops it.');
    await untilStopped();
  } finally {
    await app.close();
    await target.close();
  }
});
