import { InputAdornment, TextField } from '@material-ui/core';
import SearchIcon from '@material-ui/icons/Search';
import { useEffect, useRef, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';

/** How long typing pauses before a search: as Backstage's own search bar. */
const TYPING_PAUSE_MS = 250;

/**
 * The explorer's free-text box. It keeps what is typed to itself and reports
 * a term once typing pauses, so keystrokes re-render nothing else.
 */
export function ExplorerSearchField(props: {
  value: string;
  onSearch: (term: string) => void;
}) {
  const { value, onSearch } = props;
  const [term, setTerm] = useState(value);
  // Terms reported and not yet come back as `value`, oldest first. One that
  // comes back is this field's own, late: letters typed since are kept. Any
  // other value is a change from outside (Back, an edited address), shown.
  const reported = useRef<string[]>([]);
  useEffect(() => {
    const echoed = reported.current.indexOf(value);
    if (echoed >= 0) {
      reported.current = reported.current.slice(echoed + 1);
      return;
    }
    reported.current = [];
    setTerm(value);
  }, [value]);
  useDebounce(
    () => {
      if (term === value) return;
      reported.current.push(term);
      onSearch(term);
    },
    TYPING_PAUSE_MS,
    [term],
  );
  return (
    <TextField
      label="Search"
      placeholder="Product, table or column name"
      variant="outlined"
      size="small"
      value={term}
      onChange={event => setTerm(event.target.value)}
      InputProps={{
        startAdornment: (
          <InputAdornment position="start">
            <SearchIcon />
          </InputAdornment>
        ),
      }}
      inputProps={{ 'aria-label': 'Search data products' }}
      style={{ minWidth: 320 }}
    />
  );
}
