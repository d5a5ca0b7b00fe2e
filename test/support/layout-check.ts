import type { Page } from 'playwright-core';

/**
 * The browser's own measurements of a rendered screen (no pixels from screenshots). Run inside the page, it returns
 * one line per problem:
 * - the page wider than the window (document scrollWidth > clientWidth);
 * - clipped text: a visible element with text whose box cuts it (overflow hidden/clip or text-overflow ellipsis) and
 *   whose content is wider than the box;
 * - content spilling out of a drawn box (a border or a background) whose overflow is visible;
 * - a header link or button, or a tab, whose label breaks onto a second line ("Giám / sát"), and tabs or header
 *   controls that wrap into a second row, and a case reference broken at its hyphen;
 * - a pictograph from the emoji planes in the text (an empty box where no emoji font is installed);
 * - an element id used more than once.
 * Each line names the element: tag, classes, test id and the start of its text.
 */
const MEASURE = `(() => {
  const problems = [];
  const de = document.documentElement;
  if (de.scrollWidth > de.clientWidth) problems.push('page is ' + de.scrollWidth + ' px wide in a ' + de.clientWidth + ' px window');
  const name = (el) => {
    const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    const id = el.getAttribute('data-testid');
    const text = (el.innerText || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    return el.tagName.toLowerCase() + cls + (id ? '[data-testid=' + id + ']' : '') + ' "' + text + '"';
  };
  const SKIP = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'OPTION', 'SCRIPT', 'STYLE', 'svg', 'HTML', 'BODY', 'IMG', 'CANVAS']);
  const drawn = (cs) => parseFloat(cs.borderRightWidth) > 0 || (cs.backgroundColor !== 'rgba(0, 0, 0, 0)' && cs.backgroundColor !== 'transparent');
  for (const el of document.querySelectorAll('body *')) {
    if (SKIP.has(el.tagName) || el.closest('svg, .visually-hidden, .recharts-wrapper')) continue;
    if (!el.getClientRects().length || el.clientWidth <= 1) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility !== 'visible' || cs.display === 'inline' || cs.display === 'contents') continue;
    const over = el.scrollWidth - el.clientWidth;
    if (over <= 1 || !(el.innerText || '').trim()) continue;
    const clips = cs.overflowX === 'hidden' || cs.overflowX === 'clip' || cs.textOverflow === 'ellipsis';
    if (clips) problems.push('clipped text: ' + name(el) + ' needs ' + el.scrollWidth + ' px, shows ' + el.clientWidth);
    else if (cs.overflowX === 'visible' && drawn(cs)) problems.push('spills out of its box: ' + name(el) + ' by ' + over + ' px');
  }
  // Labels that must read on one line: the header's links and buttons, and every tab.
  for (const el of document.querySelectorAll('.app-header a, .app-header button, .tab, [role="tab"]')) {
    if (!el.getClientRects().length) continue;
    const tops = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) if (r.width > 0) tops.push(r.top);
    }
    tops.sort((a, b) => a - b);
    if (tops.length && tops[tops.length - 1] - tops[0] > 8) problems.push('label on two lines: ' + name(el));
  }
  // A case reference is one word: "LH-000002", never "LH-" at the end of one line and "000002" on the next.
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = texts.nextNode(); n; n = texts.nextNode()) {
    for (const m of n.data.matchAll(/LH-\\d{6}/g)) {
      const range = document.createRange();
      range.setStart(n, m.index);
      range.setEnd(n, m.index + m[0].length);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      if (rects.length && rects[rects.length - 1].top - rects[0].top > 8) problems.push('reference broken over two lines: ' + name(n.parentElement));
    }
  }
  // Rows that must stay one row: a tab list, the header's links, the header's controls.
  for (const row of document.querySelectorAll('[role="tablist"], .header-nav, .header-right, nav:has(> .tab)')) {
    const boxes = [...row.children].filter((c) => c.getClientRects().length).map((c) => c.getBoundingClientRect());
    const firstRowEnds = Math.min(...boxes.map((b) => b.bottom));
    if (boxes.some((b) => b.top >= firstRowEnds - 1)) problems.push('in two rows: ' + name(row));
  }
  // Pictographs from the emoji planes (🔔, 🔕): a headless browser or an older phone without an emoji font shows a box.
  const emoji = (document.body.innerText.match(/[\u{1F000}-\u{1FAFF}]/gu) || []);
  if (emoji.length) problems.push('pictographs that need an emoji font: ' + [...new Set(emoji)].join(' '));
  const seen = new Map();
  for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) || 0) + 1);
  for (const [id, n] of seen) if (n > 1) problems.push('id "' + id + '" used ' + n + ' times');
  return problems;
})()`;

export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(MEASURE);
}

/** How many elements carry each id used more than once. */
export function duplicateIds(page: Page): Promise<Record<string, number>> {
  return page.evaluate<Record<string, number>>(`(() => {
    const n = {};
    for (const el of document.querySelectorAll('[id]')) n[el.id] = (n[el.id] || 0) + 1;
    return Object.fromEntries(Object.entries(n).filter(([, c]) => c > 1));
  })()`);
}
