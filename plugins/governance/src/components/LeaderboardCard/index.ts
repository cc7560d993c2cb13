export { LeaderboardCard } from './LeaderboardCard';
