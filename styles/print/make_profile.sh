#!/usr/bin/env bash
# How FOGRA39L-coated.icc was made: an ICC output profile for offset printing
# on coated paper (ISO 12647-2:2004/Amd 1, FOGRA39), computed by ArgyllCMS's
# colprof from the FOGRA39L characterization data of ICC Profiles Free.
# Run on Debian 12 from this folder; the profile records when it was made, so
# a new run gives other bytes (and a new PDF): commit the result.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
apt-get install -y -q --no-install-recommends argyll  # colprof (AGPL; only the tool)
(cd "$work" && apt-get download icc-profiles-free)    # 2.0.1+dfsg-1.1: FOGRA39L.ti3, Zlib
dpkg -x "$work"/icc-profiles-free_*.deb "$work/x"
cp "$work/x/usr/share/color/icc/FOGRA39L.ti3" "$work/"
# -nc: without the 1,617 measurements inside (126 KB); -ql -bl: small tables
# (28 KB in all), within 0.7 ΔE of the medium ones for the colours a report uses.
colprof -nc -ql -bl -kr -M "FOGRA39" \
  -D "Coated FOGRA39 (ISO 12647-2:2004), made for report_pdf from FOGRA39L.ti3" \
  -C "Zlib licence; data: FOGRA39L.ti3 of ICC Profiles Free (Kai-Uwe Behrmann)" \
  -O "$PWD/FOGRA39L-coated.icc" "$work/FOGRA39L"
