/** An account newly listed in aws-auth `mapAccounts`: every IAM principal of it can authenticate. */
import { Sections } from '../grants';
import { code } from '../markdown';
import type { Rule } from './types';

export const newMappedAccount: Rule = {
  id: 'new-mapped-account',
  severity: 'high',
  description: 'An account id added to aws-auth mapAccounts.',
  check: ({ base, head }) => head.owners.flatMap((o) => {
    const before = base.owners.find((b) => b.owner === o.owner)?.accounts;
    return o.accounts.filter((a) => !before?.includes(a)).map((a) => ({
      label: Sections.awsAuthOwner, id: o.owner, principal: a, grant: `mapAccounts ${a} owner=${o.owner}`,
      message: `account ${code(a)} added to mapAccounts: every IAM principal of it can authenticate`,
    }));
  }),
};
