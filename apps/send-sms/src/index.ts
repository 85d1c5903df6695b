/** @packageDocumentation Sample app: send "Hello World" and wait for the message's final state. */
export { type SendSmsOptions, type SendSmsResult, sendSms, type WaitMode } from './send-sms';
