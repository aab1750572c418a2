import { corsOriginsSetting, trustProxySetting } from '../src/config';

describe('gateway settings', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['1', 1],
    ['2', 2],
    ['loopback, 10.0.0.0/8', 'loopback, 10.0.0.0/8'],
  ])('when TRUST_PROXY is %p, then Express trusts %p', (value, expected) => {
    expect(trustProxySetting.parse(value)).toEqual(expected);
  });

  it('when TRUST_PROXY is true, then the gateway refuses to start (any client could forge X-Forwarded-For)', () => {
    expect(trustProxySetting.safeParse('true').success).toBe(false);
  });

  it('when CORS_ORIGINS lists origins, then they are read; a path or a wildcard is refused', () => {
    expect(corsOriginsSetting.parse(undefined)).toEqual([]);
    expect(corsOriginsSetting.parse(' https://shop.example , http://localhost:5173 ')).toEqual(['https://shop.example', 'http://localhost:5173']);
    expect(corsOriginsSetting.safeParse('*').success).toBe(false);
    expect(corsOriginsSetting.safeParse('https://shop.example/app').success).toBe(false);
  });
});
