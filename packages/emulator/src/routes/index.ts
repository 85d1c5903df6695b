import { consoleRoutes } from '../console/routes';
import type { RoutePlugin } from '../context';
import { bxmlEngine } from '../voice/bxml-engine';
import { account } from './account';
import { applications } from './applications';
import { availableNumbers } from './available-numbers';
import { bridges } from './bridges';
import { callMedia } from './call-media';
import { calls } from './calls';
import { callsControl } from './calls-control';
import { conferences } from './conferences';
import { domains } from './domains';
import { endpoints } from './endpoints';
import { media } from './media';
import { messages } from './messages';
import { messagesControl } from './messages-control';
import { numberInfo } from './number-info';
import { phoneNumbers } from './phone-numbers';
import { recordings } from './recordings';
import { userErrors } from './user-errors';

/**
 * Every REST and control route plugin, registered in this order. A new resource adds its
 * plugin here.
 */
export const routePlugins: RoutePlugin[] = [
  account,
  applications,
  availableNumbers,
  phoneNumbers,
  domains,
  endpoints,
  userErrors,
  media,
  numberInfo,
  messages,
  messagesControl,
  calls,
  callMedia,
  callsControl,
  // Runs BXML on GET-mode calls when they are answered (no routes of its own).
  bxmlEngine,
  bridges,
  conferences,
  recordings,
  // The web console, its event stream and its call follower.
  consoleRoutes,
];
