package dev.ledgerline.bench;

/**
 * What one benchmark run measures ({@code --only}): the ceilings, the Narayana worker's scenarios, Liberty's.
 * The flag spells them in lower case, as the report does.
 */
enum BenchPart {
    /** The database alone and the broker alone: what neither design can exceed. */
    CEILINGS,
    /** The worker draining a preloaded backlog (XA only). */
    WORKER,
    /** Liberty over HTTP, both designs, closed and open loop. */
    LIBERTY,
    /** Both designs through HAProxy on clusters of 1 to 3 servers and 0 to 2 workers: the scaling rows. */
    CLUSTER
}
