/** Measuring text in the browser (kept apart from chart-axes.ts, whose arithmetic the unit tests run in Node). */

let canvas: HTMLCanvasElement | null = null;
/** The width in px of a text in the charts' 12 px type (the page's own font), measured by the browser. */
export function textWidth(text: string, fontSize = 12): number {
  canvas ??= document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) return text.length * fontSize * 0.6;
  ctx.font = `${fontSize}px ${getComputedStyle(document.body).fontFamily}`;
  return ctx.measureText(text).width;
}
