import { MenuItem, TextField } from '@material-ui/core';

/** One of the explorer's filters: a select with "All" and the values given. */
export function FilterSelect(props: {
  label: string;
  value: string;
  values: Array<{ value: string; label: string }>;
  onChange: (value: string) => void;
}) {
  const { label, value, values, onChange } = props;
  return (
    <TextField
      select
      // Links the label to the select's button, which it then names.
      id={`filter-${label.toLocaleLowerCase('en-US').replace(/\s+/g, '-')}`}
      label={label}
      variant="outlined"
      size="small"
      value={value}
      onChange={event => onChange(event.target.value)}
      // Wide enough for its label, which an empty select does not size for.
      style={{ minWidth: Math.max(150, 60 + 8 * label.length) }}
      // "All" shows when nothing is chosen, and names the select with its label.
      SelectProps={{ displayEmpty: true }}
      InputLabelProps={{ shrink: true }}
    >
      <MenuItem value="">All</MenuItem>
      {values.map(option => (
        <MenuItem key={option.value} value={option.value}>
          {option.label}
        </MenuItem>
      ))}
    </TextField>
  );
}
