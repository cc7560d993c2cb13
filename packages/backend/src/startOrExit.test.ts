import { startOrExit } from './startOrExit';

describe('startOrExit', () => {
  it('exits with 1 when start-up fails, saying why', async () => {
    const exit = jest.fn();
    const logged = jest.spyOn(console, 'error').mockImplementation(() => {});
    const failure = new Error('Plugin catalog startup failed');
    await startOrExit({ start: () => Promise.reject(failure) }, exit);
    expect(exit).toHaveBeenCalledWith(1);
    expect(logged).toHaveBeenCalledWith(
      'meshwork: the backend did not start; exiting',
      failure,
    );
    logged.mockRestore();
  });

  it('leaves a backend that started running', async () => {
    const exit = jest.fn();
    await startOrExit({ start: () => Promise.resolve() }, exit);
    expect(exit).not.toHaveBeenCalled();
  });
});
