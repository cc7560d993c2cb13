/**
 * A time as `2027-01-05 23:59 UTC`: a scorecard's message reads the same for
 * every reader, wherever it was computed, without seconds nobody acts on.
 */
export const utcMinute = (time: string) =>
  `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
