#!/usr/bin/env bash
# Renders the app icon from icon.svg (our own drawing) into what each platform's installer wants:
# icon.png 1024×1024 (Linux, and the window icon), icon.icns (macOS), icon.ico (Windows).
# Needs Debian's librsvg2-bin, icnsutils and imagemagick. Run after editing icon.svg; commit the results.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rsvg-convert -w 1024 -h 1024 icon.svg -o icon.png
for size in 16 32 48 128 256 512; do rsvg-convert -w $size -h $size icon.svg -o "$tmp/$size.png"; done
png2icns icon.icns "$tmp/16.png" "$tmp/32.png" "$tmp/48.png" "$tmp/128.png" "$tmp/256.png" "$tmp/512.png" icon.png >/dev/null
convert "$tmp/16.png" "$tmp/32.png" "$tmp/48.png" "$tmp/256.png" icon.ico
