/** @packageDocumentation Sample app: a message callback server that answers every inbound text. */
export {
  type AutoReply,
  type AutoReplyApp,
  type AutoReplyAppOptions,
  createAutoReplyApp,
  defaultReply,
} from './auto-reply';
