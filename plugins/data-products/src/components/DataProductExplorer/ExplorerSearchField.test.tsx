import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRef, useState } from 'react';
import { ExplorerSearchField } from './ExplorerSearchField';

/**
 * A parent as slow as a big mesh: the terms reported come back as the
 * field's value only when the test says, after more letters are typed. A
 * button changes the value from outside, as Back or an edited address would.
 */
function SlowParent() {
  const [value, setValue] = useState('');
  const searched = useRef<string[]>([]);
  const [count, setCount] = useState(0);
  return (
    <>
      <ExplorerSearchField
        value={value}
        onSearch={term => {
          searched.current.push(term);
          setCount(current => current + 1);
        }}
      />
      <output aria-label="searches">{count}</output>
      <button onClick={() => setValue(searched.current.shift() ?? value)}>
        Answer a search
      </button>
      <button onClick={() => setValue('orders')}>Go to orders</button>
    </>
  );
}

const searchBox = () =>
  screen.getByRole('textbox', { name: 'Search data products' });
const searches = () => screen.getByRole('status', { name: 'searches' });
const answer = () =>
  userEvent.click(screen.getByRole('button', { name: 'Answer a search' }));

describe('ExplorerSearchField', () => {
  it('keeps the letters typed since a search when its answer comes', async () => {
    render(<SlowParent />);
    await userEvent.type(searchBox(), 're');
    await waitFor(() => expect(searches()).toHaveTextContent('1'));
    await userEvent.type(searchBox(), 'fu');
    await waitFor(() => expect(searches()).toHaveTextContent('2'));
    await userEvent.type(searchBox(), 'nd');
    // The searches for "re" and "refu" come back, late.
    await answer();
    expect(searchBox()).toHaveValue('refund');
    await answer();
    expect(searchBox()).toHaveValue('refund');
    await userEvent.type(searchBox(), 's');
    expect(searchBox()).toHaveValue('refunds');
    await waitFor(() => expect(searches()).toHaveTextContent('3'));
  }, 30_000);

  it('keeps every letter typed at a steady pace, answers coming late', async () => {
    const Parent = () => {
      const [value, setValue] = useState('');
      return (
        <ExplorerSearchField
          value={value}
          onSearch={term => setTimeout(() => setValue(term), 400)}
        />
      );
    };
    render(<Parent />);
    const user = userEvent.setup({ delay: 60 });
    await user.type(searchBox(), 'refunds');
    expect(searchBox()).toHaveValue('refunds');
    // The last answer, for "refunds", leaves it as it is.
    await new Promise(resolve => setTimeout(resolve, 1000));
    expect(searchBox()).toHaveValue('refunds');
  }, 30_000);

  it('shows a value changed from outside', async () => {
    render(<SlowParent />);
    await userEvent.type(searchBox(), 'refunds');
    await waitFor(() => expect(searches()).toHaveTextContent('1'));
    await answer();
    await userEvent.click(screen.getByRole('button', { name: 'Go to orders' }));
    expect(searchBox()).toHaveValue('orders');
    // Even one searched for before, such as after Back.
    await userEvent.clear(searchBox());
    await waitFor(() => expect(searches()).toHaveTextContent('2'));
    await answer();
    expect(searchBox()).toHaveValue('');
    await userEvent.click(screen.getByRole('button', { name: 'Go to orders' }));
    expect(searchBox()).toHaveValue('orders');
  }, 30_000);
});
