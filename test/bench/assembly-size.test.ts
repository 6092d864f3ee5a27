import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { assemblySize, filesUnder, lambdaLayersOf, megabytes } from '../../bench/assembly-size';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assembly-size-')); });
afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

function write(rel: string, content: string): string {
  const p = path.join(dir, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
}

describe('filesUnder', () => {
  test('every regular file in every folder with its bytes; symbolic links not followed nor counted', () => {
    write('a.json', '12345');
    write('asset.1/index.js', '123');
    write('assembly-dev/asset.2/deep/x', '1');
    fs.symlinkSync(path.join(dir, 'a.json'), path.join(dir, 'link'));
    fs.symlinkSync(path.join(dir, 'asset.1'), path.join(dir, 'dir-link'));
    const files = filesUnder(dir).map((f) => `${path.relative(dir, f.file)} ${f.bytes}`).sort();
    expect(files).toEqual(['a.json 5', 'assembly-dev/asset.2/deep/x 1', 'asset.1/index.js 3']);
  });
});

describe('assemblySize', () => {
  test('the total, and per named file its byte-for-byte copies (same size, other content not counted)', () => {
    const reference = write('../ref-' + path.basename(dir) + '.zip', 'LAYER');
    try {
      write('asset.aaa.zip', 'LAYER');
      write('assembly-dev/asset.bbb.zip', 'LAYER');
      write('asset.ccc.zip', 'OTHER');
      write('template.json', '{}');
      const size = assemblySize(dir, [{ name: 'layer', file: reference }, { name: 'absent', file: path.join(dir, 'template.json') }]);
      expect(size.total).toBe(5 + 5 + 5 + 2);
      expect(size.named).toEqual([{ name: 'layer', copies: 2, bytes: 10 }, { name: 'absent', copies: 1, bytes: 2 }]);
    } finally {
      fs.rmSync(reference);
    }
  });
});

describe('lambdaLayersOf', () => {
  test('every AWS::Lambda::LayerVersion of the assembly by stack and logical id, and none in a stack without one', () => {
    const app = new App({ outdir: path.join(dir, 'out') });
    const withLayer = new Stack(app, 'WithLayer');
    new lambda.CfnLayerVersion(withLayer, 'Layer', { content: { s3Bucket: 'bucket', s3Key: 'layer.zip' } });
    new Stack(app, 'Without');
    const assembly = new CloudAssembly(app.synth().directory);
    expect(lambdaLayersOf(assembly)).toEqual(['WithLayer Layer']);
  });
});

describe('megabytes', () => {
  test('decimal megabytes to one decimal', () => {
    expect(megabytes(74_149_999)).toBe('74.1 MB');
    expect(megabytes(36_750_000)).toBe('36.8 MB');
    expect(megabytes(0)).toBe('0.0 MB');
  });
});
