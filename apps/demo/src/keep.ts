import type { DemoServices } from './demo';
import { NUMBERS } from './story';

/** What `--keep` prints: where everything runs and how to poke at it. */
export function printKeepInstructions(
  write: (line: string) => void,
  services: DemoServices,
  speed: number,
): void {
  const { emulator, autoReply, ivr } = services;
  const { userId, apiToken, apiSecret } = emulator.credentials;
  const api = `${emulator.url}/v1/users/${userId}`;
  const control = `${emulator.url}/_emulator`;
  const json = "-H 'content-type: application/json'";
  const lines = [
    '',
    'Everything is still running (--keep). Ctrl+C stops it.',
    '',
    `   emulator API     ${api}/…   (Basic auth: apiToken ${apiToken}, apiSecret ${apiSecret})`,
    `   web console      ${control}/console/   (live timeline, calls, messages, a phone)`,
    `   control API      ${control}/…   (no auth)`,
    `   sms-auto-reply   ${autoReply.incomingMessageUrl}   ← texts to ${NUMBERS.sms}`,
    `   ivr              ${ivr.incomingCallUrl}   ← calls to ${NUMBERS.ivr}`,
    `   speed            ${speed}× ${speed === 1 ? '(real time)' : '(simulated time runs faster than real time)'}`,
    '',
    'Use the SDK against it:',
    `   BANDWIDTH_BASE_URL=${emulator.url} BANDWIDTH_USER_ID=${userId} BANDWIDTH_API_TOKEN=${apiToken} BANDWIDTH_API_SECRET=${apiSecret}`,
    '',
    'Try:',
    `   curl -s -u ${apiToken}:${apiSecret} ${api}/messages`,
    `   curl -s -X POST ${control}/messages/inbound ${json} -d '{"from":"${NUMBERS.bob}","to":"${NUMBERS.sms}","text":"Still there?"}'`,
    `   curl -s -X POST ${control}/calls/inbound ${json} -d '{"from":"${NUMBERS.alice}","to":"${NUMBERS.ivr}"}'`,
    `   curl -s -X POST ${control}/calls/CALL_ID/dtmf ${json} -d '{"digits":"2"}'`,
    `   curl -s '${control}/calls/CALL_ID/trace?type=verb'`,
    `   curl -s '${control}/callbacks'`,
  ];
  for (const line of lines) write(line);
}
