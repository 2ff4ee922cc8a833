const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

export const count = n => integer.format(n);
export const rate = n => (n === 0 ? '0' : decimal.format(n)) + '/s';

export function age(millis) {
  if (millis === null || millis === undefined || millis < 0) return '—';
  const s = Math.floor(millis / 1000);
  if (s < 60) return s + ' s';
  if (s < 3600) return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
  if (s < 86400) return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
  return Math.floor(s / 86400) + ' d ' + Math.floor((s % 86400) / 3600) + ' h';
}

export const time = millis => (millis > 0 ? new Date(millis).toLocaleString() : '—');
export const clock = millis => new Date(millis).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function bytes(n) {
  if (n < 1024) return n + ' B';
  if (n < 1024 * 1024) return decimal.format(n / 1024) + ' KiB';
  return decimal.format(n / 1024 / 1024) + ' MiB';
}

export const enc = encodeURIComponent;

/** A short duration to a tenth of a second (leases last seconds); longer ones as age(). */
export function duration(millis) {
  if (millis === null || millis === undefined || millis < 0) return '—';
  return millis < 60000 ? decimal.format(millis / 1000) + ' s' : age(millis);
}
