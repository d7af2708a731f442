/** Where the tests find the course's football.mat: LAB_FOOTBALL_MAT, else /work/shared/data beside the repository. */
export const FOOTBALL_MAT = process.env.LAB_FOOTBALL_MAT ?? new URL('../../../../shared/data/football.mat', import.meta.url).pathname;
