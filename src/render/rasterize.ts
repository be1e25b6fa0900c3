/** SVG → PNG on the server (resvg, no browser), for documents that need a bitmap beside the vector image. */
import { Resvg } from '@resvg/resvg-js';

export async function rasterizeSvg(svg: string, width: number): Promise<Buffer> {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(width) },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return Buffer.from(resvg.render().asPng());
}
