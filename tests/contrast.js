// WCAG contrast ratio of each element matching `sel` against the colour actually behind it.
(sel) => {
  const parse = c => { const v = (c.match(/[\d.]+/g) || ['0', '0', '0', '0']).map(Number); return v.length > 3 ? v : [...v, 1]; };
  const lum = v => { const [r, g, b] = v.slice(0, 3).map(x => x / 255)
      .map(x => x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  // the colour actually behind an element: its backgrounds composited over each other, up to an opaque one
  const background = el => { const layers = [];
      for (; el; el = el.parentElement) { const c = parse(getComputedStyle(el).backgroundColor);
          if (c[3] > 0) layers.push(c); if (c[3] >= 1) break; }
      let out = [255, 255, 255];
      for (const [r, g, b, a] of layers.reverse()) out = [r * a + out[0] * (1 - a), g * a + out[1] * (1 - a), b * a + out[2] * (1 - a)];
      return out; };
  // a translucent text colour (Material greys text with alpha) is seen mixed with what lies behind it
  const text = (c, bg) => c.slice(0, 3).map((x, i) => x * c[3] + bg[i] * (1 - c[3]));
  return [...document.querySelectorAll(sel)].map(el => { const behind = background(el);
      const a = lum(text(parse(getComputedStyle(el).color), behind)), b = lum(behind);
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); });
}
