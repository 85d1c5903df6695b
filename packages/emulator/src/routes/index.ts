import { consoleRoutes } from '../console/routes.js';
import type { RoutePlugin } from '../context.js';
import { bxmlEngine } from '../voice/bxml-engine.js';
import { account } from './account.js';
import { applications } from './applications.js';
import { availableNumbers } from './available-numbers.js';
import { bridges } from './bridges.js';
import { callMedia } from './call-media.js';
import { calls } from './calls.js';
import { callsControl } from './calls-control.js';
import { conferences } from './conferences.js';
import { domains } from './domains.js';
import { endpoints } from './endpoints.js';
import { media } from './media.js';
import { messages } from './messages.js';
import { messagesControl } from './messages-control.js';
import { numberInfo } from './number-info.js';
import { phoneNumbers } from './phone-numbers.js';
import { recordings } from './recordings.js';
import { userErrors } from './user-errors.js';

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
