import { requestsText } from '../../bench/handler';

describe('requestsText', () => {
  test('spells counts the way their targets are spelled, singular for one', () => {
    expect(requestsText(1, 1)).toBe('1 read, 1 write');
    expect(requestsText(1, 0)).toBe('1 read, 0 writes');
    expect(requestsText(2, 3)).toBe('2 reads, 3 writes');
  });
});
