import { ValidationError } from '@bw/messaging';
import type { SendWindow } from './types';

const DAY_SECONDS = 24 * 60 * 60;

/** `HH:MM[:SS]` → seconds of the day; `ValidationError` otherwise. */
export function secondsOfClock(value: string, where: string): number {
  const match = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  const [hours, minutes, seconds] = [match?.[1], match?.[2], match?.[3] ?? '0'].map(Number);
  if (
    !match ||
    hours === undefined ||
    hours > 23 ||
    (minutes as number) > 59 ||
    (seconds as number) > 59
  ) {
    throw new ValidationError(
      `${where} must be HH:MM or HH:MM:SS (24 h), got ${JSON.stringify(value)}`,
    );
  }
  return (hours as number) * 3600 + (minutes as number) * 60 + (seconds as number);
}

/** A checked send window: seconds of the day and a formatter for its time zone. */
export interface CompiledWindow {
  start: number;
  end: number;
  secondsAt(time: number): number;
}

/** Checks a window (throws `ValidationError`) and prepares it. */
export function compileWindow(window: SendWindow): CompiledWindow {
  const start = secondsOfClock(window.start, 'sendWindow.start');
  const end = secondsOfClock(window.end, 'sendWindow.end');
  if (start === end) throw new ValidationError('sendWindow.start and sendWindow.end must differ');
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: window.timeZone ?? 'UTC',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
  } catch {
    throw new ValidationError(
      `sendWindow.timeZone ${JSON.stringify(window.timeZone)} is not a time zone`,
    );
  }
  return {
    start,
    end,
    secondsAt(time) {
      const parts = format.formatToParts(time);
      const part = (type: string) => Number(parts.find((item) => item.type === type)?.value ?? 0);
      return part('hour') * 3600 + part('minute') * 60 + part('second');
    },
  };
}

/** `time` when it is inside the window, else the next time the window opens (epoch ms). */
export function nextOpening(window: CompiledWindow, time: number): number {
  const now = window.secondsAt(time);
  const inside =
    window.start < window.end
      ? now >= window.start && now < window.end
      : now >= window.start || now < window.end;
  if (inside) return time;
  const wait = (window.start - now + DAY_SECONDS) % DAY_SECONDS;
  // Whole seconds: land on the opening second itself, not a fraction before it.
  return time - (time % 1000) + wait * 1000;
}
