import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { ReactNode } from 'react';
import { cardTitleAsHeading } from '@meshwork/plugin-data-products-react';

/** What `useAsync` returns, or any request's state on the same terms. */
export type AsyncValue<T> = {
  loading: boolean;
  error?: Error;
  value?: T;
};

/**
 * A card over one request: progress while it runs, the error when it fails
 * (never a blank card), else `children` of its answer. The title is a real
 * heading so that the page can be read and tested by its headings.
 */
export function AsyncInfoCard<T>(props: {
  title: string;
  state: AsyncValue<T>;
  /** For tables, which bring their own padding. */
  noPadding?: boolean;
  action?: ReactNode;
  children: (value: T) => ReactNode;
}) {
  const { title, state, noPadding, action, children } = props;
  let content: ReactNode;
  if (state.loading) {
    content = <Progress />;
  } else if (state.error) {
    content = <ResponseErrorPanel error={state.error} />;
  } else {
    content = children(state.value as T);
  }
  return (
    <InfoCard
      title={title}
      titleTypographyProps={cardTitleAsHeading}
      action={action}
      noPadding={noPadding && !state.loading && !state.error}
    >
      {content}
    </InfoCard>
  );
}
