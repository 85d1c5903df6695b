import type { RoutePlugin } from '../context.js';

/**
 * Every REST and control route plugin, registered in this order. A new resource adds its
 * plugin here.
 */
export const routePlugins: RoutePlugin[] = [];
