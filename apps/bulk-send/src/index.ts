/** @packageDocumentation Sample app: a CSV campaign with `@bw/bulk`, from one process or many. */
export { type BulkSendArgs, readArgs, USAGE } from './args';
export {
  type ApiSettings,
  type CampaignOutcome,
  limitsOf,
  type RunCampaignOptions,
  runCampaign,
} from './bulk-send';
