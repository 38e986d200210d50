/**
 * The app's line icons as SVG path data for a 16×16 viewBox, drawn with `stroke: currentColor`
 * (see `.icon-btn svg` in styles/controls.css). Plain data rather than a component: table rows
 * draw several each, and a component per icon would slow scrolling.
 */
export const ICON_PATHS = {
  star: 'M8 1.8l1.9 3.9 4.3.6-3.1 3 .7 4.3L8 11.6l-3.8 2 .7-4.3-3.1-3 4.3-.6z',
  close: 'M4 4l8 8 M12 4l-8 8',
  notes: 'M3 2.5h7l3 3v8H3z M5.5 7h5 M5.5 9.5h5 M5.5 12h3',
  clone: 'M5.5 5.5h8v8h-8z M2.5 10.5v-8h8',
  trash: 'M3 4.5h10 M6.5 4.5V3h3v1.5 M4.5 4.5l.7 9h5.6l.7-9',
  pencil: 'M11 2.5l2.5 2.5L6 12.5 3 13l.5-3z',
} as const
