import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../../src/store/formats/format-error.js';
import { lapsFromMarkers } from '../../../../src/store/formats/laps.js';
import { encodeLdx, readLdx } from '../../../../src/store/formats/motec/ldx.js';

describe('MoTeC .ldx', () => {
  it('reads converter-style markers out of order, with unknown elements, and de-duplicates them', () => {
    const xml = `<?xml version="1.0"?><LDXFile Locale="German_Germany.1252" Version="1.6"><Layers><Layer><Unknown a="1"/>
      <MarkerBlock><MarkerGroup Name="Other"><Marker Time="5e6"/></MarkerGroup>
      <MarkerGroup Name='Beacons' Index="3"><Marker Name="Manual.2" Flags="77" Time="90000000"/>
      <Marker Name="Manual.1" Flags="77" Time="30000000.0"/><Marker Time="3.0e7"/><Marker Time="oops"/></MarkerGroup></MarkerBlock></Layer>
      <Details><String Id="Note &amp; &quot;x&quot;" Value="a&lt;b"/></Details></Layers></LDXFile>`;
    const ldx = readLdx(xml);
    expect(ldx.markers).toEqual([30, 90]);
    expect(ldx.details).toEqual({ 'Note & "x"': 'a<b' });
    expect(ldx.warnings).toEqual(["lap marker with unreadable time 'oops' ignored"]);
  });

  it('tolerates an empty or missing Beacons group (a hotlap-only export)', () => {
    expect(readLdx('<LDXFile><Layers><Layer><MarkerBlock><MarkerGroup Name="Beacons"/></MarkerBlock></Layer></Layers></LDXFile>').markers).toEqual([]);
    const none = readLdx('<LDXFile Version="1.6"/>');
    expect(none.markers).toEqual([]);
    expect(none.warnings).toEqual(['no Beacons marker group: no lap markers']);
  });

  it('refuses a document that is not an LDX file', () => {
    expect(() => readLdx('<html><body>hi</body></html>', 'x.ldx')).toThrow(new FormatError('not a MoTeC .ldx file (no <LDXFile> element)', 'x.ldx'));
  });

  it('writes i2-style %.17e microsecond times that read back exactly', () => {
    const xml = encodeLdx([53.619, 1.5, 200.25, 1.5]);
    expect(xml).toContain('Time="1.50000000000000000e+06"');
    expect(xml).toContain('Time="5.36190000000000000e+07"');
    expect(readLdx(xml).markers).toEqual([1.5, 53.619, 200.25]);
    expect(readLdx(xml).details).toEqual({ 'Total Laps': '4', 'Fastest Time': '0:52.119', 'Fastest Lap': '1' });
  });

  it('turns markers into out lap, timed laps and a final incomplete lap (ACC semantics)', () => {
    const { laps } = lapsFromMarkers([169.152, 282.056, 335.675, 447.604], 0, 500);
    expect(laps.map((l) => [l.number, l.category, +l.time.toFixed(3), l.valid])).toEqual([
      [0, 'out', 169.152, false],
      [1, 'flying', 112.904, true],
      [2, 'flying', 53.619, true],
      [3, 'flying', 111.929, true],
      [4, 'incomplete', 52.396, false],
    ]);
    // A marker at the first sample: the log starts on the line, so there is no out lap.
    expect(lapsFromMarkers([0, 60], 0, 60.01).laps.map((l) => [l.number, l.category])).toEqual([[1, 'flying']]);
  });
});
