export { catalogGraphModule } from './catalogGraphModule';
