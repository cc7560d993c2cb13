import { InputAdornment, TextField } from '@material-ui/core';
import SearchIcon from '@material-ui/icons/Search';
import { useEffect, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';

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
  useEffect(() => setTerm(value), [value]);
  useDebounce(
    () => {
      if (term !== value) onSearch(term);
    },
    50,
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
