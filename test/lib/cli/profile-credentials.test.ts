import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { profileCredentials } from '../../../lib/cli/profile-credentials';

const VARIABLES = ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_EC2_METADATA_DISABLED'];
let dir: string;
const saved: Record<string, string | undefined> = {};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-profile-'));
  for (const v of VARIABLES) {
    saved[v] = process.env[v];
    delete process.env[v];
  }
  fs.writeFileSync(path.join(dir, 'credentials'), '[default]\naws_access_key_id = AKIDDEFAULT000000001\naws_secret_access_key = default-secret\n\n'
    + '[ops]\naws_access_key_id = AKIDOPS0000000000001\naws_secret_access_key = ops-secret\naws_session_token = ops-token\n');
  fs.writeFileSync(path.join(dir, 'config'), '');
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
  process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
  // No instance metadata lookup when the chain runs out (it would wait on the network).
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
});

afterAll(() => {
  for (const v of VARIABLES) {
    if (saved[v] === undefined) delete process.env[v];
    else process.env[v] = saved[v];
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the named profile, not the default one', async () => {
  await expect(profileCredentials('eu-west-1', 'ops')()).resolves.toEqual({ accessKeyId: 'AKIDOPS0000000000001', secretAccessKey: 'ops-secret', sessionToken: 'ops-token' });
});

test('a profile that does not exist: the SDK\'s CredentialsProviderError (explained by lib/cli/explain-error.ts)', async () => {
  await expect(profileCredentials('eu-west-1', 'nobody')()).rejects.toMatchObject({ name: 'CredentialsProviderError' });
});
