import { strictEnvironmentSubstitution } from './strictEnvironmentSubstitution';

describe('strictEnvironmentSubstitution', () => {
  it('returns the trimmed value of a set variable', async () => {
    const substitute = strictEnvironmentSubstitution({ POSTGRES_HOST: ' db ' });
    await expect(substitute('POSTGRES_HOST')).resolves.toBe('db');
  });

  it('stops with a message naming an unset variable', async () => {
    const substitute = strictEnvironmentSubstitution({});
    await expect(substitute('POSTGRES_HOST')).rejects.toThrow(
      'Environment variable POSTGRES_HOST is not set, but the configuration requires it',
    );
  });
});
