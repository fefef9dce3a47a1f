// notes.js - marks drawn on a chart or a plot: a note (a ringed point and a
// label in a white box, placed to stay inside the plot area) and the ✕ of a
// run that diverged. Shared by the Chart.js charts and the canvas plots.
export const FONT = '600 12px system-ui, sans-serif';
const INK = '#1b1f24';

// The ✕ at (x, y) in colour, on a white casing.
export function drawCross(g, x, y, colour) {
  g.save();
  g.lineCap = 'round';
  for (const [c, w] of [['#fff', 5], [colour, 2.5]]) {
    g.strokeStyle = c;
    g.lineWidth = w;
    g.beginPath();
    g.moveTo(x - 5, y - 5);
    g.lineTo(x + 5, y + 5);
    g.moveTo(x + 5, y - 5);
    g.lineTo(x - 5, y + 5);
    g.stroke();
  }
  g.restore();
}

// A note at (x, y) (CSS pixels): a ring, a leader and the text in a box,
// placed beside the point where it fits inside area ({left, right, top,
// bottom}) and overlaps no box in `placed` (then added to it). Returns the
// label's box { x, y, w, h } and the point { px, py }.
export function drawNote(g, area, x, y, text, colour = INK, placed = []) {
  g.save();
  g.font = FONT;
  const w = g.measureText(text).width + 10, h = 18;
  const fits = (b) => b.x >= area.left && b.x + w <= area.right && b.y >= area.top && b.y + h <= area.bottom;
  const free = (b) => placed.every((o) => b.x + w <= o.x || o.x + o.w <= b.x || b.y + h <= o.y || o.y + o.h <= b.y);
  const spots = [[10, -12 - h], [-10 - w, -12 - h], [10, 12], [-10 - w, 12], [10, -12 - 2 * h], [-10 - w, 12 + h], [10, 12 + h], [-10 - w, -12 - 2 * h]]
    .map(([dx, dy]) => ({ x: x + dx, y: y + dy }));
  const clamp = (b) => ({ x: Math.min(Math.max(b.x, area.left + 1), area.right - w - 1), y: Math.min(Math.max(b.y, area.top + 1), area.bottom - h - 1) });
  const box = spots.find((b) => fits(b) && free(b)) ?? spots.map(clamp).find(free) ?? clamp(spots[0]);
  placed.push({ ...box, w, h });
  g.strokeStyle = colour;
  g.lineWidth = 2;
  g.beginPath();
  g.arc(x, y, 6, 0, 2 * Math.PI);
  g.stroke();
  g.strokeStyle = 'rgba(27,31,36,.6)';
  g.lineWidth = 1;
  g.beginPath();
  g.moveTo(x, y);
  g.lineTo(Math.min(Math.max(x, box.x), box.x + w), Math.min(Math.max(y, box.y), box.y + h));
  g.stroke();
  g.fillStyle = 'rgba(255,255,255,.94)';
  g.strokeStyle = colour;
  g.fillRect(box.x, box.y, w, h);
  g.strokeRect(box.x + 0.5, box.y + 0.5, w - 1, h - 1);
  g.fillStyle = INK;
  g.textAlign = 'left';
  g.textBaseline = 'middle';
  g.fillText(text, box.x + 5, box.y + h / 2 + 0.5);
  g.restore();
  return { x: box.x, y: box.y, w, h, px: x, py: y };
}
