export { DomainLink } from './DomainLink';
