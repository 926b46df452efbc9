// Package widgets holds OpsBench's reusable Fyne widgets. They take plain
// data in (numbers and already translated text) and know nothing about
// planning, inventory or the database, so every screen can use them.
//
// Chart draws line and bar series with axes, horizontal reference lines,
// event markers and a legend. It renders at the canvas' pixel size
// (canvas.Raster) with gonum/plot and the bundled Noto Sans SC font, so
// Chinese labels draw on any machine and lines stay crisp on HiDPI
// screens, and it exports the same picture as PNG.
package widgets
