/**
 * A failure inside the save, sent as `422 {"errors":[{"msg": message}]}`. The messages copy
 * the raw JavaScript or PostgreSQL texts of the production server, which clients must not match.
 */
export class SaveError extends Error {}
