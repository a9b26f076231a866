import { describeProxySettings } from './proxy-settings.js';
import { expiryMarginMs } from './refresh.js';
import { formatDuration } from './status.js';

import type { ProbeResult } from './api-probe.js';
import type { DoctorCheck } from './doctor.js';

/** A clock offset above this is worth a warning; above the refresh margin it fails. */
const clockWarningMs = 60_000;

/** Reports the proxy variables, redacted, and whether API requests go through a proxy. */
export function checkProxy(env: NodeJS.ProcessEnv, apiUrl: string): DoctorCheck {
  const settings = describeProxySettings(env, apiUrl);
  const listed = Object.entries(settings.variables).map(([name, value]) => `${name}=${value}`);
  if (settings.invalid.length > 0) {
    return {
      name: 'proxy',
      status: 'fail',
      message: `not a valid http(s) URL: ${settings.invalid.join(', ')} (${listed.join(', ')})`,
      hint: 'Set the proxy variables to URLs such as http://proxy.example:3128.',
    };
  }
  if (listed.length === 0) {
    return { name: 'proxy', status: 'ok', message: 'no proxy variables set; direct connection' };
  }
  const route = settings.proxyFor ? `through ${settings.proxyFor}` : 'directly (NO_PROXY)';
  return { name: 'proxy', status: 'ok', message: `API requests go ${route}; ${listed.join(', ')}` };
}

/** Grades the API's response: any status below 500 shows it is reachable, 429 is a warning. */
export function checkApi(apiUrl: string, probe: ProbeResult): DoctorCheck {
  if (!probe.ok) {
    return {
      name: 'api',
      status: 'fail',
      message: `no response from ${apiUrl} after ${probe.durationMs} ms: ${probe.message}`,
      hint: 'Check the network, the proxy variables and apiUrl (`emjpm config get apiUrl`).',
    };
  }
  const message = `${apiUrl} responded with HTTP ${probe.status} in ${probe.durationMs} ms`;
  if (probe.status === 429) {
    return {
      name: 'api',
      status: 'warn',
      message: `${message} (rate limited)`,
      hint: 'Wait a minute: eMJPM allows 360 requests per minute per IP.',
    };
  }
  if (probe.status >= 500) {
    return { name: 'api', status: 'fail', message, hint: 'eMJPM is failing; try again later.' };
  }
  return { name: 'api', status: 'ok', message };
}

/** Compares the local clock with the `Date` header of the API's response. */
export function checkClock(probe: ProbeResult): DoctorCheck {
  if (!probe.ok) {
    return { name: 'clock', status: 'warn', message: 'not checked: the API did not respond' };
  }
  if (probe.clockOffsetMs === undefined) {
    return { name: 'clock', status: 'warn', message: 'not checked: the API sent no Date header' };
  }
  const message = describeClockOffset(probe.clockOffsetMs);
  const offset = Math.abs(probe.clockOffsetMs);
  if (offset > expiryMarginMs) {
    return {
      name: 'clock',
      status: 'fail',
      message,
      hint: 'Synchronise the clock (NTP): tokens are refreshed 5 minutes before expiry.',
    };
  }
  if (offset > clockWarningMs) {
    return { name: 'clock', status: 'warn', message, hint: 'Synchronise the clock (NTP).' };
  }
  return { name: 'clock', status: 'ok', message };
}

function describeClockOffset(offsetMs: number): string {
  const offsetSeconds = Math.round(offsetMs / 1000);
  if (offsetSeconds === 0) return 'local clock within 1 s of the server (Date header)';
  const direction = offsetSeconds > 0 ? 'behind' : 'ahead of';
  return `local clock ${formatDuration(offsetSeconds)} ${direction} the server (Date header, 1 s resolution)`;
}
