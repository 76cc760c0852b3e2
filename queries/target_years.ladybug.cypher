// How many targets of an indicator there are per target year (no year counts as 9999, last): a
// page of targets, earliest years first, needs only the years up to the one that fills it.
// @param indicator_id  required: indicator node id (asked once per indicator: see queries.LIST_PARAMS)
MATCH (i:Indicator {id: $indicator_id})<-[:MEASURES]-(g:Target)
RETURN i.id AS indicator_id, coalesce(g.year, 9999) AS year, count(*) AS targets
ORDER BY indicator_id, year
