import { connectTarget, readNumber, routeNumber, runMain, untilStopped } from '@bw/app-kit';
import { createIvrApp } from './ivr';

// pnpm --filter @bw/app-ivr start — settings in the README.
runMain(async () => {
  const env = process.env;
  const number = env.IVR_NUMBER ?? '+19195551414';
  const target = await connectTarget({ numbers: [number] });
  const app = await createIvrApp({
    salesNumber: env.SALES_NUMBER ?? '+19195550199',
    salesRingSeconds: readNumber(env, 'SALES_RING_SECONDS', 20),
    server: { host: env.HOST, port: readNumber(env, 'PORT', 0), publicUrl: env.PUBLIC_URL },
    onChoice: (callId, choice) => console.log(`${callId}: caller chose ${choice}`),
    onVoicemail: (voicemail) =>
      console.log(
        `${voicemail.callId}: voicemail ${voicemail.recordingId} from ${voicemail.from ?? 'unknown'}`,
      ),
    logger: console,
  });
  try {
    const applicationId = await routeNumber(target.client('account'), {
      number,
      name: 'ivr',
      incomingCallUrl: app.incomingCallUrl,
      callbackHttpMethod: 'GET',
    });
    console.log(`ivr listening on ${app.url} → ${target.describe()}`);
    console.log(`calls to ${number} now reach it (application ${applicationId})`);
    if (target.emulator) {
      const control = `${target.emulator.url}/_emulator`;
      const json = "-H 'content-type: application/json'";
      console.log('\nCall it through the emulator, press 2, then read what ran:');
      console.log(
        `  curl -s -X POST ${control}/calls/inbound ${json} -d '{"from":"+14045550100","to":"${number}"}'`,
      );
      console.log(`  curl -s -X POST ${control}/calls/CALL_ID/dtmf ${json} -d '{"digits":"2"}'`);
      console.log(`  curl -s '${control}/calls/CALL_ID/trace?type=verb'`);
    }
    console.log('\nCtrl+C stops it.');
    await untilStopped();
  } finally {
    await app.close();
    await target.close();
  }
});
