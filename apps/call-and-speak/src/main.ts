import { connectTarget, readNumber, runMain } from '@bw/app-kit';
import { callAndSpeak } from './call-and-speak';

// pnpm --filter @bw/app-call-and-speak start — settings in the README.
runMain(async () => {
  const env = process.env;
  const from = env.FROM_NUMBER ?? '+19195551313';
  const to = env.TO_NUMBER ?? '+19195554545';
  const target = await connectTarget({ numbers: [from] });
  try {
    console.log(`call-and-speak → ${target.describe()}`);
    const result = await callAndSpeak({
      voice: target.client('voice'),
      from,
      to,
      sentence: env.SENTENCE,
      callbackServer: {
        host: env.HOST,
        port: readNumber(env, 'PORT', 0),
        publicUrl: env.PUBLIC_URL,
      },
      onEvent: (event) => {
        const detail = 'status' in event && event.status ? ` ${event.status}` : '';
        const cause = event.eventType === 'hangup' && event.cause ? ` ${event.cause}` : '';
        console.log(`  callback: ${event.eventType}${detail}${cause}`);
      },
    });
    console.log(`call id:  ${result.callId}`);
    console.log(
      result.answered
        ? `answered, ${result.spoken ? 'spoke the sentence' : 'hung up before the sentence ended'}, hung up (${result.cause})`
        : `not answered (${result.cause})`,
    );
    if (!result.spoken) process.exitCode = 1;
  } finally {
    await target.close();
  }
});
