import { encodeGrayPng, type DatasetName } from '@fashion-lab/data';
import { testSet } from '../../../../lib/test-set';

/**
 * GET /api/test-images/<index>?dataset=mnist|fashion-mnist: test image `index` as a 28x28 PNG,
 * the map's hover sprite. The test set never changes, so browsers may keep it.
 */
export async function GET(request: Request, context: { params: Promise<{ index: string }> }) {
  const { index } = await context.params;
  const dataset: DatasetName =
    new URL(request.url).searchParams.get('dataset') === 'mnist' ? 'mnist' : 'fashion-mnist';
  const i = /^\d{1,5}$/.test(index) ? Number(index) : -1;
  try {
    const { pixels } = await testSet(dataset);
    if (i < 0 || (i + 1) * 784 > pixels.length) {
      return new Response(`No test image ${index}.`, { status: 404 });
    }
    const png = encodeGrayPng(28, 28, pixels.subarray(i * 784, (i + 1) * 784));
    return new Response(new Uint8Array(png), {
      headers: { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=86400' },
    });
  } catch (error) {
    return new Response(error instanceof Error ? error.message : String(error), { status: 500 });
  }
}
