import { h, s } from './dom.js';
import { clock } from './format.js';

// A small line chart in inline SVG: no library, nothing to download (docs/dependencies.md).
// series: [{ label, color, values: [number] }] over the shared times.
export function lineChart(title, times, series, unit = '') {
  const W = 600, H = 190, left = 46, right = 10, top = 10, bottom = 22;
  const max = 4 * niceStep(Math.max(1, ...series.flatMap(x => x.values)) / 4);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', role: 'img', 'aria-label': title });
  const x = i => left + (times.length < 2 ? 0 : (i * (W - left - right)) / (times.length - 1));
  const y = v => top + (H - top - bottom) * (1 - v / max);
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    svg.append(s('line', { x1: left, x2: W - right, y1: y(v), y2: y(v), class: 'axis' }));
    svg.append(s('text', { x: left - 6, y: y(v) + 3, 'text-anchor': 'end', class: 'tick' }, short(v) + unit));
  }
  if (times.length > 1) {
    for (const i of [0, Math.floor((times.length - 1) / 2), times.length - 1]) {
      svg.append(s('text', { x: x(i), y: H - 6, 'text-anchor': i === 0 ? 'start' : i === times.length - 1 ? 'end' : 'middle', class: 'tick' }, clock(times[i])));
    }
  }
  for (const line of series) {
    if (line.values.length === 0) continue;
    const points = line.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    if (line.fill) {
      svg.append(s('polygon', { points: `${x(0)},${y(0)} ${points} ${x(line.values.length - 1)},${y(0)}`, fill: line.color, 'fill-opacity': 0.12 }));
    }
    svg.append(s('polyline', { points, fill: 'none', stroke: line.color, 'stroke-width': 2, 'vector-effect': 'non-scaling-stroke', 'stroke-linejoin': 'round' }));
  }
  const legend = h('div', { class: 'legend' }, series.map(line => {
    const swatch = h('span', { class: 'swatch' });
    swatch.style.background = line.color;
    return h('span', {}, swatch, line.label);
  }));
  const empty = times.length < 2 ? h('div', { class: 'muted', 'data-testid': 'chart-collecting' }, 'Collecting data: a point every few seconds…') : null;
  return h('div', { class: 'chart', 'data-testid': 'chart' }, h('h3', {}, title), svg, legend, empty);
}

// The grid has four steps of 1, 2 or 5 times a power of ten.
function niceStep(v) {
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 5]) if (m * p >= v) return m * p;
  return 10 * p;
}

function short(v) {
  if (v >= 1e6) return (v / 1e6).toFixed(1).replace(/\.0$/, '') + 'M';
  if (v >= 1e3) return (v / 1e3).toFixed(1).replace(/\.0$/, '') + 'k';
  return String(Number(v.toFixed(2)));
}

/** The two charts every page shows: depth, and messages in and out per second. */
export function historyCharts(history) {
  const points = history.points;
  const times = points.map(p => p.time);
  return h('div', { class: 'grid two' },
    h('div', { class: 'panel' }, lineChart('Depth', times, [
      { label: 'waiting', color: '#2f6f9f', fill: true, values: points.map(p => p.depth) },
      { label: 'in flight', color: '#b7791f', values: points.map(p => p.inFlight) }])),
    h('div', { class: 'panel' }, lineChart('Throughput', times, [
      { label: 'enqueued', color: '#23865a', values: points.map(p => p.enqueuedPerSecond) },
      { label: 'dequeued', color: '#2f6f9f', values: points.map(p => p.dequeuedPerSecond) },
      { label: 'dead-lettered', color: '#c0392b', values: points.map(p => p.deadLetteredPerSecond) }], '/s')));
}
