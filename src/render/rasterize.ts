/** SVG → PNG on the server (resvg, no browser), for documents that need a bitmap beside the vector image. */
export async function rasterizeSvg(svg: string, width: number): Promise<Buffer> {
  // The native renderer is loaded with the first document that needs it, not at every start.
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(width) },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return Buffer.from(resvg.render().asPng());
}
